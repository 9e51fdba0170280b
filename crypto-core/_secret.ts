/** OTP shared secrets as base32 text (RFC 4648 §6): normalising what people and issuers type, and decoding. */
import { base32nopad } from '@scure/base';
import { WardError } from './errors';

/** Longest secret accepted, in base32 characters (320 bytes; real secrets are 10–64 bytes). */
export const MAX_SECRET_CHARS = 512;
/** The key bytes MAX_SECRET_CHARS holds. */
export const MAX_SECRET_BYTES = (MAX_SECRET_CHARS * 5) / 8;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
// Spaces and hyphens only group characters for reading ("JBSW Y3DP ..."); neither is in the alphabet.
const SEPARATORS = /[\s-]+/g;
const CANONICAL = /^[A-Z2-7]+$/;

/**
 * Secret in canonical form: RFC 4648 base32, upper case, no padding, no spaces or hyphens.
 * Accepts lower case, '=' padding and space-grouped input; keeps the characters otherwise as given
 * (so the user can still compare it with what the site showed). Throws WardError
 * ('missing-secret' | 'invalid-secret'); messages never repeat the secret.
 */
export function normalizeSecret(input: string): string {
  if (typeof input !== 'string') {
    throw new WardError('invalid-secret', 'The secret must be base32 text (letters A–Z and digits 2–7).');
  }
  if (input.length > MAX_SECRET_CHARS * 2) {
    throw new WardError('invalid-secret', `The secret is too long: at most ${MAX_SECRET_CHARS} characters.`);
  }
  // Fast path: stored secrets are already canonical, and codes are generated from them many times.
  if (CANONICAL.test(input) && input.length <= MAX_SECRET_CHARS && input.length > 1) return input;
  const s = input.replace(SEPARATORS, '').replace(/=+$/, '').toUpperCase();
  if (s.length === 0) throw new WardError('missing-secret', 'The secret is empty: paste or scan it again.');
  if (s.length > MAX_SECRET_CHARS) {
    throw new WardError('invalid-secret', `The secret is too long: at most ${MAX_SECRET_CHARS} characters.`);
  }
  for (let i = 0; i < s.length; i++) {
    if (!ALPHABET.includes(s.charAt(i))) {
      // The position, never the character: even one character is part of the secret.
      throw new WardError(
        'invalid-secret',
        `The secret is not base32: character ${i + 1} is not a letter A–Z or a digit 2–7.`,
      );
    }
  }
  if (Math.floor((s.length * 5) / 8) < 1) {
    throw new WardError('invalid-secret', 'The secret is too short: it must hold at least one byte.');
  }
  return s;
}

/**
 * Key bytes of a secret (normalised first). Lenient like Google Authenticator: bits that do not fill a
 * whole byte at the end are ignored instead of rejected, since issuers that draw random base32
 * characters (26, 52, ... of them) leave non-zero bits there. The caller zeroes the result after use.
 */
export function decodeSecret(secret: string): Uint8Array {
  const s = normalizeSecret(secret);
  const nbytes = Math.floor((s.length * 5) / 8);
  const nchars = Math.ceil((nbytes * 8) / 5);
  const usedBits = nbytes * 8 - (nchars - 1) * 5;
  let canonical = s.slice(0, nchars);
  if (usedBits < 5) {
    // @scure/base is strict about the unused low bits of the last character: clear them.
    const last = ALPHABET.indexOf(canonical.charAt(nchars - 1)) & ~((1 << (5 - usedBits)) - 1);
    canonical = canonical.slice(0, -1) + ALPHABET.charAt(last);
  }
  return base32nopad.decode(canonical);
}

/** Canonical base32 (RFC 4648, upper case, no padding) of key bytes. */
export function encodeSecret(bytes: Uint8Array): string {
  return base32nopad.encode(bytes);
}
