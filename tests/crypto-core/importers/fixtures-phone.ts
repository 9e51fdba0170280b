// Fixture builders for phone authenticator apps' exports: Aegis, 2FAS, andOTP, FreeOTP+, Stratum.
// Encrypted files are sealed with independent implementations (@noble/ciphers, @noble/hashes,
// hash-wasm), with cheap KDF costs where the format stores them in the file.
import { cbc, gcm } from '@noble/ciphers/aes.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64, hex } from '@scure/base';
import { argon2id } from 'hash-wasm';
import { type Account, secretBytes } from './accounts';
import { ALL, cat, enc, PASSWORD, pick, rand, upper, uriOf } from './fixture-kit';

// Aegis docs/vault.md: content version 3, entries with info {secret, algo, digits, period|counter}.
function aegisDb(accounts: Account[]) {
  return {
    version: 3,
    entries: accounts.map(({ entry: e }, i) => ({
      type: e.type,
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: e.account,
      issuer: e.issuer,
      note: '',
      favorite: false,
      icon: null,
      info: {
        secret: e.secret,
        algo: e.algorithm,
        digits: e.digits,
        ...(e.type === 'hotp' ? { counter: e.counter } : { period: e.period }),
      },
      groups: [],
    })),
    groups: [],
  };
}

export function aegisPlain(accounts = ALL): string {
  return JSON.stringify(
    { version: 1, header: { slots: null, params: null }, db: aegisDb(accounts) },
    null,
    4,
  );
}

/** Aegis encrypted: master key sealed by the db (AES-GCM), wrapped in a scrypt password slot. */
export function aegisEncrypted(
  accounts = ALL,
  password = PASSWORD,
  n = 1024,
  db: unknown = aegisDb(accounts),
): string {
  const masterKey = rand(32);
  const nonce = rand(12);
  const sealed = gcm(masterKey, nonce).encrypt(enc.encode(JSON.stringify(db)));
  const salt = rand(32);
  const slotKey = scrypt(enc.encode(password), salt, { N: n, r: 8, p: 1, dkLen: 32 });
  const slotNonce = rand(12);
  const wrapped = gcm(slotKey, slotNonce).encrypt(masterKey);
  const slot = {
    type: 1,
    uuid: '11111111-1111-4111-8111-111111111111',
    key: hex.encode(wrapped.subarray(0, 32)),
    key_params: { nonce: hex.encode(slotNonce), tag: hex.encode(wrapped.subarray(32)) },
    n,
    r: 8,
    p: 1,
    salt: hex.encode(salt),
    repaired: true,
  };
  return JSON.stringify({
    version: 1,
    header: {
      slots: [slot, { type: 2, uuid: '22222222-2222-4222-8222-222222222222', key: '00', key_params: {} }],
      params: { nonce: hex.encode(nonce), tag: hex.encode(sealed.subarray(sealed.length - 16)) },
    },
    db: base64.encode(sealed.subarray(0, sealed.length - 16)),
  });
}

// 2FAS BackupContent / BackupService (twofas-android data/services/domain).
function twofasServices(accounts: Account[], schema: 3 | 4) {
  return accounts.map(({ entry: e }, position) => ({
    name: e.issuer,
    secret: e.secret,
    updatedAt: 1700000000000 + position,
    otp: {
      ...(schema === 4 ? { link: uriOf(e) } : {}),
      label: schema === 4 ? e.account : `${e.issuer}:${e.account}`,
      account: e.account,
      issuer: e.issuer,
      digits: e.digits,
      ...(e.type === 'hotp' ? { counter: e.counter } : { period: e.period }),
      algorithm: e.algorithm,
      tokenType: upper(e.type),
      source: 'Link',
    },
    order: { position },
    icon: { selected: 'Label', label: { text: e.issuer.slice(0, 2), backgroundColor: 'Default' } },
  }));
}

function twofasSeal(key: Uint8Array, salt: Uint8Array, plain: string): string {
  const iv = rand(12);
  return `${base64.encode(gcm(key, iv).encrypt(enc.encode(plain)))}:${base64.encode(salt)}:${base64.encode(iv)}`;
}

/** 2FAS: PBKDF2-HMAC-SHA256, 10,000 iterations, AES-256-GCM; "ct||tag:salt:iv", base64 each. */
export function twofas(
  schema: 3 | 4,
  encrypted: boolean,
  accounts = ALL,
  extraServices: unknown[] = [],
): string {
  const services = [...twofasServices(accounts, schema), ...extraServices];
  const head = {
    groups: [],
    updatedAt: 1700000001000,
    schemaVersion: schema,
    appVersionCode: 5000009,
    appVersionName: '5.1.0',
    appOrigin: 'android',
  };
  if (!encrypted) return JSON.stringify({ services, ...head });
  const salt = rand(256);
  const key = pbkdf2(sha256, enc.encode(PASSWORD), salt, { c: 10_000, dkLen: 32 });
  return JSON.stringify({
    services: [],
    ...head,
    servicesEncrypted: twofasSeal(key, salt, JSON.stringify(services)),
    reference: twofasSeal(key, salt, 'reference text the app checks the password against'),
  });
}

// andOTP Entry.toJSON: upper-case type, label + issuer, thumbnail, last_used, tags.
function andotpEntries(accounts: Account[]) {
  return accounts.map(({ entry: e }) => ({
    secret: e.secret,
    issuer: e.issuer,
    label: e.account,
    digits: e.digits,
    type: upper(e.type),
    algorithm: e.algorithm,
    thumbnail: 'Default',
    last_used: 1608146844162,
    used_frequency: 0,
    ...(e.type === 'hotp' ? { counter: e.counter } : e.type === 'totp' ? { period: e.period } : {}),
    tags: [],
  }));
}

export function andotpPlain(accounts = ALL): string {
  return JSON.stringify(andotpEntries(accounts));
}

/** andOTP new format: iterations (int32 BE) || salt(12) || nonce(12) || AES-GCM(ct||tag), PBKDF2-HMAC-SHA1. */
export function andotpEncrypted(accounts = ALL, iterations = 1000): Uint8Array {
  const salt = rand(12);
  const nonce = rand(12);
  const key = pbkdf2(sha1, enc.encode(PASSWORD), salt, { c: iterations, dkLen: 32 });
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, iterations);
  return cat(head, salt, nonce, gcm(key, nonce).encrypt(enc.encode(andotpPlain(accounts))));
}

// FreeOTP+ export: Java signed bytes, HOTP counter = last used (one less than the next code's).
export const FREEOTP_ACCOUNTS = pick('totp8', 'sha256', 'sha512', 'period60', 'hotp', 'steam', 'totp6');

export function freeotp(): string {
  const tokens = FREEOTP_ACCOUNTS.map(({ entry: e }) => ({
    algo: e.algorithm,
    counter: e.type === 'hotp' ? e.counter - 1 : 0,
    digits: e.digits,
    issuerExt: e.issuer,
    issuerInt: e.issuer,
    label: e.account,
    period: e.period,
    secret: Array.from(secretBytes(e), (b) => (b > 127 ? b - 256 : b)),
    type: e.type === 'hotp' ? 'HOTP' : 'TOTP',
  }));
  return JSON.stringify({ tokenOrder: tokens.map((t) => `${t.issuerExt}:${t.label}`), tokens });
}

// Stratum / Authenticator Pro backup (docs "Backup File Format"): Type 1 HOTP, 2 TOTP, 4 Steam.
function stratumJson(accounts: Account[]) {
  const types = { hotp: 1, totp: 2, steam: 4 };
  return {
    Authenticators: accounts.map(({ entry: e }) => ({
      Type: types[e.type],
      Icon: null,
      Issuer: e.issuer,
      Username: e.account,
      Secret: e.secret,
      Pin: null,
      Algorithm: ['SHA1', 'SHA256', 'SHA512'].indexOf(e.algorithm),
      Digits: e.digits,
      Period: e.period,
      Counter: e.counter,
      Ranking: 0,
      CopyCount: 3,
    })),
    Categories: [],
    AuthenticatorCategories: [],
    CustomIcons: [],
  };
}

export function stratumPlain(accounts = ALL, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...stratumJson(accounts), ...extra });
}

/** Stratum "AUTHENTICATORPRO": Argon2id (64 MiB, t=3, p=4) → AES-256-GCM; salt(16) || iv(12) || ct||tag. */
export async function stratumEncrypted(): Promise<Uint8Array> {
  const salt = rand(16);
  const iv = rand(12);
  const key = await argon2id({
    password: PASSWORD,
    salt,
    iterations: 3,
    parallelism: 4,
    memorySize: 64 * 1024,
    hashLength: 32,
    outputType: 'binary',
  });
  return cat(enc.encode('AUTHENTICATORPRO'), salt, iv, gcm(key, iv).encrypt(enc.encode(stratumPlain())));
}

/** Stratum legacy "AuthenticatorPro": PBKDF2-HMAC-SHA1 (64,000) → AES-256-CBC; salt(20) || iv(16) || ct. */
export function stratumLegacy(): Uint8Array {
  const salt = rand(20);
  const iv = rand(16);
  const key = pbkdf2(sha1, enc.encode(PASSWORD), salt, { c: 64_000, dkLen: 32 });
  return cat(enc.encode('AuthenticatorPro'), salt, iv, cbc(key, iv).encrypt(enc.encode(stratumPlain())));
}
