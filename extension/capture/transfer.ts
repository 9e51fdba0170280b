/**
 * Import from other apps and the unencrypted exports, inside the worker. Import detects the
 * format (crypto-core importFileDetailed), reports progress to open pages, and adds through
 * commitEntries so duplicates are never added silently. Exports log to the audit hook.
 */
import { base64 } from '@scure/base';
import type { Entry } from '../../crypto-core/entry';
import { importFileDetailed } from '../../crypto-core/importers/import-file';
import { canExportToMigration, toMigrationUris } from '../../crypto-core/migration';
import { exportAegisJson, exportOtpauthList } from '../../crypto-core/plain-export';
import { toOtpauthUri } from '../../crypto-core/uri';
import type { VaultKeys, VaultRecord } from '../../crypto-core/vault';
import { getRecord } from '../vault/entries';
import { openAll } from '../vault/record-store';
import { recordExportEvent } from './audit';
import { commitEntries } from './commit';
import type { DuplicatePolicy } from './duplicates';
import type { ImportOutcome, PlainExportFormat } from './messages';

/** Progress is reported at most this often (each report is a message to every open page). */
const PROGRESS_EVERY_MS = 100;

/** Imports a file; `onProgress` hears (done, total) while an encrypted file is opened. */
export async function importFromFile(
  keys: VaultKeys,
  req: { data: string; encoding: 'utf8' | 'base64'; password?: string; duplicates?: DuplicatePolicy },
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ImportOutcome> {
  const bytes = req.encoding === 'base64' ? base64.decode(req.data) : req.data;
  let last = 0;
  const result = await importFileDetailed(bytes, {
    ...(req.password ? { password: req.password } : {}),
    onProgress: (done, total) => {
      const now = Date.now();
      if (done === total || now - last >= PROGRESS_EVERY_MS) {
        last = now;
        onProgress(done, total);
      }
    },
  });
  const outcome = await commitEntries(keys, result.entries, req.duplicates);
  if (outcome.status === 'duplicates') return { ...outcome, format: result.format };
  return {
    ...outcome,
    format: result.format,
    errors: result.errors.map((e) => ({ label: e.label, message: e.message })),
  };
}

function toEntry(r: VaultRecord): Entry {
  const { id: _id, rev: _rev, updatedAt: _u, deviceId: _d, sortOrder: _s, ...entry } = r;
  return entry;
}

async function allEntries(keys: VaultKeys): Promise<Entry[]> {
  return [...(await openAll(keys)).values()]
    .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
    .map(toEntry);
}

const day = (now: Date) => now.toISOString().slice(0, 10);

/** Every entry unencrypted: an otpauth:// list (one URI a line) or Aegis's plain JSON vault. */
export async function exportPlain(keys: VaultKeys, format: PlainExportFormat, now = new Date()) {
  const entries = await allEntries(keys);
  const out =
    format === 'otpauth'
      ? { fileName: `ward-otpauth-${day(now)}.txt`, text: exportOtpauthList(entries) }
      : { fileName: `ward-aegis-plain-${day(now)}.json`, text: exportAegisJson(entries) };
  recordExportEvent(format);
  return out;
}

const label = (e: Entry) => [e.issuer, e.account].filter(Boolean).join(' · ') || 'Unnamed entry';

/** Why Google Authenticator's format cannot hold `e` (its limits: TOTP 30 s or HOTP, 6 or 8 digits). */
export function migrationProblem(e: Entry): string {
  if (e.type === 'steam') return 'Google Authenticator cannot hold Steam Guard codes';
  if (e.digits !== 6 && e.digits !== 8)
    return `Google Authenticator holds only 6- or 8-digit codes (this has ${e.digits})`;
  if (e.type === 'totp' && e.period !== 30)
    return `Google Authenticator holds only 30-second codes (this has ${e.period} s)`;
  return 'Google Authenticator cannot hold this entry';
}

/** Migration QR payloads for every entry the format can hold, and the rest with the reason. */
export async function exportMigration(keys: VaultKeys) {
  const entries = await allEntries(keys);
  const fits = entries.filter(canExportToMigration);
  const skipped = entries
    .filter((e) => !canExportToMigration(e))
    .map((e) => ({ label: label(e), reason: migrationProblem(e) }));
  const uris = fits.length ? toMigrationUris(fits) : [];
  if (uris.length) recordExportEvent('migration');
  return { uris, skipped };
}

/** One entry's otpauth:// URI (Key Uri Format) for a QR code on screen. */
export async function exportEntryUri(keys: VaultKeys, id: string) {
  const entry = toEntry(await getRecord(keys, id));
  const uri = toOtpauthUri(entry);
  recordExportEvent('entry-qr');
  return { uri, label: label(entry) };
}
