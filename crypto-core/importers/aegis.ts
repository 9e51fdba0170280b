/** Aegis vault (beemdevelopment/Aegis docs/vault.md): plain, or scrypt key slots + AES-256-GCM. */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { concatBytes, utf8, wipe } from '../_bytes';
import { WardError } from '../errors';
import { decodeBase64, decodeHex, gcmOpenOrNull, parseDecryptedJson } from './_crypto';
import {
  buildEntry,
  convertEach,
  entryLabel,
  isObject,
  type JsonObject,
  optNumber,
  optString,
  requireArray,
  unsupportedType,
} from './_shared';
import type { Importer, ImportOptions } from './types';

const FORMAT = 'Aegis';
// Content versions this reader knows: 1 (plain list), 2 (old single "group"), 3 (groups by uuid).
const MAX_DB_VERSION = 3;
// Aegis writes N=2^15, r=8, p=1 (32 MiB). Anything past these is not a vault Aegis made and would
// only stall the browser: memory 128·N·r ≤ 256 MiB, work N·r·p ≤ 2^22.
const MAX_SCRYPT_MEMORY_UNITS = 2 ** 21;
const MAX_SCRYPT_WORK = 2 ** 22;
// Ward keeps icons up to 32 KiB as data: URLs so a record fits the server's 64 KiB blob limit.
const MAX_ICON_CHARS = 32_000;

interface PasswordSlot {
  key: Uint8Array;
  nonce: Uint8Array;
  tag: Uint8Array;
  salt: Uint8Array;
  n: number;
  r: number;
  p: number;
  repaired: boolean;
}

export type AegisState =
  | { encrypted: false; db: JsonObject }
  | { encrypted: true; slots: PasswordSlot[]; nonce: Uint8Array; tag: Uint8Array; ciphertext: Uint8Array };

function readSlot(raw: JsonObject): PasswordSlot {
  const params = raw.key_params;
  if (!isObject(params))
    throw new WardError('corrupt', 'An Aegis key slot has no key_params: the file is damaged.');
  const n = optNumber(raw, 'n');
  const r = optNumber(raw, 'r');
  const p = optNumber(raw, 'p');
  if (n === undefined || r === undefined || p === undefined) {
    throw new WardError('corrupt', 'An Aegis key slot has no scrypt parameters: the file is damaged.');
  }
  const powerOfTwo = Number.isSafeInteger(n) && n >= 2 && (n & (n - 1)) === 0;
  if (
    !powerOfTwo ||
    !Number.isSafeInteger(r) ||
    !Number.isSafeInteger(p) ||
    r < 1 ||
    p < 1 ||
    n * r > MAX_SCRYPT_MEMORY_UNITS ||
    n * r * p > MAX_SCRYPT_WORK
  ) {
    throw new WardError(
      'absurd-kdf-params',
      `This Aegis vault asks for scrypt N=${n}, r=${r}, p=${p}, far beyond what Aegis writes; it was not refused by mistake.`,
    );
  }
  return {
    key: decodeHex(raw.key, 'An Aegis slot key'),
    nonce: decodeHex(params.nonce, 'An Aegis slot nonce'),
    tag: decodeHex(params.tag, 'An Aegis slot tag'),
    salt: decodeHex(raw.salt, 'An Aegis slot salt'),
    n,
    r,
    p,
    repaired: raw.repaired === true,
  };
}

/**
 * The password bytes old Aegis versions fed to scrypt (Aegis issue #95): Java's CharsetEncoder
 * buffer, i.e. the UTF-8 bytes followed by zeros up to the buffer's capacity. Slots not marked
 * "repaired" may still be wrapped with this key.
 */
function legacyPasswordBytes(password: string): Uint8Array {
  const bytes = utf8(password);
  let capacity = Math.trunc(Math.fround(password.length * Math.fround(1.1)));
  if (capacity === 0) return bytes;
  while (capacity < bytes.length) capacity = 2 * capacity + 1;
  const out = new Uint8Array(capacity);
  out.set(bytes);
  wipe(bytes);
  return out;
}

async function unwrapSlot(
  slot: PasswordSlot,
  pw: Uint8Array,
  options: ImportOptions,
): Promise<Uint8Array | null> {
  // scrypt calls back thousands of times; the UI needs a whole percent at most once each.
  let shown = -1;
  const report = (fraction: number) => {
    const percent = Math.floor(fraction * 100);
    if (percent === shown) return;
    shown = percent;
    options.onProgress?.(percent, 100);
  };
  const derived = await scryptAsync(pw, slot.salt, {
    N: slot.n,
    r: slot.r,
    p: slot.p,
    dkLen: 32,
    onProgress: options.onProgress ? report : undefined,
  });
  try {
    return await gcmOpenOrNull(derived, slot.nonce, concatBytes(slot.key, slot.tag));
  } finally {
    wipe(derived);
  }
}

function iconDataUrl(raw: JsonObject): string | undefined {
  const icon = optString(raw, 'icon');
  if (!icon) return undefined;
  const mime = optString(raw, 'icon_mime') ?? 'image/jpeg';
  // Ward keeps icons up to 256 KiB of text; a bigger one is dropped rather than losing the account.
  if (icon.length > MAX_ICON_CHARS || !/^image\/(jpeg|png|svg\+xml)$/.test(mime)) return undefined;
  if (!/^[A-Za-z0-9+/=\s]+$/.test(icon)) return undefined;
  return `data:${mime};base64,${icon.replace(/\s+/g, '')}`;
}

/** Aegis vault importer: entries with their note, favourite flag, groups (as tags) and icon. */
export const aegisImporter: Importer<AegisState> = {
  id: 'aegis',
  label: 'Aegis (plain or encrypted vault)',

  detect({ json }) {
    if (!isObject(json) || !isObject(json.header) || !('db' in json) || typeof json.version !== 'number')
      return 0;
    return 'slots' in json.header && 'params' in json.header ? 1 : 0;
  },

  read({ json }) {
    if (!isObject(json) || !isObject(json.header))
      throw new WardError('corrupt', 'This Aegis file is damaged.');
    if (json.version !== 1) {
      throw new WardError(
        'unsupported-version',
        `Aegis vault version ${String(json.version)} is newer than Ward reads.`,
      );
    }
    const { slots, params } = json.header;
    if (slots === null && params === null) {
      if (!isObject(json.db))
        throw new WardError('corrupt', 'This plain Aegis vault has no entry list: it is damaged.');
      return { encrypted: false, db: json.db };
    }
    if (!Array.isArray(slots) || !isObject(params)) {
      throw new WardError('corrupt', 'This Aegis vault header is damaged.');
    }
    const passwordSlots = slots.filter((s): s is JsonObject => isObject(s) && s.type === 1).map(readSlot);
    if (passwordSlots.length === 0) {
      throw new WardError(
        'unsupported-format',
        'This Aegis vault can only be unlocked with biometrics on the phone: export it from Aegis with a password.',
      );
    }
    return {
      encrypted: true,
      slots: passwordSlots,
      nonce: decodeHex(params.nonce, 'The Aegis vault nonce'),
      tag: decodeHex(params.tag, 'The Aegis vault tag'),
      ciphertext: decodeBase64(json.db, 'The Aegis vault contents'),
    };
  },

  isEncrypted: (state) => state.encrypted,

  async decrypt(state, password, options) {
    if (!state.encrypted) return state;
    let masterKey: Uint8Array | null = null;
    for (const slot of state.slots) {
      const pw = utf8(password);
      masterKey = await unwrapSlot(slot, pw, options);
      wipe(pw);
      if (!masterKey && !slot.repaired) {
        const legacy = legacyPasswordBytes(password);
        masterKey = await unwrapSlot(slot, legacy, options);
        wipe(legacy);
      }
      if (masterKey) break;
    }
    if (!masterKey) throw new WardError('bad-password', 'Wrong password for this Aegis vault.');
    try {
      const plain = await gcmOpenOrNull(masterKey, state.nonce, concatBytes(state.ciphertext, state.tag));
      if (!plain)
        throw new WardError('corrupt', 'The password is right but the Aegis vault contents are damaged.');
      const db = parseDecryptedJson(plain, FORMAT);
      if (!isObject(db)) throw new WardError('corrupt', 'The decrypted Aegis vault is not an entry list.');
      return { encrypted: false, db };
    } finally {
      wipe(masterKey);
    }
  },

  convert(state) {
    if (state.encrypted)
      throw new WardError('password-required', 'This Aegis vault is encrypted: enter its password.');
    const { db } = state;
    const version = optNumber(db, 'version');
    if (version !== undefined && version > MAX_DB_VERSION) {
      throw new WardError(
        'unsupported-version',
        `Aegis content version ${version} is newer than Ward reads.`,
      );
    }
    const groups = new Map<string, string>();
    for (const g of Array.isArray(db.groups) ? db.groups : []) {
      if (isObject(g) && typeof g.uuid === 'string' && typeof g.name === 'string') groups.set(g.uuid, g.name);
    }
    return convertEach(
      requireArray(db, 'entries', FORMAT),
      (raw) => {
        if (!isObject(raw) || !isObject(raw.info)) throw new WardError('corrupt', 'This entry is damaged.');
        const type = optString(raw, 'type');
        if (type !== 'totp' && type !== 'hotp' && type !== 'steam') throw unsupportedType(type);
        const info = raw.info;
        const tags = Array.isArray(raw.groups)
          ? raw.groups.map((id) => groups.get(String(id))).filter((n): n is string => n !== undefined)
          : [];
        const oldGroup = optString(raw, 'group');
        if (oldGroup) tags.push(oldGroup);
        return buildEntry({
          type,
          issuer: optString(raw, 'issuer'),
          account: optString(raw, 'name'),
          secret: optString(info, 'secret') ?? '',
          algorithm: info.algo,
          digits: optNumber(info, 'digits'),
          period: optNumber(info, 'period'),
          counter: optNumber(info, 'counter'),
          note: optString(raw, 'note'),
          pinned: raw.favorite === true,
          tags,
          icon: iconDataUrl(raw),
        });
      },
      (raw, i) => (isObject(raw) ? entryLabel(raw.issuer, raw.name, i) : entryLabel(null, null, i)),
    );
  },
};
