/** Pasted text → entries: one otpauth:// (Key Uri Format) or otpauth-migration:// URI per line. */
import type { Entry } from '../../crypto-core/entry';
import { WardError } from '../../crypto-core/errors';
import { parseMigrationUri } from '../../crypto-core/migration';
import { parseOtpauthUri } from '../../crypto-core/uri';

/** Every entry in the pasted text, in order; throws the first URI's WardError if one is bad. */
export function parsePastedText(text: string): Entry[] {
  const lines = text
    .split(/\s+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (!lines.length) throw new WardError('invalid-uri', 'Paste an otpauth:// or otpauth-migration:// link.');
  return lines.flatMap((line) =>
    line.toLowerCase().startsWith('otpauth-migration:') ? parseMigrationUri(line) : [parseOtpauthUri(line)],
  );
}
