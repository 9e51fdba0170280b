/** Splits an RFC 3986 URI (otpauth:, otpauth-migration:) into parts, with the limits every parser shares. */
import { WardError } from './errors';

/** Longest URI accepted: a QR code holds at most 2,953 bytes, so 8 KiB is generous. */
export const MAX_URI_LENGTH = 8192;

export interface UriParts {
  /** lower case */
  scheme: string;
  /** raw authority, lower case ("totp", "offline") */
  host: string;
  /** raw path after the authority's '/', still percent-encoded */
  path: string;
  /** raw (still encoded) values of each query parameter, keys decoded and lower case, in order */
  query: Map<string, string[]>;
}

// scheme "://" authority [ "/" path ] [ "?" query ] [ "#" fragment ]; the fragment is ignored.
const SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/i;
// A URI never holds raw control characters; a QR payload that does is damaged or not a URI.
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Parts of `input`; throws WardError('invalid-uri') for anything that is not a URI of this shape. */
export function splitUri(input: unknown): UriParts {
  if (typeof input !== 'string') throw new WardError('invalid-uri', 'Expected the link as text.');
  if (input.length > MAX_URI_LENGTH) {
    throw new WardError('invalid-uri', `The link is too long (over ${MAX_URI_LENGTH} characters).`);
  }
  const text = input.trim();
  if (text === '') throw new WardError('invalid-uri', 'The link is empty.');
  const m = hasControl(text) ? null : SHAPE.exec(text);
  if (!m) {
    throw new WardError('invalid-uri', 'This is not a link of the form otpauth://type/label?parameters.');
  }
  const query = new Map<string, string[]>();
  for (const piece of (m[4] ?? '').split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = decodeComponent(eq < 0 ? piece : piece.slice(0, eq), true).toLowerCase();
    const raw = eq < 0 ? '' : piece.slice(eq + 1);
    const values = query.get(key);
    if (values) values.push(raw);
    else query.set(key, [raw]);
  }
  return {
    scheme: (m[1] as string).toLowerCase(),
    host: (m[2] as string).toLowerCase(),
    path: m[3] ?? '',
    query,
  };
}

/**
 * Percent-decodes one URI component. `plusIsSpace` applies the form encoding (WHATWG URL) that query
 * strings use and issuers emit ("issuer=ACME+Co"); paths keep '+' literal (RFC 3986).
 */
export function decodeComponent(raw: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
  } catch {
    throw new WardError('invalid-uri', 'The link is damaged: it has a badly percent-encoded part.');
  }
}

/**
 * The single value of query parameter `key`, decoded, or undefined when absent. The same parameter
 * given twice is accepted when both values agree and rejected ('duplicate-parameter') otherwise.
 */
export function singleParam(parts: UriParts, key: string, plusIsSpace = true): string | undefined {
  const raws = parts.query.get(key);
  if (!raws) return undefined;
  const values = raws.map((r) => decodeComponent(r, plusIsSpace));
  const first = values[0] as string;
  if (values.some((v) => v !== first)) {
    // Never the values: one of them may be the secret.
    throw new WardError(
      'duplicate-parameter',
      `The parameter "${key}" appears ${values.length} times with different values; keep one.`,
    );
  }
  return first;
}
