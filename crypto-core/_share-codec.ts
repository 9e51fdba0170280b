/**
 * Recovery-kit share encoding: a 41-byte share as 33 BIP-0039 English words (with a 35-bit SHA-256
 * checksum) for paper, or as RFC 4648 base32 text for a QR code (alphanumeric mode, so the code stays small).
 *
 * Share layout (41 bytes): version(4 bits) threshold(4) | index(4) total(4) | kit id(4 bytes) |
 * Shamir x(1) | Shamir y(32) | key check(2).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base32nopad } from '@scure/base';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { equalBytes, wipe } from './_bytes';
import { WardError, type WardErrorCode } from './errors';

/** The share format this code writes; it reads this one only. */
export const SHARE_VERSION = 1;
/** Share bytes, and BIP-0039 words (11 bits each) for them plus the 35-bit checksum. */
export const SHARE_BYTES = 41;
export const SHARE_WORDS = 33;
/** Random kit id (printed as XXXX-XXXX) and the key check's size in bytes. */
export const KIT_ID_BYTES = 4;
export const CHECK_BYTES = 2;
/** Prefix of the QR form; upper case and ':' keep the whole string in QR alphanumeric mode. */
export const QR_PREFIX = 'WARDSHARE:';
const CHECKSUM_BITS = SHARE_WORDS * 11 - SHARE_BYTES * 8; // 35
const QR_CHECKSUM_BYTES = 4;
const WORD_INDEX = new Map(wordlist.map((w, i) => [w, i]));

/** A share's fields; `y` is secret (a Shamir share of the recovery key). */
export interface ShareFields {
  version: number;
  threshold: number;
  index: number;
  total: number;
  kitId: Uint8Array;
  x: number;
  y: Uint8Array;
  check: Uint8Array;
}

/** A WardError about one share the user entered: `share` is its 1-based place in the input, `word` a word position. */
export class RecoveryShareError extends WardError {
  readonly share: number;
  readonly word: number | undefined;

  constructor(code: WardErrorCode, message: string, share: number, word?: number) {
    super(code, message);
    this.name = 'RecoveryShareError';
    this.share = share;
    this.word = word;
  }
}

/** The 41 share bytes from its fields. */
export function packShare(f: ShareFields): Uint8Array {
  const out = new Uint8Array(SHARE_BYTES);
  out[0] = (f.version << 4) | f.threshold;
  out[1] = (f.index << 4) | f.total;
  out.set(f.kitId, 2);
  out[6] = f.x;
  out.set(f.y, 7);
  out.set(f.check, 7 + f.y.length);
  return out;
}

/** The fields of 41 share bytes (no range checks: see recovery-kit.ts). */
export function unpackShare(b: Uint8Array): ShareFields {
  const at = (i: number) => b[i] as number;
  return {
    version: at(0) >> 4,
    threshold: at(0) & 15,
    index: at(1) >> 4,
    total: at(1) & 15,
    kitId: b.slice(2, 6),
    x: at(6),
    y: b.slice(7, 39),
    check: b.slice(39, 41),
  };
}

function getBits(buf: Uint8Array, offset: number, count: number): number {
  let v = 0;
  for (let i = offset; i < offset + count; i++)
    v = (v << 1) | (((buf[i >> 3] as number) >> (7 - (i & 7))) & 1);
  return v;
}

function setBits(buf: Uint8Array, offset: number, count: number, value: number): void {
  for (let k = 0; k < count; k++) {
    const i = offset + k;
    const bit = (value >> (count - 1 - k)) & 1;
    const mask = 1 << (7 - (i & 7));
    buf[i >> 3] = bit ? (buf[i >> 3] as number) | mask : (buf[i >> 3] as number) & ~mask;
  }
}

// The checksum is the first 35 bits of SHA-256(share), as BIP-0039 does for its (shorter) checksum.
function withChecksum(share: Uint8Array): Uint8Array {
  const stream = new Uint8Array(Math.ceil((SHARE_WORDS * 11) / 8));
  stream.set(share);
  const digest = sha256(share);
  for (let i = 0; i < CHECKSUM_BITS; i++) setBits(stream, SHARE_BYTES * 8 + i, 1, getBits(digest, i, 1));
  return stream;
}

function checksumOk(stream: Uint8Array): boolean {
  const digest = sha256(stream.subarray(0, SHARE_BYTES));
  let diff = 0;
  for (let i = 0; i < CHECKSUM_BITS; i++)
    diff |= getBits(stream, SHARE_BYTES * 8 + i, 1) ^ getBits(digest, i, 1);
  return diff === 0;
}

/** 41 share bytes → 33 BIP-0039 English words. */
export function shareToWords(share: Uint8Array): string[] {
  const stream = withChecksum(share);
  const words = Array.from(
    { length: SHARE_WORDS },
    (_, i) => wordlist[getBits(stream, i * 11, 11)] as string,
  );
  wipe(stream);
  return words;
}

/** 41 share bytes → `WARDSHARE:` + RFC 4648 base32 of share || first 4 bytes of SHA-256(share). */
export function shareToQr(share: Uint8Array): string {
  const data = new Uint8Array(SHARE_BYTES + QR_CHECKSUM_BYTES);
  data.set(share);
  data.set(sha256(share).subarray(0, QR_CHECKSUM_BYTES), SHARE_BYTES);
  const text = QR_PREFIX + base32nopad.encode(data);
  wipe(data);
  return text;
}

/** True when the text is the QR form (any case, any spacing), not words. */
export function looksLikeQr(text: string): boolean {
  return text.replace(/\s+/g, '').toUpperCase().startsWith(QR_PREFIX);
}

/** The QR form → 41 share bytes; anything malformed → RecoveryShareError('invalid-share'). */
export function shareFromQr(text: string, place: number): Uint8Array {
  const body = text.replace(/\s+/g, '').toUpperCase().slice(QR_PREFIX.length);
  let data: Uint8Array;
  try {
    data = base32nopad.decode(body);
  } catch {
    throw new RecoveryShareError(
      'invalid-share',
      `Share ${place}: the QR text is damaged. Scan it again.`,
      place,
    );
  }
  const share = data.slice(0, SHARE_BYTES);
  const ok =
    data.length === SHARE_BYTES + QR_CHECKSUM_BYTES &&
    equalBytes(data.subarray(SHARE_BYTES), sha256(share).subarray(0, QR_CHECKSUM_BYTES));
  wipe(data);
  if (!ok) {
    wipe(share);
    throw new RecoveryShareError(
      'invalid-share',
      `Share ${place}: the QR text is damaged. Scan it again.`,
      place,
    );
  }
  return share;
}

// Every BIP-0039 English word is unique in its first four letters, so "aban" means "abandon".
function wordIndex(token: string): number | undefined {
  const exact = WORD_INDEX.get(token);
  if (exact !== undefined || token.length < 4) return exact;
  const matches = wordlist.filter((w) => w.startsWith(token));
  return matches.length === 1 ? WORD_INDEX.get(matches[0] as string) : undefined;
}

/** Split typed words: any case, spaces, commas, line breaks and numbering ("1." or "12)") are fine. */
export function tokenize(words: string | string[]): string[] {
  const text = (Array.isArray(words) ? words.join(' ') : words).normalize('NFKD').toLowerCase();
  return text
    .split(/[\s,;]+/u)
    .map((t) => t.replace(/^\d+[.)]?$/, ''))
    .filter((t) => t.length > 0);
}

/**
 * 33 words → 41 share bytes. Wrong count, unknown word or checksum mismatch → RecoveryShareError
 * ('invalid-share') naming the share and, when it can be told, the word position, never the word.
 */
export function shareFromWords(words: string | string[], place: number): Uint8Array {
  const tokens = tokenize(words);
  if (tokens.length !== SHARE_WORDS) {
    const hint = tokens.length === 24 ? ' (24 words is the recovery key itself: use it directly)' : '';
    throw new RecoveryShareError(
      'invalid-share',
      `Share ${place} has ${tokens.length} words; a recovery-kit share has ${SHARE_WORDS}${hint}.`,
      place,
    );
  }
  const stream = new Uint8Array(Math.ceil((SHARE_WORDS * 11) / 8));
  tokens.forEach((t, i) => {
    const index = wordIndex(t);
    if (index === undefined) {
      wipe(stream);
      throw new RecoveryShareError(
        'invalid-share',
        `Share ${place}, word ${i + 1} is not in the word list: check its spelling.`,
        place,
        i + 1,
      );
    }
    setBits(stream, i * 11, 11, index);
  });
  if (!checksumOk(stream)) {
    const word = locateTypo(stream);
    wipe(stream);
    throw new RecoveryShareError(
      'invalid-share',
      word === undefined
        ? `Share ${place} does not add up (checksum mismatch): a word is wrong or two are swapped.`
        : `Share ${place}, word ${word} looks wrong (checksum mismatch): check it against the paper.`,
      place,
      word,
    );
  }
  const share = stream.slice(0, SHARE_BYTES);
  wipe(stream);
  return share;
}

/**
 * A checksum failure names one word when exactly one position has a replacement that fixes it: with
 * 35 checksum bits and ~2^16 candidates, a chance fix elsewhere turns up about once in 500,000.
 */
function locateTypo(stream: Uint8Array): number | undefined {
  const trial = stream.slice();
  let found: number | undefined;
  for (let pos = 0; pos < SHARE_WORDS; pos++) {
    const original = getBits(stream, pos * 11, 11);
    for (let w = 0; w < wordlist.length; w++) {
      if (w === original) continue;
      setBits(trial, pos * 11, 11, w);
      if (checksumOk(trial)) {
        if (found !== undefined && found !== pos + 1) {
          wipe(trial);
          return undefined;
        }
        found = pos + 1;
        break;
      }
    }
    setBits(trial, pos * 11, 11, original);
  }
  wipe(trial);
  return found;
}
