/** otpauth:// URIs, as in Google Authenticator's Key URI format and as real issuers and apps write them. */
import {
  canonicalEntry,
  checkAlgorithm,
  checkCounter,
  checkDigits,
  checkName,
  checkPeriod,
  DEFAULT_PERIOD,
  steamEntry,
} from './_entry-check';
import { joinNames, namesFromRawLabel } from './_label';
import { normalizeSecret } from './_secret';
import { singleParam, splitUri, type UriParts } from './_uri-parts';
import type { Entry, HashAlgorithm, OtpType } from './entry';
import { WardError } from './errors';

export { normalizeSecret } from './_secret';

function parseType(parts: UriParts): OtpType {
  const host = parts.host;
  if (host === 'totp' || host === 'hotp' || host === 'steam') {
    // KeePassXC and Strongbox mark Steam on a totp link with encoder=steam; Aegis and Ente use steam://.
    if (host === 'totp' && singleParam(parts, 'encoder')?.trim().toLowerCase() === 'steam') return 'steam';
    return host;
  }
  const shown = /^[a-z0-9-]{1,16}$/.test(host) ? ` "${host}"` : '';
  throw new WardError('unknown-type', `Unknown OTP type${shown}: Ward reads totp, hotp and steam links.`);
}

function parseAlgorithm(value: string | undefined): HashAlgorithm {
  if (value === undefined) return 'SHA1';
  // "sha256" and "SHA-256" both occur in the wild.
  const name = value.trim().toUpperCase().replace('-', '');
  if (name === 'MD5') {
    throw new WardError('invalid-algorithm', 'MD5 codes are not supported: use SHA1, SHA256 or SHA512.');
  }
  return checkAlgorithm(name);
}

/** A decimal parameter: only digits, no sign, space, fraction or exponent; at most `maxDigits` of them. */
function decimal(value: string, maxDigits: number): number {
  return new RegExp(`^[0-9]{1,${maxDigits}}$`).test(value) ? Number(value) : Number.NaN;
}

function parseDigits(value: string | undefined): number {
  return value === undefined ? 6 : checkDigits(decimal(value, 3));
}

function parsePeriod(value: string | undefined): number {
  return value === undefined ? DEFAULT_PERIOD : checkPeriod(decimal(value, 9));
}

function parseCounter(value: string | undefined): number {
  return value === undefined ? 0 : checkCounter(decimal(value, 16));
}

/**
 * Entry from an otpauth:// URI (Google Authenticator Key URI format). Lenient where issuers differ:
 * scheme and type in any case, issuer from the label prefix ("Issuer:account", "Issuer: account",
 * "Issuer%3Aaccount") and/or the `issuer` parameter (the parameter wins), secrets in lower case, padded
 * or space-grouped, '+' as a space in parameters (form encoding) but literal in the label, `algorithm`
 * as "sha256" or "SHA-256", Steam as otpauth://steam/ or `encoder=steam`. Defaults: SHA1, 6 digits,
 * 30 s, counter 0. Strict where a wrong guess would give wrong codes: throws WardError with a code
 * naming the bad part. The returned entry is canonical (names trimmed, secret normalised).
 */
export function parseOtpauthUri(uri: string): Entry {
  const parts = splitUri(uri);
  if (parts.scheme !== 'otpauth') {
    throw new WardError(
      'unknown-scheme',
      parts.scheme === 'otpauth-migration'
        ? 'This is a Google Authenticator export (otpauth-migration://): import it as one.'
        : 'Not an otpauth:// link: an authenticator QR code starts with otpauth://.',
    );
  }
  const type = parseType(parts);
  const rawSecret = singleParam(parts, 'secret');
  if (rawSecret === undefined || rawSecret.trim() === '') {
    throw new WardError('missing-secret', 'The link has no secret: it needs a secret=... parameter.');
  }
  const secret = normalizeSecret(rawSecret);
  const names = namesFromRawLabel(parts.path, singleParam(parts, 'issuer') ?? '');
  const issuer = checkName(names.issuer, 'issuer', 'invalid-uri');
  const account = checkName(names.account, 'account', 'invalid-uri');
  if (type === 'steam') return steamEntry(issuer, account, secret);
  return {
    type,
    issuer,
    account,
    secret,
    algorithm: parseAlgorithm(singleParam(parts, 'algorithm')),
    digits: parseDigits(singleParam(parts, 'digits')),
    period: type === 'totp' ? parsePeriod(singleParam(parts, 'period')) : DEFAULT_PERIOD,
    counter: type === 'hotp' ? parseCounter(singleParam(parts, 'counter')) : 0,
  };
}

/**
 * otpauth:// URI of `entry` (Key URI format): label "Issuer:account" plus the `issuer` parameter, every
 * name percent-encoded (a '+' becomes %2B, a space %20), all parameters explicit. Steam entries are
 * written as otpauth://steam/ (Aegis, Ente). `parseOtpauthUri` reads the result back to the same
 * canonical entry. Throws WardError for an invalid entry. The URI contains the secret: handle it as one.
 */
export function toOtpauthUri(entry: Entry): string {
  const e = canonicalEntry(entry);
  const label = joinNames(e, encodeURIComponent);
  const params = [`secret=${e.secret}`];
  if (e.issuer !== '') params.push(`issuer=${encodeURIComponent(e.issuer)}`);
  params.push(`algorithm=${e.algorithm}`, `digits=${e.digits}`);
  params.push(e.type === 'hotp' ? `counter=${e.counter}` : `period=${e.period}`);
  return `otpauth://${e.type}/${label}?${params.join('&')}`;
}
