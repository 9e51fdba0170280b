/**
 * Stratum / Authenticator Pro backup: plain JSON, "AUTHENTICATORPRO" (Argon2id + AES-256-GCM) or the
 * legacy "AuthenticatorPro" header (PBKDF2-HMAC-SHA1 + AES-256-CBC).
 */
import { wipe } from '../_bytes';
import { WardError } from '../errors';
import { argon2idFixed, cbcOpenOrNull, gcmOpenOrNull, parseDecryptedJson, pbkdf2 } from './_crypto';
import {
  buildEntry,
  convertEach,
  entryLabel,
  isObject,
  type JsonObject,
  optNumber,
  optString,
  requireArray,
  unsupportedType,
} from './_shared';
import type { Importer } from './types';

const FORMAT = 'Stratum';
const MAGIC = 'AUTHENTICATORPRO';
const MAGIC_LEGACY = 'AuthenticatorPro';
// Fixed by Stratum's Backup class, not read from the file: Argon2id 64 MiB, 3 passes, 4 lanes.
const ARGON2 = { m: 64 * 1024, t: 3, p: 4 };
const LEGACY_ITERATIONS = 64_000;
const TYPES: Record<number, 'hotp' | 'totp' | 'steam'> = { 1: 'hotp', 2: 'totp', 4: 'steam' };
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'];

export type StratumState =
  | { encrypted: false; backup: JsonObject }
  | { encrypted: true; legacy: boolean; salt: Uint8Array; iv: Uint8Array; ciphertext: Uint8Array };

function magicOf(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes.subarray(0, 16));
}

/** Stratum importer: HOTP, TOTP and Steam entries, with categories as tags. */
export const stratumImporter: Importer<StratumState> = {
  id: 'stratum',
  label: 'Stratum / Authenticator Pro (plain or encrypted backup)',

  detect({ json, bytes }) {
    if (isObject(json)) return Array.isArray(json.Authenticators) ? 1 : 0;
    const magic = magicOf(bytes);
    return magic === MAGIC || magic === MAGIC_LEGACY ? 1 : 0;
  },

  read({ json, bytes }) {
    if (isObject(json)) return { encrypted: false, backup: json };
    const legacy = magicOf(bytes) === MAGIC_LEGACY;
    const saltLength = legacy ? 20 : 16;
    const ivLength = legacy ? 16 : 12;
    const start = 16 + saltLength + ivLength;
    if (bytes.length < start + 16) throw new WardError('corrupt', 'This Stratum backup is truncated.');
    return {
      encrypted: true,
      legacy,
      salt: bytes.slice(16, 16 + saltLength),
      iv: bytes.slice(16 + saltLength, start),
      ciphertext: bytes.slice(start),
    };
  },

  isEncrypted: (state) => state.encrypted,

  async decrypt(state, password, options) {
    if (!state.encrypted) return state;
    options.onProgress?.(0, 1);
    const key = state.legacy
      ? await pbkdf2('SHA-1', password, state.salt, LEGACY_ITERATIONS)
      : await argon2idFixed(password, state.salt, ARGON2);
    try {
      const plain = state.legacy
        ? await cbcOpenOrNull(key, state.iv, state.ciphertext)
        : await gcmOpenOrNull(key, state.iv, state.ciphertext);
      if (!plain) throw new WardError('bad-password', 'Wrong password for this Stratum backup.');
      // CBC has no tag: a wrong password can still unpad by chance, so bad JSON means a bad password there.
      let backup: unknown;
      try {
        backup = parseDecryptedJson(plain, FORMAT);
      } catch (e) {
        if (state.legacy) throw new WardError('bad-password', 'Wrong password for this Stratum backup.');
        throw e;
      }
      if (!isObject(backup))
        throw new WardError('corrupt', 'The decrypted Stratum backup is not an entry list.');
      options.onProgress?.(1, 1);
      return { encrypted: false, backup };
    } finally {
      wipe(key);
    }
  },

  convert(state) {
    if (state.encrypted)
      throw new WardError('password-required', 'This Stratum backup is encrypted: enter its password.');
    const { backup } = state;
    const categoryNames = new Map<string, string>();
    for (const c of Array.isArray(backup.Categories) ? backup.Categories : []) {
      if (isObject(c) && typeof c.Id === 'string' && typeof c.Name === 'string')
        categoryNames.set(c.Id, c.Name);
    }
    const tagsBySecret = new Map<string, string[]>();
    for (const link of Array.isArray(backup.AuthenticatorCategories) ? backup.AuthenticatorCategories : []) {
      if (!isObject(link) || typeof link.AuthenticatorSecret !== 'string') continue;
      const name = categoryNames.get(String(link.CategoryId));
      if (name)
        tagsBySecret.set(link.AuthenticatorSecret, [
          ...(tagsBySecret.get(link.AuthenticatorSecret) ?? []),
          name,
        ]);
    }
    return convertEach(
      requireArray(backup, 'Authenticators', FORMAT),
      (raw) => {
        if (!isObject(raw)) throw new WardError('corrupt', 'This entry is damaged.');
        const typeCode = optNumber(raw, 'Type') ?? -1;
        const type = TYPES[typeCode];
        if (!type) throw unsupportedType(typeCode === 3 ? 'mOTP' : typeCode === 5 ? 'Yandex' : typeCode);
        const algorithm = ALGORITHMS[optNumber(raw, 'Algorithm') ?? 0];
        if (!algorithm) throw new WardError('invalid-algorithm', 'This entry has an unknown hash algorithm.');
        const secret = optString(raw, 'Secret') ?? '';
        return buildEntry({
          type,
          issuer: optString(raw, 'Issuer'),
          account: optString(raw, 'Username'),
          secret,
          algorithm,
          digits: optNumber(raw, 'Digits'),
          period: optNumber(raw, 'Period'),
          counter: optNumber(raw, 'Counter'),
          tags: tagsBySecret.get(secret),
        });
      },
      (raw, i) => (isObject(raw) ? entryLabel(raw.Issuer, raw.Username, i) : entryLabel(null, null, i)),
    );
  },
};
