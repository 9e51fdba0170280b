/** Google Authenticator's export/import QR codes: otpauth-migration://offline?data=<base64 MigrationPayload>. */
import { base64, base64nopad } from '@scure/base';
import { canonicalEntry, checkName, DEFAULT_PERIOD, describeEntry } from './_entry-check';
import { joinNames, namesFromName } from './_label';
import {
  ALGORITHM,
  DIGIT_COUNT,
  decodeOtpParameters,
  decodePayload,
  encodeOtpParameters,
  encodePayload,
  type MigrationPayload,
  OTP_TYPE,
  type OtpParameters,
} from './_migration-payload';
import { decodeSecret, encodeSecret, MAX_SECRET_BYTES } from './_secret';
import { singleParam, splitUri } from './_uri-parts';
import type { Entry, HashAlgorithm } from './entry';
import { WardError, type WardErrorCode } from './errors';
import type { ImportEntryError } from './importers/types';

/**
 * Protobuf bytes per exported QR code. 600 bytes become about 830 URI characters (base64, plus
 * percent-encoding of '+', '/' and '='); measured: typical accounts (20-byte secret, ~45 characters of
 * names) give ~715-character URIs, QR version 22 at error correction M (105 modules a side), 6 accounts
 * per code. That scans from a laptop screen at ordinary size; bigger codes get dense enough that phone
 * cameras struggle (version 40 is 177 modules).
 */
export const MIGRATION_PAYLOAD_BUDGET = 600;
// Room for version, batch_size, batch_index (tag + ≤ 5-byte varint each) and batch_id (a negative
// int32 takes a 10-byte varint).
const HEADER_RESERVE = 32;

/** One account of an export that cannot be imported, with the reason; never carries the secret. */
export interface MigrationEntryError extends ImportEntryError {
  code: WardErrorCode;
}

/** Everything one otpauth-migration:// QR code holds. */
export interface MigrationBatch {
  entries: Entry[];
  /** accounts that could not be read (MD5, 7 digits, damaged ...), in payload order */
  errors: MigrationEntryError[];
  version: number;
  /** 0-based position of this code among `batchSize` codes sharing `batchId` (0/0 when unset) */
  batchIndex: number;
  batchSize: number;
  batchId: number;
}

export interface MigrationExportOptions {
  /** shared by all codes of one export; random by default */
  batchId?: number;
  /** protobuf bytes per code; default MIGRATION_PAYLOAD_BUDGET */
  maxPayloadBytes?: number;
}

function migrationError(message: string, cause?: unknown): WardError {
  return new WardError('invalid-migration', message, cause === undefined ? undefined : { cause });
}

/** The payload bytes of the `data` parameter: standard or URL-safe base64, padded or not, '+' kept. */
function payloadBytes(uri: string): Uint8Array {
  const parts = splitUri(uri);
  if (parts.scheme !== 'otpauth-migration') {
    throw new WardError(
      'unknown-scheme',
      parts.scheme === 'otpauth'
        ? 'This is a single-account otpauth:// link, not a Google Authenticator export.'
        : 'Not a Google Authenticator export: those start with otpauth-migration://.',
    );
  }
  if (parts.host !== 'offline') {
    throw migrationError('Not a Google Authenticator export: expected otpauth-migration://offline?data=...');
  }
  // No '+'-as-space here: base64 uses '+', and exports are often pasted without percent-encoding.
  // A space can only be a '+' that something else form-decoded already.
  const data = singleParam(parts, 'data', false)
    ?.replace(/ /g, '+')
    .replace(/[-_]/g, (c) => (c === '-' ? '+' : '/'));
  if (!data) throw migrationError('The export has no data: scan the whole QR code again.');
  const unpadded = data.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(unpadded) || unpadded.length % 4 === 1) {
    throw migrationError('The export data is not valid base64: scan the QR code again.');
  }
  try {
    return base64nopad.decode(unpadded);
  } catch (e) {
    throw migrationError('The export data is not valid base64: scan the QR code again.', e);
  }
}

const ALGORITHMS: Record<number, HashAlgorithm> = {
  [ALGORITHM.UNSPECIFIED]: 'SHA1',
  [ALGORITHM.SHA1]: 'SHA1',
  [ALGORITHM.SHA256]: 'SHA256',
  [ALGORITHM.SHA512]: 'SHA512',
};
const DIGITS: Record<number, number> = {
  [DIGIT_COUNT.UNSPECIFIED]: 6,
  [DIGIT_COUNT.SIX]: 6,
  [DIGIT_COUNT.EIGHT]: 8,
};

/** Entry of one OtpParameters, or the WardError that says why it cannot be one. */
function toEntry(p: OtpParameters): Entry {
  const names = namesFromName(p.name, p.issuer);
  const issuer = checkName(names.issuer, 'issuer', 'invalid-migration');
  const account = checkName(names.account, 'account', 'invalid-migration');
  if (p.secret.length === 0) throw new WardError('missing-secret', 'The account has no secret.');
  if (p.secret.length > MAX_SECRET_BYTES) {
    throw new WardError('invalid-secret', `The account's secret is longer than ${MAX_SECRET_BYTES} bytes.`);
  }
  const algorithm = ALGORITHMS[p.algorithm];
  if (!algorithm) {
    throw new WardError(
      'invalid-algorithm',
      p.algorithm === ALGORITHM.MD5
        ? 'The account uses MD5, which Ward does not support.'
        : `The account uses an unknown algorithm (${p.algorithm}).`,
    );
  }
  const digits = DIGITS[p.digits];
  if (!digits)
    throw new WardError('invalid-digits', `The account uses an unknown digit count (${p.digits}).`);
  if (p.type !== OTP_TYPE.UNSPECIFIED && p.type !== OTP_TYPE.HOTP && p.type !== OTP_TYPE.TOTP) {
    throw new WardError('unknown-type', `The account has an unknown OTP type (${p.type}).`);
  }
  const hotp = p.type === OTP_TYPE.HOTP;
  if (hotp && (p.counter < 0n || p.counter > BigInt(Number.MAX_SAFE_INTEGER))) {
    throw new WardError('invalid-counter', 'The account has an HOTP counter out of range.');
  }
  return {
    type: hotp ? 'hotp' : 'totp',
    issuer,
    account,
    secret: encodeSecret(p.secret),
    algorithm,
    digits,
    period: DEFAULT_PERIOD,
    counter: hotp ? Number(p.counter) : 0,
  };
}

/**
 * Every account of one Google Authenticator export QR code, plus the ones that cannot be imported
 * (each with its index, label and reason) and the batch fields. Throws WardError only when the code as
 * a whole is unreadable ('invalid-uri', 'unknown-scheme', 'invalid-migration'), or holds no account.
 */
export function parseMigrationUriDetailed(uri: string): MigrationBatch {
  const bytes = payloadBytes(uri);
  let payload: MigrationPayload;
  try {
    payload = decodePayload(bytes);
  } catch (e) {
    bytes.fill(0);
    throw migrationError('The export data is damaged: scan the QR code again.', e);
  }
  const batch: MigrationBatch = {
    entries: [],
    errors: [],
    version: payload.version,
    batchIndex: payload.batchIndex,
    batchSize: payload.batchSize,
    batchId: payload.batchId,
  };
  payload.otpParameters.forEach((raw, index) => {
    let p: OtpParameters | undefined;
    try {
      p = decodeOtpParameters(raw);
      batch.entries.push(toEntry(p));
    } catch (e) {
      const code: WardErrorCode = e instanceof WardError ? e.code : 'invalid-migration';
      const message = e instanceof WardError ? e.message : 'The account is damaged in the export.';
      batch.errors.push({
        index,
        label: describeEntry(p ? namesFromName(p.name, p.issuer) : {}, index),
        message,
        code,
      });
    }
  });
  bytes.fill(0);
  if (payload.otpParameters.length === 0) throw migrationError('The export holds no accounts.');
  return batch;
}

/**
 * Entries of one Google Authenticator export QR code (otpauth-migration://, MigrationPayload). Strict:
 * if any account cannot be imported (MD5, unknown digits, no secret ...) it throws that account's
 * WardError naming it, so nothing vanishes silently; use `parseMigrationUriDetailed` to import the
 * rest and show the failures. A multi-code export is read one code (batch) at a time.
 */
export function parseMigrationUri(uri: string): Entry[] {
  const batch = parseMigrationUriDetailed(uri);
  const first = batch.errors[0];
  if (first) {
    const more = batch.errors.length > 1 ? ` (and ${batch.errors.length - 1} more)` : '';
    throw new WardError(first.code, `Account ${first.index + 1}, ${first.label}${more}: ${first.message}`);
  }
  return batch.entries;
}

/** Why `entry` cannot be written to a migration export, or null when it can. */
function exportProblem(e: Entry): string | null {
  if (e.type === 'steam') return 'Google Authenticator exports cannot hold Steam codes';
  if (e.digits !== 6 && e.digits !== 8) return 'Google Authenticator exports hold only 6- or 8-digit codes';
  if (e.type === 'totp' && e.period !== DEFAULT_PERIOD)
    return 'Google Authenticator exports hold only 30 s codes';
  return null;
}

/** True when `entry` is valid and Google Authenticator's export format can hold it (not Steam; 6 or 8 digits; 30 s). */
export function canExportToMigration(entry: Entry): boolean {
  try {
    return exportProblem(canonicalEntry(entry)) === null;
  } catch {
    return false;
  }
}

function toOtpParameters(e: Entry): OtpParameters {
  return {
    secret: decodeSecret(e.secret),
    // "Issuer:account", as Google Authenticator itself exports accounts added from such labels.
    name: joinNames(e),
    issuer: e.issuer,
    algorithm: ALGORITHM[e.algorithm],
    digits: e.digits === 8 ? DIGIT_COUNT.EIGHT : DIGIT_COUNT.SIX,
    type: e.type === 'hotp' ? OTP_TYPE.HOTP : OTP_TYPE.TOTP,
    counter: BigInt(e.counter),
  };
}

function randomBatchId(): number {
  return (globalThis.crypto.getRandomValues(new Uint32Array(1))[0] as number) >>> 1;
}

/**
 * otpauth-migration:// URIs (Google Authenticator export QR codes) holding `entries`, split into
 * batches of at most `maxPayloadBytes` protobuf bytes that share one batch_id; an account too big for
 * the budget gets a code of its own. Throws WardError('invalid-argument') naming the first entry the
 * format cannot hold (check with `canExportToMigration` first), or the entry's own WardError when it
 * is invalid. The URIs contain secrets: handle them as such.
 */
export function toMigrationUris(entries: Entry[], options: MigrationExportOptions = {}): string[] {
  if (!Array.isArray(entries)) throw new WardError('invalid-argument', 'Expected a list of entries.');
  const budget = options.maxPayloadBytes ?? MIGRATION_PAYLOAD_BUDGET;
  const batchId = options.batchId ?? randomBatchId();
  if (!Number.isInteger(budget) || budget < 64) {
    throw new WardError('invalid-argument', 'maxPayloadBytes must be a whole number of at least 64.');
  }
  if (!Number.isInteger(batchId) || batchId < -(2 ** 31) || batchId >= 2 ** 31) {
    throw new WardError('invalid-argument', 'batchId must be a 32-bit integer.');
  }
  const encoded = entries.map((entry, index) => {
    const e = canonicalEntry(entry);
    const problem = exportProblem(e);
    if (problem) throw new WardError('invalid-argument', `${describeEntry(e, index)}: ${problem}.`);
    const p = toOtpParameters(e);
    const bytes = encodeOtpParameters(p);
    p.secret.fill(0);
    return bytes;
  });
  const batches: Uint8Array[][] = [];
  let size = HEADER_RESERVE;
  for (const otp of encoded) {
    // tag (1 byte) + length varint (≤ 2 bytes under the 8 KiB entry limit) + message
    const cost = otp.length + 3;
    const current = batches[batches.length - 1];
    if (current && current.length > 0 && size + cost <= budget) {
      current.push(otp);
      size += cost;
    } else {
      batches.push([otp]);
      size = HEADER_RESERVE + cost;
    }
  }
  const uris = batches.map((otpParameters, batchIndex) => {
    const payload = encodePayload({
      otpParameters,
      version: 1,
      batchSize: batches.length,
      batchIndex,
      batchId,
    });
    const uri = `otpauth-migration://offline?data=${encodeURIComponent(base64.encode(payload))}`;
    payload.fill(0);
    return uri;
  });
  for (const otp of encoded) otp.fill(0);
  return uris;
}
