/** importFile: detect a file's format among the registry's importers, then read → decrypt? → convert. */
import { utf8, utf8DecodeOrNull } from '../_bytes';
import { validateEntry } from '../_validate-entry';
import type { Entry } from '../entry';
import { isWardError, WardError } from '../errors';
import { entryLabel } from './_shared';
import { IMPORTERS } from './registry';
import type { ImportEntryError, Importer, ImportInput, ImportOptions } from './types';

/** Bigger than any authenticator export (thousands of entries with icons); refuse before parsing. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** What importFileDetailed returns. */
export interface DetailedImport {
  /** the id of the importer that read the file, e.g. 'ward-backup' */
  format: string;
  entries: Entry[];
  errors: ImportEntryError[];
}

/** Decode the file once: bytes, UTF-8 text (BOM dropped) or null, JSON or undefined. */
export function toImportInput(data: string | Uint8Array): ImportInput {
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new WardError('invalid-argument', 'importFile expects the file as text or bytes.');
  }
  const bytes = typeof data === 'string' ? utf8(data) : data;
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new WardError('corrupt', 'The file is larger than 32 MiB: this is not an authenticator export.');
  }
  const text = typeof data === 'string' ? data.replace(/^\uFEFF/, '') : utf8DecodeOrNull(bytes);
  if (bytes.length === 0 || text?.trim() === '') {
    throw new WardError('corrupt', 'The file is empty: export it again from the app it came from.');
  }
  let json: unknown;
  if (text !== null && /^\s*[[{]/.test(text)) {
    try {
      json = JSON.parse(text);
    } catch {}
  }
  return { bytes, text, json };
}

function pickImporter(input: ImportInput): Importer {
  const scored = IMPORTERS.map((importer) => {
    let score = 0;
    try {
      score = importer.detect(input);
    } catch {}
    return { importer, score: Number.isFinite(score) ? score : 0 };
  }).sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if ((!best || best.score <= 0) && input.json === undefined && /^\s*[[{]/.test(input.text ?? '')) {
    throw new WardError('corrupt', 'The file looks like JSON but is damaged or cut short: export it again.');
  }
  if (!best || best.score <= 0) {
    throw new WardError(
      'unsupported-format',
      'Ward does not recognise this file. Supported: Ward backups, otpauth:// link lists and the apps listed in Import.',
    );
  }
  if (second && second.score === best.score) {
    throw new WardError(
      'unsupported-format',
      `This file looks like both ${best.importer.label} and ${second.importer.label}: export it again in one app's own format.`,
    );
  }
  return best.importer;
}

// Importers throw WardError for what they understand; anything else (a TypeError on a shape they did
// not expect) is still the file's fault, reported without the raw error which might quote content.
function asWardError(e: unknown, format: string): WardError {
  return isWardError(e) ? e : new WardError('corrupt', `This ${format} file is damaged and cannot be read.`);
}

/**
 * Import any supported file: the detected format, valid entries, and per-entry errors. Throws
 * WardError: 'unsupported-format', 'password-required', 'bad-password', 'corrupt' (also when no entry
 * could be imported), 'unsupported-version', 'weak-kdf-params', 'absurd-kdf-params'.
 */
export async function importFileDetailed(
  data: string | Uint8Array,
  opts: ImportOptions = {},
): Promise<DetailedImport> {
  if (typeof opts !== 'object' || opts === null) {
    throw new WardError('invalid-argument', 'importFile options must be an object such as { password }.');
  }
  const input = toImportInput(data);
  const importer = pickImporter(input);
  let state: unknown;
  try {
    state = importer.read(input);
    if (importer.isEncrypted?.(state)) {
      const password = opts.password;
      if (typeof password !== 'string' || password === '') {
        throw new WardError(
          'password-required',
          `This ${importer.label} file is encrypted: enter its password.`,
        );
      }
      if (!importer.decrypt)
        throw new WardError('unsupported-format', `Ward cannot decrypt ${importer.label} files.`);
      state = await importer.decrypt(state, password, opts);
    }
  } catch (e) {
    throw asWardError(e, importer.label);
  }
  let result: ReturnType<Importer['convert']>;
  try {
    result = importer.convert(state);
  } catch (e) {
    throw asWardError(e, importer.label);
  }
  // No importer can hand out a broken entry: each one passes the same check as a vault record.
  const entries: Entry[] = [];
  const errors: ImportEntryError[] = [...result.errors];
  result.entries.forEach((entry, i) => {
    try {
      entries.push(validateEntry(entry, { dropBadDecoration: true }));
    } catch (e) {
      errors.push({
        index: i,
        label: entryLabel(entry?.issuer, entry?.account, i),
        message: asWardError(e, importer.label).message,
      });
    }
  });
  errors.sort((a, b) => a.index - b.index);
  if (entries.length === 0 && errors.length > 0) {
    const first = errors[0] as ImportEntryError;
    throw new WardError(
      'corrupt',
      `No entry could be imported (${errors.length} failed; ${first.label}: ${first.message})`,
    );
  }
  return { format: importer.id, entries, errors };
}

/** The contract (ARCHITECTURE.md): import any supported file and return its entries. */
export async function importFile(data: string | Uint8Array, opts: ImportOptions = {}): Promise<Entry[]> {
  return (await importFileDetailed(data, opts)).entries;
}
