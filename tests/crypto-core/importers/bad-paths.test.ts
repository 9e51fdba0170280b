// What a user sees when an export is wrong: the contract's error codes for whole files, and
// per-entry errors (index + label, never the secret) while the rest of the file still imports.
import { gcm } from '@noble/ciphers/aes.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { base64, hex } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { andotpImporter } from '../../../crypto-core/importers/andotp';
import { importFileDetailed } from '../../../crypto-core/importers/import-file';
import { ACCOUNTS, SECRET_SHA1 } from './accounts';
import {
  aegisEncrypted,
  aegisPlain,
  andotpEncrypted,
  andotpPlain,
  authenticatorExtension,
  PASSWORD,
  stratumLegacy,
  stratumPlain,
  twofas,
} from './fixtures';

const withPassword = { password: PASSWORD };
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );
const flip = (b64: string) => {
  const bytes = base64.decode(b64);
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
  return base64.encode(bytes);
};

describe('whole-file errors', () => {
  it('an encrypted Aegis vault whose contents were altered is corrupt, not a wrong password', async () => {
    const vault = JSON.parse(aegisEncrypted());
    vault.db = flip(vault.db);
    expect(await codeOf(importFileDetailed(JSON.stringify(vault), withPassword))).toBe('corrupt');
  });

  it('a truncated Aegis ciphertext is corrupt', async () => {
    const vault = JSON.parse(aegisEncrypted());
    vault.db = base64.encode(base64.decode(vault.db).subarray(0, 40));
    expect(await codeOf(importFileDetailed(JSON.stringify(vault), withPassword))).toBe('corrupt');
  });

  it('an Aegis slot asking for absurd scrypt costs is refused before any work', async () => {
    const vault = JSON.parse(aegisEncrypted());
    vault.header.slots[0].n = 2 ** 30;
    expect(await codeOf(importFileDetailed(JSON.stringify(vault), withPassword))).toBe('absurd-kdf-params');
  });

  it('an Aegis vault with only a biometric slot explains itself', async () => {
    const vault = JSON.parse(aegisEncrypted());
    vault.header.slots = vault.header.slots.filter((s: { type: number }) => s.type !== 1);
    const err = await importFileDetailed(JSON.stringify(vault), withPassword).catch((e) => e);
    expect(err.code).toBe('unsupported-format');
    expect(err.message).toMatch(/password/);
  });

  it('newer Aegis and 2FAS versions are reported as such', async () => {
    const vault = JSON.parse(aegisPlain());
    expect(await codeOf(importFileDetailed(JSON.stringify({ ...vault, version: 2 })))).toBe(
      'unsupported-version',
    );
    vault.db.version = 4;
    expect(await codeOf(importFileDetailed(JSON.stringify(vault)))).toBe('unsupported-version');
    const backup = JSON.parse(twofas(4, false));
    expect(await codeOf(importFileDetailed(JSON.stringify({ ...backup, schemaVersion: 5 })))).toBe(
      'unsupported-version',
    );
  });

  it('2FAS tells a damaged backup from a wrong password by its reference text', async () => {
    const backup = JSON.parse(twofas(4, true));
    const [ct, salt, iv] = backup.servicesEncrypted.split(':');
    backup.servicesEncrypted = `${flip(ct)}:${salt}:${iv}`;
    expect(await codeOf(importFileDetailed(JSON.stringify(backup), withPassword))).toBe('corrupt');
    expect(await codeOf(importFileDetailed(JSON.stringify(backup), { password: 'nope' }))).toBe(
      'bad-password',
    );
    backup.servicesEncrypted = `${ct}:${salt}`;
    expect(await codeOf(importFileDetailed(JSON.stringify(backup), withPassword))).toBe('corrupt');
  });

  it('a truncated andOTP or Stratum binary backup is corrupt or a bad password, never a crash', async () => {
    expect(await codeOf(importFileDetailed(andotpEncrypted().subarray(0, 60), withPassword))).toBe(
      'bad-password',
    );
    expect(await codeOf(importFileDetailed(stratumLegacy().subarray(0, 40), withPassword))).toBe('corrupt');
  });

  it('a plain file missing its entry list is corrupt', async () => {
    const vault = JSON.parse(aegisPlain());
    delete vault.db.entries;
    expect(await codeOf(importFileDetailed(JSON.stringify(vault)))).toBe('corrupt');
  });

  it('encrypted exports Ward cannot open name the app and what to do', async () => {
    const files = [
      JSON.stringify({
        encrypted: true,
        passwordProtected: true,
        salt: 'x',
        kdfType: 0,
        kdfIterations: 600000,
        encKeyValidation_DO_NOT_EDIT: '2.x|y|z',
        data: '2.a|b|c',
      }),
      JSON.stringify({
        version: 1,
        kdfParams: { memLimit: 4096, opsLimit: 3, salt: 'x' },
        encryptedData: 'y',
        encryptionNonce: 'z',
      }),
      JSON.stringify({
        'a-b': { dataType: 'EncOTPStorage', keyId: 'k', data: 'U2FsdGVkX1', index: 0 },
        k: { dataType: 'Key', id: 'k', salt: 's', hash: 'h' },
      }),
    ];
    for (const file of files) {
      const err = await importFileDetailed(file, withPassword).catch((e) => e);
      expect(err.code).toBe('unsupported-format');
      expect(err.message).toMatch(/Bitwarden|Ente|Authenticator/);
    }
  });

  it('the andOTP old format (key = SHA-256 of the password) still opens', async () => {
    const key = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(PASSWORD)));
    const nonce = crypto.getRandomValues(new Uint8Array(12));
    const sealed = gcm(key, nonce).encrypt(new TextEncoder().encode(andotpPlain()));
    const bytes = new Uint8Array([...nonce, ...sealed]);
    const state = await andotpImporter.decrypt?.(
      andotpImporter.read({ bytes, text: null, json: undefined }),
      PASSWORD,
      {},
    );
    expect(state && andotpImporter.convert(state).entries).toHaveLength(ACCOUNTS.length);
  });

  it('an Aegis slot from before Aegis issue #95 was fixed (password bytes zero-padded) opens', async () => {
    const password = 'abcdefghij'; // 10 characters: Java's encoder buffer held 11 bytes
    const vault = JSON.parse(aegisEncrypted(undefined, password));
    const slot = vault.header.slots[0];
    const masterKey = gcm(
      scrypt(new TextEncoder().encode(password), hex.decode(slot.salt), { N: 1024, r: 8, p: 1, dkLen: 32 }),
      hex.decode(slot.key_params.nonce),
    ).decrypt(new Uint8Array([...hex.decode(slot.key), ...hex.decode(slot.key_params.tag)]));
    const legacyKey = scrypt(
      new Uint8Array([...new TextEncoder().encode(password), 0]),
      hex.decode(slot.salt),
      {
        N: 1024,
        r: 8,
        p: 1,
        dkLen: 32,
      },
    );
    const wrapped = gcm(legacyKey, hex.decode(slot.key_params.nonce)).encrypt(masterKey);
    Object.assign(slot, { key: hex.encode(wrapped.subarray(0, 32)), repaired: false });
    slot.key_params.tag = hex.encode(wrapped.subarray(32));
    const result = await importFileDetailed(JSON.stringify(vault), { password });
    expect(result.entries).toHaveLength(ACCOUNTS.length);
  });

  it('reports progress while deriving an Aegis key', async () => {
    const seen: [number, number][] = [];
    await importFileDetailed(aegisEncrypted(), {
      password: PASSWORD,
      onProgress: (d, t) => seen.push([d, t]),
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(([d, t]) => d >= 0 && d <= t)).toBe(true);
  });
});

describe('per-entry errors', () => {
  it('a bad entry is reported by index and label, never its secret, and the rest imports', async () => {
    const vault = JSON.parse(aegisPlain());
    const entries = vault.db.entries;
    entries[1].type = 'yandex';
    entries[2].info.secret = `${SECRET_SHA1}!!`;
    entries[3].info.algo = 'MD5';
    delete entries[4].info.secret;
    const { entries: ok, errors } = await importFileDetailed(JSON.stringify(vault));
    expect(ok).toHaveLength(ACCOUNTS.length - 4);
    expect(errors.map((e) => [e.index, e.label])).toEqual([
      [1, 'Ωmega Bank / Zoë 测试 🔐'],
      [2, 'Example / bob'],
      [3, 'Sixty / carol'],
      [4, 'Hotp Inc / dave'],
    ]);
    expect(JSON.stringify(errors)).not.toContain(SECRET_SHA1.slice(0, 12));
    expect(errors[0]?.message).toMatch(/yandex/i);
  });

  it('Stratum mOTP and Yandex entries are errors; categories become tags', async () => {
    const file = JSON.parse(stratumPlain());
    file.Authenticators[0].Type = 3;
    file.Categories = [{ Id: 'c1', Name: 'Work', Ranking: 0 }];
    file.AuthenticatorCategories = [
      { CategoryId: 'c1', AuthenticatorSecret: file.Authenticators[2].Secret, Ranking: 0 },
    ];
    const { entries, errors } = await importFileDetailed(JSON.stringify(file));
    expect(errors).toEqual([
      { index: 0, label: 'ACME Co / alice@example.com', message: expect.stringMatching(/mOTP/) },
    ]);
    expect(entries.find((e) => e.issuer === 'Example')?.tags).toEqual(['Work']);
  });

  it('a file where no entry can be read is corrupt as a whole', async () => {
    const file = JSON.parse(andotpPlain());
    for (const e of file) e.secret = '1';
    expect(await codeOf(importFileDetailed(JSON.stringify(file)))).toBe('corrupt');
  });

  it('Authenticator extension hex, Battle.net and prefixed Steam secrets convert', async () => {
    const file = JSON.parse(authenticatorExtension());
    const [first, second, third] = Object.keys(file) as [string, string, string];
    file[first] = { ...file[first], type: 'hex', secret: '3132333435363738393031323334353637383930' };
    file[second] = {
      ...file[second],
      type: 'totp',
      secret: `blz-${SECRET_SHA1}`,
      digits: undefined,
      algorithm: undefined,
    };
    file[third] = { ...file[third], type: 'totp', secret: `stm-${SECRET_SHA1}`, algorithm: undefined };
    const { entries } = await importFileDetailed(JSON.stringify(file));
    expect(entries[0]).toMatchObject({ type: 'totp', secret: SECRET_SHA1, digits: 8 });
    expect(entries[1]).toMatchObject({ type: 'totp', secret: SECRET_SHA1, digits: 8, algorithm: 'SHA1' });
    expect(entries[2]).toMatchObject({ type: 'steam', secret: SECRET_SHA1, digits: 5 });
  });
});
