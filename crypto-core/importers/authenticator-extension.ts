/** The "Authenticator" browser extension's JSON backup (Authenticator-Extension/Authenticator): entries keyed by hash. */
import { hex } from '@scure/base';
import type { Entry, OtpType } from '../entry';
import { WardError } from '../errors';
import {
  buildEntry,
  convertEach,
  entryLabel,
  isObject,
  type JsonObject,
  optNumber,
  optString,
  secretFromBytes,
  unsupportedType,
} from './_shared';
import type { Importer } from './types';

export interface AuthenticatorExtensionState {
  items: JsonObject[];
}

// Its OTPAlgorithm enum: stored by name in backups, by number in some older ones.
const ALGORITHM_BY_NUMBER: Record<string, string> = { '1': 'SHA1', '2': 'SHA256', '3': 'SHA512' };

function isOtpItem(v: JsonObject): boolean {
  return (typeof v.secret === 'string' && typeof v.type === 'string') || v.dataType === 'EncOTPStorage';
}

function isKeyItem(v: JsonObject): boolean {
  return v.dataType === 'Key' || (typeof v.enc === 'string' && typeof v.hash === 'string');
}

function hexToBase32(secret: string): string {
  if (!/^([0-9a-f]{2})+$/i.test(secret))
    throw new WardError('invalid-secret', 'The hexadecimal secret is malformed.');
  return secretFromBytes(hex.decode(secret.toLowerCase()));
}

function toEntry(raw: JsonObject): Entry {
  let kind = (optString(raw, 'type') ?? 'totp').toLowerCase();
  let secret = optString(raw, 'secret') ?? '';
  // The extension marks Steam and Blizzard keys with a prefix on the secret as well as by type.
  const prefix = /^(stm|blz|bliz)-/i.exec(secret);
  if (prefix) {
    kind = prefix[1]?.toLowerCase() === 'stm' ? 'steam' : 'battle';
    secret = secret.slice(prefix[0].length);
  }
  const algorithmName = raw.algorithm === undefined ? 'SHA1' : String(raw.algorithm);
  const algorithm = ALGORITHM_BY_NUMBER[algorithmName] ?? algorithmName;
  let type: OtpType;
  let digits = optNumber(raw, 'digits');
  if (kind === 'totp' || kind === 'hex' || kind === 'battle') type = 'totp';
  else if (kind === 'hotp' || kind === 'hhex') type = 'hotp';
  else if (kind === 'steam') type = 'steam';
  else throw unsupportedType(kind);
  // Battle.net codes are plain TOTP with 8 digits.
  if (kind === 'battle') digits = 8;
  if (kind === 'hex' || kind === 'hhex') secret = hexToBase32(secret);
  return buildEntry({
    type,
    issuer: optString(raw, 'issuer'),
    account: optString(raw, 'account'),
    secret,
    algorithm,
    digits,
    period: optNumber(raw, 'period'),
    counter: optNumber(raw, 'counter'),
    pinned: raw.pinned === true,
  });
}

/** Authenticator extension importer (unencrypted backups; encrypted ones get a clear message). */
export const authenticatorExtensionImporter: Importer<AuthenticatorExtensionState> = {
  id: 'authenticator-extension',
  label: 'Authenticator browser extension (JSON backup)',

  detect({ json }) {
    if (!isObject(json)) return 0;
    const values = Object.values(json);
    if (values.length === 0 || !values.every(isObject)) return 0;
    if (!values.every((v) => isOtpItem(v) || isKeyItem(v)) || !values.some(isOtpItem)) return 0;
    return values.some((v) => 'hash' in v || 'index' in v || 'dataType' in v) ? 0.9 : 0.5;
  },

  read({ json }) {
    if (!isObject(json)) throw new WardError('corrupt', 'This Authenticator backup is damaged.');
    const values = Object.values(json).filter(isObject);
    if (values.some((v) => v.encrypted === true || v.dataType === 'EncOTPStorage')) {
      throw new WardError(
        'unsupported-format',
        'This Authenticator extension backup is encrypted, which Ward cannot open. In the extension, remove the password or use "Backup → Download backup file" without encryption, import it, then delete it.',
      );
    }
    const items = values.filter(isOtpItem);
    items.sort((a, b) => (optNumber(a, 'index') ?? 0) - (optNumber(b, 'index') ?? 0));
    return { items };
  },

  convert(state) {
    return convertEach(state.items, toEntry, (raw, i) => entryLabel(raw.issuer, raw.account, i));
  },
};
