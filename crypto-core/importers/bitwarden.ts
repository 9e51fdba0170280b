/** Bitwarden vault export (unencrypted .json or .csv): the `login.totp` of every login that has one. */
import { getDomain } from 'tldts';
import type { Entry } from '../entry';
import { WardError } from '../errors';
import { parseOtpauthUri } from '../uri';
import { csvRecords } from './_csv';
import { buildEntry, convertEach, entryLabel, isObject, optString } from './_shared';
import type { Importer, ImportInput } from './types';

interface Login {
  /** position of the item in the file, for error reports */
  index: number;
  name: string;
  username: string;
  totp: string;
  uris: string[];
}

export interface BitwardenState {
  logins: Login[];
}

function csvHeader(text: string | null): string[] | null {
  if (text === null) return null;
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.split(',').map((h) => h.trim());
}

function domainsOf(uris: string[]): string[] {
  const out = new Set<string>();
  for (const uri of uris) {
    const domain = getDomain(uri.trim());
    if (domain) out.add(domain);
  }
  return [...out];
}

function readJson(json: Record<string, unknown>): Login[] {
  if (json.encrypted === true) {
    throw new WardError(
      'unsupported-format',
      'This Bitwarden export is encrypted. In Bitwarden, export the vault again as ".json" (not "encrypted"), import it, then delete the file.',
    );
  }
  if (!Array.isArray(json.items)) throw new WardError('corrupt', 'This Bitwarden export has no item list.');
  const logins: Login[] = [];
  json.items.forEach((item, index) => {
    if (!isObject(item) || !isObject(item.login)) return;
    const totp = optString(item.login, 'totp')?.trim();
    if (!totp) return;
    const uris = Array.isArray(item.login.uris)
      ? item.login.uris
          .map((u) => (isObject(u) ? optString(u, 'uri') : undefined))
          .filter((u): u is string => !!u)
      : [];
    logins.push({
      index,
      name: optString(item, 'name') ?? '',
      username: optString(item.login, 'username') ?? '',
      totp,
      uris,
    });
  });
  return logins;
}

function readCsv(text: string): Login[] {
  const { records } = csvRecords(text);
  const logins: Login[] = [];
  records.forEach((r, index) => {
    const totp = (r.login_totp ?? '').trim();
    if (!totp) return;
    const uris = (r.login_uri ?? '').split(',').filter((u) => u.trim() !== '');
    logins.push({ index, name: r.name ?? '', username: r.login_username ?? '', totp, uris });
  });
  return logins;
}

function toEntry(login: Login): Entry {
  const { totp, name, username } = login;
  let entry: Entry;
  if (/^otpauth:\/\//i.test(totp)) {
    entry = parseOtpauthUri(totp);
    if (!entry.issuer) entry.issuer = name.trim();
    if (!entry.account) entry.account = username.trim();
  } else if (/^steam:\/\//i.test(totp)) {
    // Bitwarden keeps only the shared secret for Steam; the item's name is the best label there is.
    entry = buildEntry({ type: 'steam', issuer: name || 'Steam', account: username, secret: totp.slice(8) });
  } else {
    // A bare base32 key: Bitwarden generates SHA1, 6 digits, 30 s codes for it.
    entry = buildEntry({ type: 'totp', issuer: name, account: username, secret: totp });
  }
  const domains = domainsOf(login.uris);
  if (domains.length) entry.domains = domains;
  return entry;
}

/** Bitwarden importer: otpauth:// URIs, bare base32 keys and steam:// keys, with the login's domains. */
export const bitwardenImporter: Importer<BitwardenState> = {
  id: 'bitwarden',
  label: 'Bitwarden (unencrypted .json or .csv export)',

  detect({ json, text }: ImportInput) {
    if (isObject(json)) {
      // Encrypted exports carry encKeyValidation_DO_NOT_EDIT (and, password-protected, no items).
      const marked = Array.isArray(json.items) || 'encKeyValidation_DO_NOT_EDIT' in json;
      return typeof json.encrypted === 'boolean' && marked ? 0.95 : 0;
    }
    if (json !== undefined) return 0;
    const header = csvHeader(text);
    return header?.includes('login_totp') && header.includes('name') ? 0.95 : 0;
  },

  read({ json, text }) {
    if (isObject(json)) return { logins: readJson(json) };
    if (text === null) throw new WardError('corrupt', 'This Bitwarden export is not text.');
    return { logins: readCsv(text) };
  },

  convert(state) {
    const result = convertEach(state.logins, toEntry, (l) => entryLabel(l.name, l.username, l.index));
    // Report positions in the file, not in the filtered list of logins with a TOTP key.
    for (const e of result.errors) e.index = state.logins[e.index]?.index ?? e.index;
    return result;
  },
};
