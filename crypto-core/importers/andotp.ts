/** andOTP backup: plain JSON array, or the encrypted "new format" (PBKDF2-HMAC-SHA1 + AES-256-GCM). */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8, wipe } from '../_bytes';
import { WardError } from '../errors';
import { gcmOpenOrNull, parseDecryptedJson, pbkdf2 } from './_crypto';
import {
  buildEntry,
  convertEach,
  entryLabel,
  isObject,
  type JsonObject,
  optNumber,
  optString,
  unsupportedType,
} from './_shared';
import type { Importer } from './types';

const FORMAT = 'andOTP';
// Encrypted layout (andOTP BackupHelper): iterations (int32 BE) || salt (12) || nonce (12) || ciphertext || tag (16).
const HEADER = 4 + 12 + 12;
const TAG = 16;
// andOTP picks 140,000–160,000 iterations; a header outside this wider band is not andOTP's, and
// a huge count would only make the user wait for nothing.
const MIN_ITERATIONS = 1_000;
const MAX_ITERATIONS = 10_000_000;

export type AndotpState =
  | { encrypted: false; entries: unknown[] }
  | {
      encrypted: true;
      iterations: number;
      salt: Uint8Array;
      nonce: Uint8Array;
      sealed: Uint8Array;
      whole: Uint8Array;
    };

function iterationsOf(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
}

function looksLikeEntry(e: unknown): boolean {
  return (
    isObject(e) && typeof e.secret === 'string' && typeof e.type === 'string' && 'label' in e && 'digits' in e
  );
}

/** andOTP importer: TOTP, HOTP and Steam entries with issuer, label, tags. */
export const andotpImporter: Importer<AndotpState> = {
  id: 'andotp',
  label: 'andOTP (plain JSON or encrypted .bin)',

  detect({ bytes, json, text }) {
    if (Array.isArray(json)) {
      // The fields only andOTP writes: thumbnail, last_used, used_frequency.
      if (json.length === 0 || !json.every(looksLikeEntry)) return 0;
      return json.some((e) => isObject(e) && ('thumbnail' in e || 'last_used' in e)) ? 0.95 : 0.6;
    }
    if (json !== undefined || bytes.length < HEADER + TAG) return 0;
    if (text !== null && /^[\s\x20-\x7e]*$/.test(text)) return 0;
    const n = iterationsOf(bytes);
    if (n >= 140_000 && n <= 160_000) return 0.8;
    return n >= MIN_ITERATIONS && n <= MAX_ITERATIONS ? 0.5 : 0;
  },

  read({ bytes, json }) {
    if (Array.isArray(json)) return { encrypted: false, entries: json };
    if (bytes.length < HEADER + TAG) throw new WardError('corrupt', 'This andOTP backup is truncated.');
    return {
      encrypted: true,
      iterations: iterationsOf(bytes),
      salt: bytes.slice(4, 16),
      nonce: bytes.slice(16, 28),
      sealed: bytes.slice(HEADER),
      whole: bytes,
    };
  },

  isEncrypted: (state) => state.encrypted,

  async decrypt(state, password, options) {
    if (!state.encrypted) return state;
    options.onProgress?.(0, 1);
    let plain: Uint8Array | null = null;
    if (state.iterations >= MIN_ITERATIONS && state.iterations <= MAX_ITERATIONS) {
      const key = await pbkdf2('SHA-1', password, state.salt, state.iterations);
      plain = await gcmOpenOrNull(key, state.nonce, state.sealed);
      wipe(key);
    }
    if (!plain) {
      // andOTP's old format: nonce || ciphertext || tag under SHA-256(password), no KDF at all.
      const pw = utf8(password);
      const oldKey = sha256(pw);
      wipe(pw);
      plain = await gcmOpenOrNull(oldKey, state.whole.slice(0, 12), state.whole.slice(12));
      wipe(oldKey);
    }
    if (!plain)
      throw new WardError('bad-password', 'Wrong password for this andOTP backup (or the file is damaged).');
    const entries = parseDecryptedJson(plain, FORMAT);
    if (!Array.isArray(entries))
      throw new WardError('corrupt', 'The decrypted andOTP backup is not an entry list.');
    options.onProgress?.(1, 1);
    return { encrypted: false, entries };
  },

  convert(state) {
    if (state.encrypted)
      throw new WardError('password-required', 'This andOTP backup is encrypted: enter its password.');
    return convertEach(
      state.entries,
      (raw) => {
        if (!isObject(raw)) throw new WardError('corrupt', 'This entry is damaged.');
        const type = (optString(raw, 'type') ?? '').toLowerCase();
        if (type !== 'totp' && type !== 'hotp' && type !== 'steam') throw unsupportedType(raw.type);
        const { issuer, account } = names(raw);
        return buildEntry({
          type,
          issuer,
          account,
          secret: optString(raw, 'secret') ?? '',
          algorithm: raw.algorithm,
          digits: optNumber(raw, 'digits'),
          period: optNumber(raw, 'period'),
          counter: optNumber(raw, 'counter'),
          tags: Array.isArray(raw.tags)
            ? raw.tags.filter((t): t is string => typeof t === 'string')
            : undefined,
        });
      },
      (raw, i) =>
        isObject(raw) ? entryLabel(names(raw).issuer, names(raw).account, i) : entryLabel(null, null, i),
    );
  },
};

// Before andOTP had an issuer field it stored "Issuer - account" in the label.
function names(raw: JsonObject): { issuer: string; account: string } {
  const label = optString(raw, 'label') ?? '';
  const issuer = optString(raw, 'issuer');
  if (issuer !== undefined) return { issuer, account: label };
  const at = label.indexOf(' - ');
  return at >= 0
    ? { issuer: label.slice(0, at), account: label.slice(at + 3) }
    : { issuer: '', account: label };
}
