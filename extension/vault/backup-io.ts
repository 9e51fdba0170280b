/** Export to an encrypted Ward backup and import from any supported file, inside the worker. */
import { base64 } from '@scure/base';
import { createBackup } from '../../crypto-core/backup';
import type { Entry } from '../../crypto-core/entry';
import { importFileDetailed } from '../../crypto-core/importers/import-file';
import type { VaultKeys, VaultRecord } from '../../crypto-core/vault';
import type { ImportResult } from '../messages';
import { addEntries } from './entries';
import { openAll } from './record-store';

function toEntry(r: VaultRecord): Entry {
  const { id: _id, rev: _rev, updatedAt: _u, deviceId: _d, sortOrder: _s, ...entry } = r;
  return entry;
}

/** An encrypted Ward backup of every entry (crypto-core/backup.ts format), with a dated file name. */
export async function exportBackup(keys: VaultKeys, password: string, now = new Date()) {
  const entries = [...(await openAll(keys)).values()].map(toEntry);
  const text = await createBackup(entries, password);
  return { fileName: `ward-backup-${now.toISOString().slice(0, 10)}.json`, text };
}

const sameAccount = (a: Entry, b: Entry) =>
  a.type === b.type && a.secret === b.secret && a.issuer === b.issuer && a.account === b.account;

/** Imports a file; entries already in the vault (same type, secret and names) are skipped. */
export async function importBackup(
  keys: VaultKeys,
  data: string,
  encoding: 'utf8' | 'base64',
  password?: string,
): Promise<ImportResult> {
  const bytes = encoding === 'base64' ? base64.decode(data) : data;
  const result = await importFileDetailed(bytes, password === undefined ? {} : { password });
  const existing = [...(await openAll(keys)).values()];
  const fresh = result.entries.filter((e) => !existing.some((x) => sameAccount(x, e)));
  const added = fresh.length ? await addEntries(keys, fresh) : [];
  return {
    format: result.format,
    added: added.length,
    skipped: result.entries.length - fresh.length,
    errors: result.errors.map((e) => `${e.label}: ${e.message}`),
  };
}
