/** Ente Auth plain-text export: one otpauth:// URI a line, with Ente's own `codeDisplay` JSON parameter. */
import type { Entry } from '../entry';
import { WardError } from '../errors';
import { parseOtpauthUri } from '../uri';
import { convertEach, isObject, SKIP } from './_shared';
import type { Importer } from './types';

export interface EnteState {
  lines: string[];
}

interface CodeDisplay {
  trashed: boolean;
  pinned: boolean;
  tags: string[];
  note: string;
}

const URI_LINE = /^otpauth:\/\//i;

function uriLines(text: string | null): string[] | null {
  if (text === null) return null;
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length && lines.every((l) => URI_LINE.test(l)) ? lines : null;
}

function readCodeDisplay(value: string | undefined): CodeDisplay {
  const out: CodeDisplay = { trashed: false, pinned: false, tags: [], note: '' };
  if (value === undefined) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(value.replace(/\+/g, ' ')));
  } catch {
    return out;
  }
  if (!isObject(parsed)) return out;
  out.trashed = parsed.trashed === true;
  out.pinned = parsed.pinned === true;
  if (Array.isArray(parsed.tags)) out.tags = parsed.tags.filter((t): t is string => typeof t === 'string');
  if (typeof parsed.note === 'string') out.note = parsed.note;
  return out;
}

// Ente appends its metadata as a `codeDisplay` parameter (URL-encoded JSON); the rest is a plain otpauth:// URI.
function splitEnteUri(line: string): { uri: string; display: CodeDisplay } {
  const q = line.indexOf('?');
  if (q < 0) return { uri: line, display: readCodeDisplay(undefined) };
  let display: string | undefined;
  const params: string[] = [];
  for (const p of line.slice(q + 1).split('&')) {
    if (/^codeDisplay=/i.test(p)) display = p.slice(p.indexOf('=') + 1);
    else params.push(p);
  }
  return { uri: `${line.slice(0, q)}?${params.join('&')}`, display: readCodeDisplay(display) };
}

function toEntry(line: string): Entry | typeof SKIP {
  const { uri, display } = splitEnteUri(line);
  if (display.trashed) return SKIP;
  const entry = parseOtpauthUri(uri);
  if (display.pinned) entry.pinned = true;
  if (display.tags.length) entry.tags = display.tags;
  if (display.note.trim()) entry.note = display.note;
  return entry;
}

/** Ente Auth importer: skips trashed codes, keeps pinned, tags and notes. */
export const enteImporter: Importer<EnteState> = {
  id: 'ente',
  label: 'Ente Auth (plain text export)',

  detect({ text, json }) {
    // Ente's encrypted export: claim it so the user gets a clear message, not "unknown format".
    if (isObject(json))
      return isObject(json.kdfParams) && 'encryptedData' in json && 'encryptionNonce' in json ? 0.95 : 0;
    const lines = uriLines(text);
    return lines?.some((l) => /[?&]codeDisplay=/i.test(l)) ? 0.95 : 0;
  },

  read({ text, json }) {
    if (isObject(json)) {
      throw new WardError(
        'unsupported-format',
        'This is an encrypted Ente Auth export, which Ward cannot open yet. In Ente Auth choose Export → Plain text, import that file, then delete it.',
      );
    }
    const lines = uriLines(text);
    if (!lines)
      throw new WardError('corrupt', 'This Ente Auth export has lines that are not otpauth:// URIs.');
    return { lines };
  },

  convert(state) {
    return convertEach(state.lines, toEntry, (line, i) => {
      // The label is the URI path (issuer:account), decoded; never the query, which holds the secret.
      const path = line.slice(line.indexOf('//') + 2).split('?')[0] ?? '';
      const label = decodeURIComponent(path.slice(path.indexOf('/') + 1)).slice(0, 80);
      return label || `entry ${i + 1}`;
    });
  },
};
