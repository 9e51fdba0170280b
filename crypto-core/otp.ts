/** One-time codes: HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard, from an Entry. */
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { HOTP, Secret, TOTP } from 'otpauth';
import { canonicalEntry, checkPeriod, checkType, DEFAULT_PERIOD } from './_entry-check';
import { decodeSecret } from './_secret';
import type { Entry } from './entry';
import { WardError } from './errors';

/** Steam Guard's code alphabet: digits and consonants that cannot be misread for one another. */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

function checkTime(atMs: unknown): number {
  if (typeof atMs !== 'number' || !Number.isFinite(atMs) || atMs < 0) {
    throw new WardError('invalid-argument', 'The time must be milliseconds since 1970, 0 or more.');
  }
  return atMs;
}

/** otpauth wants a Secret over its own ArrayBuffer; share it so zeroing `key` clears the copy too. */
function toSecret(key: Uint8Array): Secret {
  return new Secret({ buffer: key.buffer as ArrayBuffer });
}

/** Steam Guard: RFC 6238 TOTP with HMAC-SHA1 and 30 s steps, then 5 characters of STEAM_ALPHABET. */
function steamCode(key: Uint8Array, step: number): string {
  const msg = new Uint8Array(8);
  new DataView(msg.buffer).setBigUint64(0, BigInt(step));
  const mac = hmac(sha1, key, msg);
  // RFC 4226 §5.3 dynamic truncation to a 31-bit integer.
  const offset = (mac[19] as number) & 0x0f;
  let value =
    (((mac[offset] as number) & 0x7f) << 24) |
    ((mac[offset + 1] as number) << 16) |
    ((mac[offset + 2] as number) << 8) |
    (mac[offset + 3] as number);
  mac.fill(0);
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += STEAM_ALPHABET.charAt(value % STEAM_ALPHABET.length);
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/**
 * The code `entry` shows at `atMs` (TOTP RFC 6238, Steam Guard) or at `entry.counter` (HOTP RFC 4226).
 * HOTP does not advance the counter: the caller stores `counter + 1` after using a code.
 * Throws WardError for an invalid entry or a negative/non-finite time.
 */
export function generateCode(entry: Entry, atMs: number = Date.now()): string {
  const e = canonicalEntry(entry);
  const time = checkTime(atMs);
  const key = decodeSecret(e.secret);
  try {
    switch (e.type) {
      case 'hotp':
        return HOTP.generate({
          secret: toSecret(key),
          algorithm: e.algorithm,
          digits: e.digits,
          counter: e.counter,
        });
      case 'totp':
        return TOTP.generate({
          secret: toSecret(key),
          algorithm: e.algorithm,
          digits: e.digits,
          period: e.period,
          timestamp: time,
        });
      case 'steam':
        return steamCode(key, Math.floor(time / 1000 / DEFAULT_PERIOD));
    }
  } finally {
    key.fill(0);
  }
}

/**
 * Milliseconds until the code of a TOTP or Steam entry changes (RFC 6238 time step).
 * HOTP codes do not expire: returns Infinity for them.
 */
export function timeLeft(entry: Entry, atMs: number = Date.now()): number {
  if (typeof entry !== 'object' || entry === null) {
    throw new WardError('invalid-argument', 'Expected an entry object.');
  }
  const type = checkType(entry.type);
  const time = checkTime(atMs);
  if (type === 'hotp') return Number.POSITIVE_INFINITY;
  const stepMs = (type === 'steam' ? DEFAULT_PERIOD : checkPeriod(entry.period)) * 1000;
  return stepMs - (time % stepMs);
}
