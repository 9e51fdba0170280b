/** Checks an Entry's OTP parameters (RFC 4226 / RFC 6238 ranges) and returns its canonical form. */
import { normalizeSecret } from './_secret';
import type { Entry, HashAlgorithm, OtpType } from './entry';
import { HASH_ALGORITHMS, MAX_DIGITS, MIN_DIGITS, OTP_TYPES, STEAM_DIGITS } from './entry';
import { WardError, type WardErrorCode } from './errors';

/** Longest period accepted: one day. Longer ones are typos or hostile input, never real accounts. */
export const MAX_PERIOD = 86_400;
export const DEFAULT_PERIOD = 30;
/** Longest issuer or account name, in UTF-16 units; keeps every URI Ward writes under 8 KiB. */
export const MAX_NAME_LENGTH = 256;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws unless `name` is text that can be written into a URI or a protobuf string. */
export function checkName(
  name: unknown,
  field: 'issuer' | 'account',
  code: WardErrorCode = 'invalid-argument',
): string {
  if (typeof name !== 'string') throw new WardError(code, `The ${field} must be text.`);
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new WardError(code, `The ${field} is too long: at most ${MAX_NAME_LENGTH} characters.`);
  }
  if (LONE_SURROGATE.test(trimmed)) {
    throw new WardError(code, `The ${field} contains broken Unicode text.`);
  }
  return trimmed;
}

/** Digits for TOTP/HOTP: an integer 6–10 (RFC 4226 §5.3 asks for at least 6). */
export function checkDigits(digits: unknown): number {
  if (typeof digits !== 'number' || !Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new WardError(
      'invalid-digits',
      `The number of digits must be a whole number from ${MIN_DIGITS} to ${MAX_DIGITS}.`,
    );
  }
  return digits;
}

/** Period for TOTP: whole seconds, 1 to one day. */
export function checkPeriod(period: unknown): number {
  if (typeof period !== 'number' || !Number.isInteger(period) || period < 1 || period > MAX_PERIOD) {
    throw new WardError(
      'invalid-period',
      `The period must be a whole number of seconds from 1 to ${MAX_PERIOD} (usually 30).`,
    );
  }
  return period;
}

/** HOTP counter: a non-negative safe integer. */
export function checkCounter(counter: unknown): number {
  if (typeof counter !== 'number' || !Number.isSafeInteger(counter) || counter < 0) {
    throw new WardError('invalid-counter', 'The HOTP counter must be a whole number, 0 or more.');
  }
  return counter;
}

export function checkAlgorithm(algorithm: unknown): HashAlgorithm {
  if (!HASH_ALGORITHMS.includes(algorithm as HashAlgorithm)) {
    throw new WardError('invalid-algorithm', 'The algorithm must be SHA1, SHA256 or SHA512.');
  }
  return algorithm as HashAlgorithm;
}

export function checkType(type: unknown): OtpType {
  if (!OTP_TYPES.includes(type as OtpType)) {
    throw new WardError('unknown-type', 'The OTP type must be totp, hotp or steam.');
  }
  return type as OtpType;
}

/**
 * A Steam Guard entry: always 5 characters, SHA-1 and 30 s, whatever the source claims (Aegis writes
 * digits=5, KeePassXC digits=5 or nothing).
 */
export function steamEntry(issuer: string, account: string, secret: string): Entry {
  return {
    type: 'steam',
    issuer,
    account,
    secret,
    algorithm: 'SHA1',
    digits: STEAM_DIGITS,
    period: DEFAULT_PERIOD,
    counter: 0,
  };
}

/**
 * The OTP part of `entry`, checked and canonical: names trimmed, secret normalised, and the fields a
 * type does not use pinned (Steam: 5 digits, SHA1, 30 s; HOTP: period 30; TOTP/Steam: counter 0).
 * Throws WardError with the code of the first bad field. Ward's own metadata is not copied.
 */
export function canonicalEntry(entry: unknown): Entry {
  if (typeof entry !== 'object' || entry === null) {
    throw new WardError('invalid-argument', 'Expected an entry object.');
  }
  const e = entry as Record<string, unknown>;
  const type = checkType(e.type);
  const issuer = checkName(e.issuer, 'issuer');
  const account = checkName(e.account, 'account');
  if (e.secret === undefined || e.secret === null || e.secret === '') {
    throw new WardError('missing-secret', 'The entry has no secret.');
  }
  const secret = normalizeSecret(e.secret as string);
  if (type === 'steam') return steamEntry(issuer, account, secret);
  const algorithm = checkAlgorithm(e.algorithm);
  const digits = checkDigits(e.digits);
  const period = type === 'totp' ? checkPeriod(e.period) : DEFAULT_PERIOD;
  const counter = type === 'hotp' ? checkCounter(e.counter) : 0;
  return { type, issuer, account, secret, algorithm, digits, period, counter };
}

/** "Issuer (account)" for messages; never includes the secret. */
export function describeEntry(e: { issuer?: unknown; account?: unknown }, index: number): string {
  const issuer = typeof e.issuer === 'string' ? e.issuer.trim().slice(0, 64) : '';
  const account = typeof e.account === 'string' ? e.account.trim().slice(0, 64) : '';
  if (issuer && account) return `${issuer} (${account})`;
  return issuer || account || `entry ${index + 1}`;
}
