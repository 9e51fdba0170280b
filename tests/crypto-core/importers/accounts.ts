// The one canonical list of accounts every generated fixture is made from, with the code each one
// shows at AT_MS. Secrets and codes are the RFC test vectors, so the expected codes are not Ward's output:
// - RFC 6238 appendix B (T = 59 s): SHA1 94287082, SHA256 46119246, SHA512 90693936 (8 digits);
//   6 digits are the same truncation mod 10^6: 287082.
// - RFC 4226 appendix D (HOTP, secret "12345678901234567890"): counter 0 → 755224, counter 7 → 162583.
//   A 60 s period at T = 59 s is time step 0, so it shows the counter-0 code.
// - Steam Guard: the RFC 4226 31-bit truncated value at step 1 (1094287082, appendix D), written in
//   Steam's 26-letter alphabet, least significant first (the published Steam Guard algorithm).
import { base32nopad } from '@scure/base';
import type { Entry } from '../../../crypto-core/entry';

export const AT_MS = 59_000;

const ascii = (s: string) => base32nopad.encode(new TextEncoder().encode(s));
export const SECRET_SHA1 = ascii('12345678901234567890');
export const SECRET_SHA256 = ascii('12345678901234567890123456789012');
export const SECRET_SHA512 = ascii('1234567890123456789012345678901234567890123456789012345678901234');

function steamCode(value: number): string {
  const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += alphabet[value % 26];
    value = Math.floor(value / 26);
  }
  return out;
}

export interface Account {
  /** short name used to pick accounts per format */
  key: 'totp8' | 'sha256' | 'sha512' | 'period60' | 'hotp' | 'steam' | 'totp6';
  entry: Entry;
  code: string;
}

const totp = (
  issuer: string,
  account: string,
  secret: string,
  algorithm: Entry['algorithm'],
  digits: number,
  period = 30,
): Entry => ({
  type: 'totp',
  issuer,
  account,
  secret,
  algorithm,
  digits,
  period,
  counter: 0,
});

export const ACCOUNTS: readonly Account[] = [
  { key: 'totp8', entry: totp('ACME Co', 'alice@example.com', SECRET_SHA1, 'SHA1', 8), code: '94287082' },
  { key: 'sha256', entry: totp('Ωmega Bank', 'Zoë 测试 🔐', SECRET_SHA256, 'SHA256', 8), code: '46119246' },
  { key: 'sha512', entry: totp('Example', 'bob', SECRET_SHA512, 'SHA512', 8), code: '90693936' },
  { key: 'period60', entry: totp('Sixty', 'carol', SECRET_SHA1, 'SHA1', 6, 60), code: '755224' },
  {
    key: 'hotp',
    entry: {
      type: 'hotp',
      issuer: 'Hotp Inc',
      account: 'dave',
      secret: SECRET_SHA1,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 7,
    },
    code: '162583',
  },
  {
    key: 'steam',
    entry: {
      type: 'steam',
      issuer: 'Steam',
      account: 'gaben',
      secret: SECRET_SHA1,
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: 0,
    },
    code: steamCode(1094287082),
  },
  { key: 'totp6', entry: totp('Plain', 'erin', SECRET_SHA1, 'SHA1', 6), code: '287082' },
];

/** The OTP fields of an entry, for comparing without Ward's metadata (tags, note, ...). */
export function otpFields(e: Entry): Entry {
  const { type, issuer, account, secret, algorithm, digits, period, counter } = e;
  return { type, issuer, account, secret, algorithm, digits, period, counter };
}

export function secretBytes(e: Entry): Uint8Array {
  return base32nopad.decode(e.secret);
}
