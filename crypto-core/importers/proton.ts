/** Proton Authenticator export (proton-pass-common): plain JSON, or Argon2id + AES-256-GCM with a password. */
import { utf8, wipe } from '../_bytes';
import type { Entry } from '../entry';
import { WardError } from '../errors';
import { parseOtpauthUri } from '../uri';
import { argon2idFixed, decodeBase64, gcmOpenOrNull, parseDecryptedJson } from './_crypto';
import { buildEntry, convertEach, entryLabel, isObject, optString, requireArray } from './_shared';
import type { Importer } from './types';

const FORMAT = 'Proton Authenticator';
// Fixed by proton-pass-common's password_exporter.rs (export version 1), never read from the file.
const ARGON2 = { m: 19 * 1024, t: 2, p: 1 };
const AAD = 'proton.authenticator.export.v1';

export type ProtonState =
  | { encrypted: false; entries: unknown[] }
  | { encrypted: true; salt: Uint8Array; content: Uint8Array };

function toEntry(raw: unknown): Entry {
  if (!isObject(raw) || !isObject(raw.content)) throw new WardError('corrupt', 'This entry is damaged.');
  const uri = optString(raw.content, 'uri') ?? '';
  const name = optString(raw.content, 'name');
  let entry: Entry;
  if (/^steam:\/\//i.test(uri)) {
    entry = buildEntry({ type: 'steam', issuer: 'Steam', account: name, secret: uri.slice(8) });
  } else {
    entry = parseOtpauthUri(uri);
    // Proton shows `name` as the account; the URI's label is what it was created with.
    if (name?.trim()) entry.account = name.trim();
  }
  const note = optString(raw, 'note');
  if (note?.trim()) entry.note = note;
  return entry;
}

function labelOf(raw: unknown, i: number): string {
  if (!isObject(raw) || !isObject(raw.content)) return entryLabel(null, null, i);
  return entryLabel(null, raw.content.name, i);
}

/** Proton Authenticator importer: TOTP and Steam entries with their notes. */
export const protonImporter: Importer<ProtonState> = {
  id: 'proton',
  label: 'Proton Authenticator (plain or password-protected export)',

  detect({ json }) {
    if (!isObject(json) || typeof json.version !== 'number') return 0;
    if (typeof json.salt === 'string' && typeof json.content === 'string' && !('entries' in json)) return 0.9;
    if (!Array.isArray(json.entries) || json.entries.length === 0) return 0;
    const first = json.entries[0];
    return isObject(first) && isObject(first.content) && 'entry_type' in first.content ? 1 : 0;
  },

  read({ json }) {
    if (!isObject(json)) throw new WardError('corrupt', 'This Proton Authenticator file is damaged.');
    if (json.version !== 1) {
      throw new WardError(
        'unsupported-version',
        `Proton Authenticator export version ${String(json.version)} is not supported.`,
      );
    }
    if (typeof json.salt === 'string' && typeof json.content === 'string') {
      const salt = decodeBase64(json.salt, 'The Proton salt');
      const content = decodeBase64(json.content, 'The Proton contents');
      if (salt.length !== 16 || content.length < 12 + 16) {
        throw new WardError('corrupt', 'This Proton Authenticator export is truncated.');
      }
      return { encrypted: true, salt, content };
    }
    return { encrypted: false, entries: requireArray(json, 'entries', FORMAT) };
  },

  isEncrypted: (state) => state.encrypted,

  async decrypt(state, password, options) {
    if (!state.encrypted) return state;
    options.onProgress?.(0, 1);
    const key = await argon2idFixed(password, state.salt, ARGON2);
    try {
      const plain = await gcmOpenOrNull(key, state.content.slice(0, 12), state.content.slice(12), utf8(AAD));
      if (!plain) throw new WardError('bad-password', 'Wrong password for this Proton Authenticator export.');
      const inner = parseDecryptedJson(plain, FORMAT);
      if (!isObject(inner))
        throw new WardError('corrupt', 'The decrypted Proton export is not an entry list.');
      options.onProgress?.(1, 1);
      return { encrypted: false, entries: requireArray(inner, 'entries', FORMAT) };
    } finally {
      wipe(key);
    }
  },

  convert(state) {
    if (state.encrypted)
      throw new WardError(
        'password-required',
        'This Proton export is password-protected: enter its password.',
      );
    return convertEach(state.entries, toEntry, labelOf);
  },
};
