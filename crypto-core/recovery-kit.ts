/**
 * Recovery kit: the 256-bit recovery key split M-of-N (2 ≤ M ≤ N ≤ 10) with Shamir's secret sharing
 * over GF(2^8) (the audited `shamir-secret-sharing` package), each share printable as 33 words and
 * as a QR string, to hand to trusted people. Any M shares give the key back; fewer give nothing.
 */
import { combine, split } from 'shamir-secret-sharing';
import { assertBytes, equalBytes, randomBytes, wipe } from './_bytes';
import {
  CHECK_BYTES,
  KIT_ID_BYTES,
  looksLikeQr,
  packShare,
  RecoveryShareError,
  SHARE_VERSION,
  type ShareFields,
  shareFromQr,
  shareFromWords,
  shareToQr,
  shareToWords,
  unpackShare,
} from './_share-codec';
import { WardError } from './errors';
import { hkdfSha256 } from './kdf';

export { RecoveryShareError } from './_share-codec';

const KEY_BYTES = 32;
/** Shares in a kit: at most 10 (so M, N and the index fit a nibble each, and pages stay manageable). */
export const MAX_SHARES = 10;

/** What a share says about itself: nothing secret. `kitId` is printed on every page, e.g. "4F1C-09AB". */
export interface RecoveryShareInfo {
  kitId: string;
  /** 1-based place of this share in its kit */
  index: number;
  /** shares needed (M) */
  threshold: number;
  /** shares printed (N) */
  total: number;
}

/** One printable share: 33 words for the page and a string for its QR code. */
export interface RecoveryShare extends RecoveryShareInfo {
  words: string[];
  qr: string;
}

/** A whole kit, one entry per trusted person. */
export interface RecoveryKit {
  kitId: string;
  threshold: number;
  total: number;
  shares: RecoveryShare[];
}

function kitIdText(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

// A 16-bit check of the key, salted with the kit id, so combining verifies its result (the library
// leaves that to callers). It tells a share holder 16 of 256 bits about the key: still 2^240 keys.
function keyCheck(recoveryKey: Uint8Array, kitId: Uint8Array): Uint8Array {
  return hkdfSha256(recoveryKey, kitId, 'ward/v1/recovery-kit/check', CHECK_BYTES);
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}

/**
 * Split a 32-byte recovery key into `total` shares of which any `threshold` rebuild it (Shamir 1979,
 * via shamir-secret-sharing). Each share is 33 BIP-0039 words and a QR string.
 */
export async function createRecoveryKit(
  recoveryKey: Uint8Array,
  threshold: number,
  total: number,
): Promise<RecoveryKit> {
  assertBytes(recoveryKey, KEY_BYTES, 'recovery key');
  if (!isCount(threshold) || !isCount(total) || threshold < 2 || total < threshold || total > MAX_SHARES) {
    throw new WardError(
      'invalid-argument',
      `A recovery kit needs 2 ≤ shares needed ≤ shares printed ≤ ${MAX_SHARES}; got ${String(threshold)} of ${String(total)}.`,
    );
  }
  const kitId = randomBytes(KIT_ID_BYTES);
  const check = keyCheck(recoveryKey, kitId);
  const secret = recoveryKey.slice();
  let raw: Uint8Array[];
  try {
    raw = await split(secret, total, threshold);
  } finally {
    wipe(secret);
  }
  const id = kitIdText(kitId);
  const shares = raw.map((s, i): RecoveryShare => {
    const y = s.subarray(0, KEY_BYTES);
    const fields = {
      version: SHARE_VERSION,
      threshold,
      index: i + 1,
      total,
      kitId,
      x: s[KEY_BYTES] as number,
      y,
      check,
    };
    const bytes = packShare(fields);
    const share = {
      kitId: id,
      index: i + 1,
      threshold,
      total,
      words: shareToWords(bytes),
      qr: shareToQr(bytes),
    };
    wipe(bytes, s);
    return share;
  });
  return { kitId: id, threshold, total, shares };
}

/** One share as typed or scanned: 33 words (string or list) or the QR text. */
export type ShareInput = string | string[];

function decode(input: unknown, place: number): ShareFields {
  let bytes: Uint8Array;
  if (typeof input === 'string' && looksLikeQr(input)) bytes = shareFromQr(input, place);
  else if (typeof input === 'string' || (Array.isArray(input) && input.every((w) => typeof w === 'string'))) {
    bytes = shareFromWords(input as ShareInput, place);
  } else {
    throw new RecoveryShareError('invalid-share', `Share ${place} must be given as words or QR text.`, place);
  }
  const f = unpackShare(bytes);
  wipe(bytes);
  if (f.version > SHARE_VERSION) {
    throw new RecoveryShareError(
      'unsupported-version',
      `Share ${place} was made by a newer version of Ward (format ${f.version}): update Ward and try again.`,
      place,
    );
  }
  if (
    f.version !== SHARE_VERSION ||
    f.threshold < 2 ||
    f.total < f.threshold ||
    f.total > MAX_SHARES ||
    f.index < 1 ||
    f.index > f.total ||
    f.x === 0
  ) {
    wipe(f.y);
    throw new RecoveryShareError('invalid-share', `Share ${place} is not a valid recovery-kit share.`, place);
  }
  return f;
}

function info(f: ShareFields): RecoveryShareInfo {
  return { kitId: kitIdText(f.kitId), index: f.index, threshold: f.threshold, total: f.total };
}

/**
 * Check one share as it is typed or scanned and say which kit and place it belongs to (format of
 * createRecoveryKit, BIP-0039 words). Errors are RecoveryShareError with code 'invalid-share'.
 */
export function readRecoveryShare(share: ShareInput): RecoveryShareInfo {
  const f = decode(share, 1);
  wipe(f.y);
  return info(f);
}

/**
 * Rebuild the recovery key from any M shares of one kit (Shamir interpolation via shamir-secret-sharing),
 * then verify it against the kit's key check. Errors: 'too-few-shares', 'mixed-kits',
 * 'duplicate-share', 'invalid-share' (with share and word position), 'shares-inconsistent'.
 */
export async function combineRecoveryShares(shares: ShareInput[]): Promise<Uint8Array> {
  if (!Array.isArray(shares)) {
    throw new WardError('invalid-argument', 'Give the recovery shares as a list (words or QR text each).');
  }
  const fields = shares.map((s, i) => decode(s, i + 1));
  try {
    return await rebuild(fields);
  } finally {
    for (const f of fields) wipe(f.y);
  }
}

async function rebuild(fields: ShareFields[]): Promise<Uint8Array> {
  const first = fields[0];
  if (first === undefined || fields.length < 2) {
    throw new WardError(
      'too-few-shares',
      first === undefined
        ? 'No recovery shares were given.'
        : `${first.threshold} of this kit's ${first.total} shares are needed; 1 was given.`,
    );
  }
  fields.forEach((f, i) => {
    const same =
      equalBytes(f.kitId, first.kitId) &&
      f.threshold === first.threshold &&
      f.total === first.total &&
      equalBytes(f.check, first.check);
    if (!same) {
      throw new RecoveryShareError(
        'mixed-kits',
        `Share ${i + 1} belongs to kit ${kitIdText(f.kitId)}, share 1 to kit ${kitIdText(first.kitId)}: ` +
          'use shares of one kit only.',
        i + 1,
      );
    }
    const twin = fields.findIndex((g) => g.index === f.index || g.x === f.x);
    if (twin !== i) {
      throw new RecoveryShareError(
        'duplicate-share',
        `Shares ${twin + 1} and ${i + 1} are both share ${f.index} of the kit: each share counts once.`,
        i + 1,
      );
    }
  });
  if (fields.length < first.threshold) {
    throw new WardError(
      'too-few-shares',
      `${first.threshold} of this kit's ${first.total} shares are needed; ${fields.length} were given.`,
    );
  }
  const raw = fields.map((f) => {
    const s = new Uint8Array(KEY_BYTES + 1);
    s.set(f.y);
    s[KEY_BYTES] = f.x;
    return s;
  });
  const key = await combine(raw);
  wipe(...raw);
  if (!equalBytes(keyCheck(key, first.kitId), first.check)) {
    wipe(key);
    throw new WardError(
      'shares-inconsistent',
      'These shares do not rebuild the recovery key: one was altered or mistyped in a way the word ' +
        'check missed. Try another combination of shares.',
    );
  }
  return key;
}
