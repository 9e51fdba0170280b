/** The one check every Entry passes before crypto-core hands it out (from a file, a record or an importer). */
import { canonicalEntry } from './_entry-check';
import type { Entry } from './entry';
import { WardError } from './errors';

const MAX_TEXT = 1024;
const MAX_NOTE = 16 * 1024;
/** A small data:image icon; a record must stay under the server's 64 KiB blob limit. */
const MAX_ICON = 32 * 1024;

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new WardError('invalid-entry', `The ${field} must be text.`);
  if (value.length > max)
    throw new WardError('invalid-entry', `The ${field} is longer than ${max} characters.`);
  return value;
}

function list(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length > 256) {
    throw new WardError('invalid-entry', `The ${field} must be a list of at most 256 texts.`);
  }
  return value.map((v) => text(v, field, MAX_TEXT));
}

/** How strict validateEntry is about decoration. */
export interface ValidateEntryOptions {
  /** drop an invalid `color` or `icon` instead of refusing the entry (imports) */
  dropBadDecoration?: boolean;
}

function checkIcon(value: unknown): string {
  const icon = text(value, 'icon', MAX_ICON);
  // A remote icon URL would tell its host which accounts the user has.
  if (/^[a-z][a-z0-9+.-]*:/i.test(icon) && !icon.startsWith('data:image/')) {
    throw new WardError(
      'invalid-entry',
      'The icon must be an icon name or a data:image URL, never a remote URL.',
    );
  }
  return icon;
}

/**
 * Validate an untrusted value as an Entry (ARCHITECTURE.md "Contracts"): the OTP fields through
 * canonicalEntry (base32 upper case without padding, digits 6–10 or Steam's 5, period 1 s–1 day,
 * counter ≥ 0), then Ward's metadata. Returns a clean copy holding only Entry fields; errors carry a
 * WardError code and never the secret.
 */
export function validateEntry(value: unknown, options: ValidateEntryOptions = {}): Entry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WardError('invalid-entry', 'The entry is not an object.');
  }
  // The OTP fields follow the same rules as a scanned URI (one checker for both).
  const out = canonicalEntry(value);
  const e = value as Record<string, unknown>;
  if (e.domains !== undefined) out.domains = list(e.domains, 'domains');
  if (e.tags !== undefined) out.tags = list(e.tags, 'tags');
  if (e.note !== undefined) out.note = text(e.note, 'note', MAX_NOTE);
  // Decoration only: on import a bad colour or icon is dropped rather than costing the account.
  const decoration = (check: () => void) => {
    try {
      check();
    } catch (err) {
      if (!options.dropBadDecoration) throw err;
    }
  };
  if (e.color !== undefined) decoration(() => (out.color = text(e.color, 'colour', 64)));
  if (e.icon !== undefined) decoration(() => (out.icon = checkIcon(e.icon)));
  if (e.pinned !== undefined) {
    if (typeof e.pinned !== 'boolean')
      throw new WardError('invalid-entry', 'The pinned flag must be true or false.');
    out.pinned = e.pinned;
  }
  return out;
}
