/**
 * Decoded QR texts → what Ward can do with them: otpauth:// (Key Uri Format) and
 * otpauth-migration:// (Google Authenticator export) become entries; anything else is shown as is.
 */
import type { Entry } from '../../crypto-core/entry';
import { isWardError } from '../../crypto-core/errors';
import { parseMigrationUriDetailed } from '../../crypto-core/migration';
import { parseOtpauthUri } from '../../crypto-core/uri';

/** What one scan found, before the user picks what to add. Holds secrets: worker-only. */
export interface ScanFindings {
  entries: Entry[];
  /** accounts or codes that could not be read, as "label: reason" (never the raw text: it may hold a secret) */
  errors: string[];
  /** texts of QR codes that are not 2FA setup codes (shown to the user as they are) */
  others: string[];
}

/** Longest text kept for "not a 2FA setup code": enough to recognise it, bounded for storage. */
const MAX_OTHER_TEXT = 2000;

const isScheme = (text: string, scheme: string) => text.trim().toLowerCase().startsWith(`${scheme}:`);

/**
 * Sorts the texts of every code found into entries, unreadable codes and other texts. Entries from
 * plain otpauth:// codes get `domain` (the capturing tab's registrable domain) in `domains`;
 * migration codes come from another app, so the page says nothing about their sites.
 */
export function classifyTexts(texts: readonly string[], domain: string | null): ScanFindings {
  const found: ScanFindings = { entries: [], errors: [], others: [] };
  texts.forEach((raw, i) => {
    const text = raw.trim();
    if (isScheme(text, 'otpauth')) {
      try {
        const entry = parseOtpauthUri(text);
        found.entries.push(domain ? { ...entry, domains: [domain] } : entry);
      } catch (e) {
        found.errors.push(`QR code ${i + 1}: ${isWardError(e) ? e.message : 'unreadable setup link'}`);
      }
    } else if (isScheme(text, 'otpauth-migration')) {
      try {
        const batch = parseMigrationUriDetailed(text);
        found.entries.push(...batch.entries);
        found.errors.push(...batch.errors.map((e) => `${e.label}: ${e.message}`));
      } catch (e) {
        found.errors.push(`QR code ${i + 1}: ${isWardError(e) ? e.message : 'unreadable export code'}`);
      }
    } else {
      found.others.push(text.length > MAX_OTHER_TEXT ? `${text.slice(0, MAX_OTHER_TEXT)}…` : text);
    }
  });
  return found;
}
