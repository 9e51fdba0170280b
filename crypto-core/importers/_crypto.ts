/** Decryption helpers for other apps' encrypted exports: PBKDF2 and AES (WebCrypto), encodings, Argon2id. */
import { base64, hex } from '@scure/base';
import { argon2id as wasmArgon2id } from 'hash-wasm';
import { utf8, utf8DecodeOrNull, wipe } from '../_bytes';
import { open } from '../aead';
import { isWardError, WardError } from '../errors';

const EMPTY = new Uint8Array(0);

// WebCrypto wants ArrayBuffer-backed views; a copy also keeps callers' buffers out of its hands.
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** PBKDF2 (RFC 8018) over the UTF-8 password, through WebCrypto; `length` bytes. */
export async function pbkdf2(
  hash: 'SHA-1' | 'SHA-256',
  password: string,
  salt: Uint8Array,
  iterations: number,
  length = 32,
): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const pw = utf8(password);
  try {
    const base = await subtle.importKey('raw', own(pw), 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash, salt: own(salt), iterations },
      base,
      length * 8,
    );
    return new Uint8Array(bits);
  } finally {
    wipe(pw);
  }
}

/**
 * AES-256-GCM (NIST SP 800-38D) open of `ciphertext || tag`; null when the tag does not verify
 * (wrong key or altered data), so each importer decides whether that means a bad password or damage.
 */
export async function gcmOpenOrNull(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array = EMPTY,
): Promise<Uint8Array | null> {
  try {
    return await open(key, nonce, sealed, aad);
  } catch (e) {
    if (isWardError(e, 'decrypt-failed')) return null;
    throw e;
  }
}

/** AES-256-CBC with PKCS#7 padding (NIST SP 800-38A); null when the padding is wrong. Unauthenticated: legacy formats only. */
export async function cbcOpenOrNull(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array | null> {
  const subtle = globalThis.crypto.subtle;
  const k = await subtle.importKey('raw', own(key), 'AES-CBC', false, ['decrypt']);
  try {
    return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: own(iv) }, k, own(ciphertext)));
  } catch {
    return null;
  }
}

/**
 * Argon2id (RFC 9106) for a foreign format whose parameters are fixed by that format's code, not read
 * from the file (so a file cannot choose them). Ward's own vault uses kdf.ts, which enforces its floor.
 */
export async function argon2idFixed(
  password: string,
  salt: Uint8Array,
  params: { m: number; t: number; p: number },
): Promise<Uint8Array> {
  const pw = utf8(password);
  try {
    return await wasmArgon2id({
      password: pw,
      salt,
      iterations: params.t,
      parallelism: params.p,
      memorySize: params.m,
      hashLength: 32,
      outputType: 'binary',
    });
  } finally {
    wipe(pw);
  }
}

/** Standard base64 with padding (RFC 4648 §4); whitespace ignored; else WardError('corrupt') naming `what`. */
export function decodeBase64(text: unknown, what: string): Uint8Array {
  if (typeof text !== 'string') throw new WardError('corrupt', `${what} is missing: the file is damaged.`);
  try {
    return base64.decode(text.replace(/\s+/g, ''));
  } catch {
    throw new WardError('corrupt', `${what} is not valid base64: the file is damaged.`);
  }
}

/** Hexadecimal (RFC 4648 §8, either case); else WardError('corrupt') naming `what`. */
export function decodeHex(text: unknown, what: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 2 !== 0) {
    throw new WardError('corrupt', `${what} is missing or not hexadecimal: the file is damaged.`);
  }
  try {
    return hex.decode(text.toLowerCase());
  } catch {
    throw new WardError('corrupt', `${what} is not hexadecimal: the file is damaged.`);
  }
}

/** Decrypted bytes as JSON (RFC 8259); WardError('corrupt') when they are not. */
export function parseDecryptedJson(bytes: Uint8Array, format: string): unknown {
  const text = utf8DecodeOrNull(bytes);
  try {
    if (text === null) throw new Error('not UTF-8');
    return JSON.parse(text);
  } catch {
    throw new WardError('corrupt', `The ${format} file decrypted but its contents are not valid JSON.`);
  } finally {
    wipe(bytes);
  }
}
