/** Byte helpers shared inside crypto-core: base64url (RFC 4648 §5), UTF-8, CSPRNG, constant-time compare. */
import { base64urlnopad } from '@scure/base';
import { WardError, type WardErrorCode } from './errors';

const encoder = new TextEncoder();
// fatal: a file that is not valid UTF-8 must not turn into text with U+FFFD in it.
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 encode (WHATWG Encoding). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Strict UTF-8 decode (WHATWG Encoding); null when the bytes are not UTF-8. Drops a leading BOM. */
export function utf8DecodeOrNull(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Unpadded base64url (RFC 4648 §5), the encoding of every binary value Ward writes to JSON or the wire. */
export function toB64u(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

/** Decode unpadded base64url (RFC 4648 §5); anything else throws WardError(code) naming `what`. */
export function fromB64u(text: unknown, what: string, code: WardErrorCode = 'corrupt'): Uint8Array {
  if (typeof text !== 'string') throw new WardError(code, `${what} is missing or not a string`);
  try {
    return base64urlnopad.decode(text);
  } catch {
    throw new WardError(code, `${what} is not valid base64url`);
  }
}

/** `n` bytes from the platform CSPRNG (WebCrypto getRandomValues). */
export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** Constant-time equality for secrets: the time depends on the length only, never on where bytes differ. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** Concatenate byte arrays into a new one. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Overwrite key material with zeros once it is no longer needed (best effort in a GC'd runtime). */
export function wipe(...buffers: (Uint8Array | undefined)[]): void {
  for (const b of buffers) b?.fill(0);
}

/** Throws WardError('invalid-argument') unless `value` is a Uint8Array of `length` bytes. */
export function assertBytes(value: unknown, length: number | undefined, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new WardError('invalid-argument', `${what} must be a Uint8Array`);
  if (length !== undefined && value.length !== length) {
    throw new WardError('invalid-argument', `${what} must be ${length} bytes, got ${value.length}`);
  }
  return value;
}

/** Throws WardError('invalid-argument') unless `value` is a non-empty string. */
export function assertNonEmptyString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new WardError('invalid-argument', `${what} must be a non-empty string`);
  }
  return value;
}

// Ids go into AAD strings joined by '|': a '|' inside one would let two different (vault, record)
// pairs produce the same AAD, so ids are restricted to a safe alphabet.
const ID_RE = /^[A-Za-z0-9._:~-]{1,128}$/;

/** Throws WardError(code) unless `value` is an id usable in AAD: 1–128 chars of [A-Za-z0-9._:~-]. */
export function assertId(value: unknown, what: string, code: WardErrorCode = 'invalid-argument'): string {
  if (typeof value !== 'string' || !ID_RE.test(value)) {
    throw new WardError(code, `${what} must be 1–128 characters of A–Z, a–z, 0–9, '.', '_', ':', '~' or '-'`);
  }
  return value;
}
