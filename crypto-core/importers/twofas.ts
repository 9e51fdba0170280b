/** 2FAS Authenticator backup (.2fas, schemas 1–4): plain, or PBKDF2-HMAC-SHA256 + AES-256-GCM. */
import { wipe } from '../_bytes';
import { WardError } from '../errors';
import { decodeBase64, gcmOpenOrNull, parseDecryptedJson, pbkdf2 } from './_crypto';
import {
  buildEntry,
  convertEach,
  entryLabel,
  isObject,
  type JsonObject,
  optNumber,
  optString,
  SKIP,
  unsupportedType,
} from './_shared';
import type { Importer } from './types';

const FORMAT = '2FAS';
const MAX_SCHEMA = 4;
// Fixed by the 2FAS apps (Android BackupCipher, iOS and browser extension alike).
const ITERATIONS = 10_000;

export type TwofasState =
  | { encrypted: false; services: unknown[] }
  | { encrypted: true; ciphertext: Uint8Array; salt: Uint8Array; iv: Uint8Array; reference?: Sealed };

interface Sealed {
  ciphertext: Uint8Array;
  salt: Uint8Array;
  iv: Uint8Array;
}

// "base64(ciphertext || tag):base64(salt):base64(iv)"
function readSealed(text: string, what: string): Sealed {
  const parts = text.split(':');
  if (parts.length !== 3) throw new WardError('corrupt', `The encrypted 2FAS ${what} is damaged.`);
  const sealed = {
    ciphertext: decodeBase64(parts[0], `The 2FAS ${what}`),
    salt: decodeBase64(parts[1], 'The 2FAS salt'),
    iv: decodeBase64(parts[2], 'The 2FAS nonce'),
  };
  if (sealed.iv.length !== 12 || sealed.ciphertext.length < 16 || sealed.salt.length === 0) {
    throw new WardError('corrupt', `The encrypted 2FAS ${what} is truncated.`);
  }
  return sealed;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function isTrashed(service: JsonObject): boolean {
  // 2FAS exports only active services; should a file ever carry a trash or delete mark, the user
  // removed that service, so it must not come back. (Defensive: no known 2FAS version writes one.)
  return service.isDeleted === true || service.isTrashed === true || service.trashed === true;
}

/** 2FAS importer: services with issuer, account, type (TOTP, HOTP, STEAM), digits, period, counter. */
export const twofasImporter: Importer<TwofasState> = {
  id: 'twofas',
  label: '2FAS Authenticator (.2fas, plain or encrypted)',

  detect({ json }) {
    if (!isObject(json) || typeof json.schemaVersion !== 'number') return 0;
    return Array.isArray(json.services) || typeof json.servicesEncrypted === 'string' ? 1 : 0;
  },

  read({ json }) {
    if (!isObject(json)) throw new WardError('corrupt', 'This 2FAS file is damaged.');
    const schema = optNumber(json, 'schemaVersion') ?? 0;
    if (schema > MAX_SCHEMA) {
      throw new WardError(
        'unsupported-version',
        `2FAS backup schema ${schema} is newer than Ward reads (up to ${MAX_SCHEMA}).`,
      );
    }
    const sealed = optString(json, 'servicesEncrypted');
    if (sealed === undefined) {
      if (!Array.isArray(json.services))
        throw new WardError('corrupt', 'This 2FAS file has no service list.');
      return { encrypted: false, services: json.services };
    }
    const services = readSealed(sealed, 'services');
    // The app also seals a fixed reference text under the same key: it tells a wrong password apart
    // from damaged service data.
    const refText = optString(json, 'reference');
    const reference = refText ? readSealed(refText, 'reference') : undefined;
    return {
      encrypted: true,
      ...services,
      ...(reference && sameBytes(reference.salt, services.salt) ? { reference } : {}),
    };
  },

  isEncrypted: (state) => state.encrypted,

  async decrypt(state, password, options) {
    if (!state.encrypted) return state;
    options.onProgress?.(0, 1);
    const key = await pbkdf2('SHA-256', password, state.salt, ITERATIONS);
    try {
      const wrong = new WardError('bad-password', 'Wrong password for this 2FAS backup.');
      if (state.reference && !(await gcmOpenOrNull(key, state.reference.iv, state.reference.ciphertext)))
        throw wrong;
      const plain = await gcmOpenOrNull(key, state.iv, state.ciphertext);
      if (!plain) {
        if (state.reference)
          throw new WardError('corrupt', 'The password is right but the 2FAS service data is damaged.');
        throw wrong;
      }
      const services = parseDecryptedJson(plain, FORMAT);
      if (!Array.isArray(services))
        throw new WardError('corrupt', 'The decrypted 2FAS data is not a service list.');
      options.onProgress?.(1, 1);
      return { encrypted: false, services };
    } finally {
      wipe(key);
    }
  },

  convert(state) {
    if (state.encrypted)
      throw new WardError('password-required', 'This 2FAS backup is encrypted: enter its password.');
    return convertEach(
      state.services,
      (raw) => {
        if (!isObject(raw)) throw new WardError('corrupt', 'This entry is damaged.');
        if (isTrashed(raw)) return SKIP;
        const otp = isObject(raw.otp) ? raw.otp : {};
        const tokenType = (optString(otp, 'tokenType') ?? 'TOTP').toUpperCase();
        const type =
          tokenType === 'TOTP'
            ? 'totp'
            : tokenType === 'HOTP'
              ? 'hotp'
              : tokenType === 'STEAM'
                ? 'steam'
                : null;
        if (!type) throw unsupportedType(tokenType);
        // Schema 3 wrote "Issuer:account" into label; schema 4 the account alone. `account` is in both.
        const label = optString(otp, 'label') ?? '';
        const account =
          optString(otp, 'account') ?? (label.includes(':') ? label.slice(label.indexOf(':') + 1) : label);
        return buildEntry({
          type,
          issuer: optString(raw, 'name') || optString(otp, 'issuer'),
          account,
          secret: optString(raw, 'secret') ?? '',
          algorithm: otp.algorithm,
          digits: optNumber(otp, 'digits'),
          period: optNumber(otp, 'period'),
          counter: optNumber(otp, 'counter'),
        });
      },
      (raw, i) =>
        isObject(raw)
          ? entryLabel(raw.name, isObject(raw.otp) ? raw.otp.account : undefined, i)
          : entryLabel(null, null, i),
    );
  },
};
