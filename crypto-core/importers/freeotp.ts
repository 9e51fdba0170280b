/** FreeOTP+ JSON export (`tokens` + `tokenOrder`): secrets as Java signed byte arrays. */
import { WardError } from '../errors';
import {
  buildEntry,
  convertEach,
  entryLabel,
  isObject,
  type JsonObject,
  optNumber,
  optString,
  requireArray,
  secretFromBytes,
  unsupportedType,
} from './_shared';
import type { Importer } from './types';

const FORMAT = 'FreeOTP+';

export interface FreeotpState {
  tokens: unknown[];
}

function secretBytes(value: unknown): Uint8Array {
  if (!Array.isArray(value) || !value.every((b) => Number.isInteger(b) && b >= -128 && b <= 255)) {
    throw new WardError('invalid-secret', 'The secret is not a byte list.');
  }
  // Java bytes are signed: -19 is 0xED.
  return Uint8Array.from(value as number[], (b) => b & 0xff);
}

function names(raw: JsonObject): { issuer: string; account: string } {
  // "Alt" fields hold what the user renamed the token to; "Ext" is the URI's issuer parameter.
  const issuer =
    optString(raw, 'issuerAlt') || optString(raw, 'issuerExt') || optString(raw, 'issuerInt') || '';
  const account = optString(raw, 'labelAlt') || optString(raw, 'label') || '';
  return { issuer, account };
}

/** FreeOTP+ importer. Its HOTP counter is the last one used, so the next code is counter + 1. */
export const freeotpImporter: Importer<FreeotpState> = {
  id: 'freeotp',
  label: 'FreeOTP+ (JSON export)',

  detect({ json }) {
    if (!isObject(json) || !Array.isArray(json.tokens)) return 0;
    if (Array.isArray(json.tokenOrder)) return 1;
    const first = json.tokens[0];
    return isObject(first) && Array.isArray(first.secret) && 'algo' in first ? 0.8 : 0;
  },

  read({ json }) {
    if (!isObject(json)) throw new WardError('corrupt', 'This FreeOTP+ file is damaged.');
    return { tokens: requireArray(json, 'tokens', FORMAT) };
  },

  convert(state) {
    return convertEach(
      state.tokens,
      (raw) => {
        if (!isObject(raw)) throw new WardError('corrupt', 'This entry is damaged.');
        const type = (optString(raw, 'type') ?? '').toLowerCase();
        if (type !== 'totp' && type !== 'hotp') throw unsupportedType(raw.type);
        const { issuer, account } = names(raw);
        const secret = secretFromBytes(secretBytes(raw.secret));
        if (type === 'hotp') {
          const stored = optNumber(raw, 'counter') ?? 0;
          return buildEntry({
            type,
            issuer,
            account,
            secret,
            algorithm: raw.algo,
            digits: optNumber(raw, 'digits'),
            counter: stored + 1,
          });
        }
        // FreeOTP marks Steam tokens by issuer alone (its Token class switches to Steam's alphabet).
        const steam = optString(raw, 'issuerExt') === 'Steam';
        return buildEntry({
          type: steam ? 'steam' : 'totp',
          issuer,
          account,
          secret,
          algorithm: raw.algo,
          digits: optNumber(raw, 'digits'),
          period: optNumber(raw, 'period'),
        });
      },
      (raw, i) =>
        isObject(raw) ? entryLabel(names(raw).issuer, names(raw).account, i) : entryLabel(null, null, i),
    );
  },
};
