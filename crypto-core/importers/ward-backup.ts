/** Importer for Ward's own encrypted backup file (crypto-core/backup.ts, format version 1). */
import { validateEntry } from '../_validate-entry';
import { type BackupFile, decryptBackup, parseBackup } from '../backup';
import { WardError } from '../errors';
import { convertEach, entryLabel, isObject } from './_shared';
import type { Importer } from './types';

type WardBackupState = { kind: 'sealed'; file: BackupFile } | { kind: 'open'; entries: unknown[] };

/** Ward backup (`{"ward":"backup","version":N,...}`): Argon2id + AES-256-GCM, password required. */
export const wardBackupImporter: Importer<WardBackupState> = {
  id: 'ward-backup',
  label: 'Ward backup (encrypted)',

  detect({ json, text }) {
    if (isObject(json)) return json.ward === 'backup' ? 1 : 0;
    // A truncated or damaged backup is no longer JSON, but its marker says what it was meant to be,
    // so the user hears "damaged backup" instead of "unknown format".
    return text !== null && /^\s*\{\s*"ward"\s*:\s*"backup"/.test(text) ? 0.9 : 0;
  },

  read({ json }) {
    if (!isObject(json)) throw new WardError('corrupt', 'This Ward backup file is truncated or damaged.');
    return { kind: 'sealed', file: parseBackup(json) };
  },

  isEncrypted(state) {
    return state.kind === 'sealed';
  },

  async decrypt(state, password, options) {
    if (state.kind === 'open') return state;
    options.onProgress?.(0, 1);
    const entries = await decryptBackup(state.file, password);
    options.onProgress?.(1, 1);
    return { kind: 'open', entries };
  },

  convert(state) {
    if (state.kind !== 'open')
      throw new WardError('password-required', 'This Ward backup needs its password.');
    return convertEach(
      state.entries,
      (item) => validateEntry(item, { dropBadDecoration: true }),
      (item, i) => (isObject(item) ? entryLabel(item.issuer, item.account, i) : `entry ${i + 1}`),
    );
  },
};
