/** Session tokens, sign-in codes and their at-rest hashes (node:crypto CSPRNG, SHA-256, HMAC-SHA-256). */
import { createHmac, hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Session tokens are 256-bit random values, base64url without padding (43 characters). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new 256-bit bearer token (base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a token, the only form stored. A 256-bit random token needs no salt or slow hash:
 * the hash cannot be reversed and a database leak yields nothing that authenticates.
 */
export function hashToken(token: string): Buffer {
  return Buffer.from(tokenDigest(token), 'base64');
}

/**
 * The same SHA-256 as base64, the session cache's key. One-shot `crypto.hash` (Node ≥ 20.12): a
 * `createHash` object per request was measured as a quarter of an up-to-date pull's extra cost.
 */
export function tokenDigest(token: string): string {
  return hash('sha256', token, 'base64');
}

/** A uniformly random 6-digit code (rejection-sampled by `randomInt`, no modulo bias). */
export function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** A fresh 256-bit key for code MACs; held only in memory. */
export function newCodeKey(): Buffer {
  return randomBytes(32);
}

/**
 * HMAC-SHA-256 (RFC 2104) over the code's row id, email and digits, keyed by a server key that
 * never touches disk. A per-code salt alone would not do: 10^6 codes are brute-forced offline in
 * a blink, salt or not; without the key a stolen database says nothing about pending codes.
 */
export function macCode(key: Uint8Array, codeId: string, email: string, code: string): Buffer {
  return createHmac('sha256', key).update(`ward/v1/sign-in-code|${codeId}|${email}|${code}`, 'utf8').digest();
}

/** Constant-time equality of two digests (lengths are public). */
export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
