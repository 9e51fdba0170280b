import { gcm } from '@noble/ciphers/aes.js';
import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { base64urlnopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { createBackup } from '../../crypto-core/backup';
import type { Entry } from '../../crypto-core/entry';
import { importFile, importFileDetailed } from '../../crypto-core/importers/import-file';
import { ARGON2_FLOOR, DEFAULT_ARGON2 } from '../../crypto-core/kdf';
import { totpEntry } from './sample-entry';
import { codeOf } from './ward-error';

const ENTRIES: Entry[] = [
  totpEntry({ tags: ['work'], note: 'recovery codes in the safe', domains: ['example.com'] }),
  {
    type: 'hotp',
    issuer: 'Bank',
    account: 'bob',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA256',
    digits: 8,
    period: 30,
    counter: 42,
  },
  {
    type: 'steam',
    issuer: 'Steam',
    account: 'gamer',
    secret: 'ONSWG4TFOQ',
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
    counter: 0,
    pinned: true,
  },
];

const PW = 'a long backup passphrase';

type Json = Record<string, unknown> & { kdf: Record<string, unknown>; cipher: Record<string, unknown> };
const edit = (text: string, change: (f: Json) => void) => {
  const f = JSON.parse(text) as Json;
  change(f);
  return JSON.stringify(f);
};

describe('Ward backup file', () => {
  it('round-trips entries at the default parameters and holds nothing readable', async () => {
    const text = await createBackup(ENTRIES, PW);
    const f = JSON.parse(text) as Json;
    expect(f).toMatchObject({ ward: 'backup', version: 1, kdf: { name: 'argon2id', ...DEFAULT_ARGON2 } });
    expect(f.cipher.name).toBe('aes-256-gcm');
    for (const needle of ['JBSWY3DP', 'Example', 'alice', 'Bank', 'safe']) expect(text).not.toContain(needle);
    const got = await importFileDetailed(text, { password: PW });
    expect(got).toEqual({ format: 'ward-backup', entries: ENTRIES, errors: [] });
  });

  it('opens a file built independently from the documented format (noble Argon2id + AES-GCM)', async () => {
    const salt = new Uint8Array(16).fill(0x11);
    const nonce = new Uint8Array(12).fill(0x22);
    const header = {
      ward: 'backup',
      version: 1,
      kdf: { name: 'argon2id', ...ARGON2_FLOOR, salt: base64urlnopad.encode(salt) },
      cipher: { name: 'aes-256-gcm', nonce: base64urlnopad.encode(nonce) },
      createdAt: '2026-01-02T03:04:05.000Z',
    };
    const k = header.kdf;
    const aad = `ward/v1/backup|${JSON.stringify(['backup', 1, 'argon2id', k.m, k.t, k.p, k.salt, 'aes-256-gcm', header.createdAt])}`;
    const key = nobleArgon2id(new TextEncoder().encode(PW), salt, { ...ARGON2_FLOOR, dkLen: 32 });
    const plain = new TextEncoder().encode(JSON.stringify({ entries: ENTRIES.slice(0, 1) }));
    const ct = gcm(key, nonce, new TextEncoder().encode(aad)).encrypt(plain);
    const file = JSON.stringify({ ...header, ciphertext: base64urlnopad.encode(ct) });
    expect(await importFile(file, { password: PW })).toEqual(ENTRIES.slice(0, 1));
  });

  it('asks for a password, refuses a wrong one, and accepts its NFKC form', async () => {
    const text = await createBackup(ENTRIES, 'caf\u00e9', { params: ARGON2_FLOOR });
    expect(await codeOf(importFile(text))).toBe('password-required');
    expect(await codeOf(importFile(text, { password: '' }))).toBe('password-required');
    expect(await codeOf(importFile(text, { password: 'cafe' }))).toBe('bad-password');
    const progress: [number, number][] = [];
    const opts = { password: 'cafe\u0301', onProgress: (d: number, t: number) => progress.push([d, t]) };
    expect(await importFile(new TextEncoder().encode(text), opts)).toEqual(ENTRIES);
    expect(progress).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it('fails when a header field or the ciphertext was changed (GCM cannot tell this from a wrong password)', async () => {
    const text = await createBackup(ENTRIES, PW, { params: ARGON2_FLOOR });
    const tampered = [
      edit(text, (f) => {
        f.createdAt = '2020-01-01T00:00:00.000Z';
      }),
      edit(text, (f) => {
        f.kdf.t = 4;
      }),
      edit(text, (f) => {
        const ct = base64urlnopad.decode(f.ciphertext as string);
        ct[3] = (ct[3] as number) ^ 0x40;
        f.ciphertext = base64urlnopad.encode(ct);
      }),
      edit(text, (f) => {
        const n = base64urlnopad.decode(f.cipher.nonce as string);
        n[0] = (n[0] as number) ^ 1;
        f.cipher.nonce = base64urlnopad.encode(n);
      }),
    ];
    for (const t of tampered) expect(await codeOf(importFile(t, { password: PW }))).toBe('bad-password');
  });

  it('refuses hostile or unknown parameters before deriving a key', async () => {
    const text = await createBackup([], PW, { params: ARGON2_FLOOR });
    const cases: [string, (f: Json) => void][] = [
      ['absurd-kdf-params', (f) => Object.assign(f.kdf, { m: 4 * 1024 * 1024 })],
      ['absurd-kdf-params', (f) => Object.assign(f.kdf, { t: 1_000_000 })],
      ['absurd-kdf-params', (f) => Object.assign(f.kdf, { salt: 'AAAA' })],
      ['weak-kdf-params', (f) => Object.assign(f.kdf, { m: 19 * 1024, t: 2 })],
      ['unsupported-version', (f) => Object.assign(f, { version: 2 })],
      ['corrupt', (f) => Object.assign(f, { version: 'one' })],
      ['corrupt', (f) => Object.assign(f.kdf, { name: 'pbkdf2' })],
      ['corrupt', (f) => Object.assign(f.cipher, { name: 'aes-128-cbc' })],
      ['corrupt', (f) => Object.assign(f.cipher, { nonce: 'AAAA' })],
      ['corrupt', (f) => Object.assign(f, { ciphertext: 42 })],
    ];
    for (const [code, change] of cases) {
      // No password: the header alone is enough to refuse, so no Argon2 runs.
      expect(await codeOf(importFile(edit(text, change)))).toBe(code);
      expect(await codeOf(importFile(edit(text, change), { password: PW }))).toBe(code);
    }
  });

  it('reports a truncated backup as damaged, not as an unknown format', async () => {
    const text = await createBackup(ENTRIES, PW, { params: ARGON2_FLOOR });
    for (const cut of [20, text.length / 2, text.length - 5]) {
      expect(await codeOf(importFile(text.slice(0, cut), { password: PW }))).toBe('corrupt');
    }
  });

  it('backs up an empty vault, and refuses to back up a broken entry or with no password', async () => {
    expect(await importFile(await createBackup([], PW, { params: ARGON2_FLOOR }), { password: PW })).toEqual(
      [],
    );
    const broken = { ...ENTRIES[0], digits: 0 } as Entry;
    expect(await codeOf(createBackup([broken], PW))).toBe('invalid-entry');
    expect(await codeOf(createBackup(ENTRIES, ''))).toBe('invalid-argument');
    expect(await codeOf(createBackup(ENTRIES, PW, { params: { m: 8192, t: 1, p: 1 } }))).toBe(
      'weak-kdf-params',
    );
  });
});
