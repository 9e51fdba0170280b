/** Importer for text files of otpauth:// (Key URI format) and otpauth-migration:// URIs, one a line. */
import type { Entry } from '../entry';
import { isWardError, WardError } from '../errors';
import { parseMigrationUriDetailed } from '../migration';
import { parseOtpauthUri } from '../uri';
import type { ImportEntryError, Importer } from './types';

interface Line {
  /** 0-based line number in the file */
  index: number;
  text: string;
}

const URI_LINE = /^otpauth(-migration)?:\/\//i;
const MIGRATION_LINE = /^otpauth-migration:\/\//i;

function nonBlankLines(text: string): Line[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ index, text: line.trim() }))
    .filter((l) => l.text !== '');
}

/** A list of URIs; blank lines and surrounding whitespace are ignored, a bad line is a per-entry error. */
export const otpauthListImporter: Importer<Line[]> = {
  id: 'otpauth-list',
  label: 'Text file of otpauth:// or otpauth-migration:// links',

  detect({ text, json }) {
    if (text === null || json !== undefined) return 0;
    const lines = nonBlankLines(text);
    const uris = lines.filter((l) => URI_LINE.test(l.text)).length;
    // Generic, so never certain: an app whose export is also a URI list (Ente's codeDisplay=...)
    // claims its own files with a higher score. Stronger when every line is a URI; other lines
    // become per-line errors.
    return uris === 0 ? 0 : 0.5 + (0.4 * uris) / lines.length;
  },

  read({ text }) {
    if (text === null) throw new WardError('corrupt', 'This list of links is not text.');
    return nonBlankLines(text);
  },

  convert(lines) {
    const entries: Entry[] = [];
    const errors: ImportEntryError[] = [];
    for (const line of lines) {
      const label = `line ${line.index + 1}`;
      try {
        if (MIGRATION_LINE.test(line.text)) {
          // One bad account inside a Google Authenticator batch must not cost the others.
          const batch = parseMigrationUriDetailed(line.text);
          entries.push(...batch.entries);
          for (const err of batch.errors) {
            errors.push({ index: line.index, label: `${label}, ${err.label}`, message: err.message });
          }
        } else if (URI_LINE.test(line.text)) entries.push(parseOtpauthUri(line.text));
        else
          throw new WardError('invalid-uri', 'This line is not an otpauth:// or otpauth-migration:// link.');
      } catch (e) {
        // Never the line itself: it may hold a secret.
        errors.push({
          index: line.index,
          label,
          message: isWardError(e) ? e.message : 'This link could not be read.',
        });
      }
    }
    return { entries, errors };
  },
};
