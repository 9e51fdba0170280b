import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import * as hashWasm from 'hash-wasm';
import { describe, expect, it, vi } from 'vitest';
import { WardError } from '../../crypto-core/errors';
import {
  ARGON2_CEILING,
  ARGON2_FLOOR,
  argon2id,
  checkArgon2Params,
  DEFAULT_ARGON2,
  hkdfSha256,
  passphraseBytes,
} from '../../crypto-core/kdf';
import { codeOf } from './ward-error';

// Pass-through spy: lets a test prove that refused parameters never reach the WASM allocator.
vi.mock('hash-wasm', async (importOriginal) => {
  const mod = await importOriginal<typeof import('hash-wasm')>();
  return { ...mod, argon2id: vi.fn(mod.argon2id) };
});

const salt = new Uint8Array(16).fill(2);
const pw = new TextEncoder().encode('correct horse battery staple');

describe('Argon2id', () => {
  it('@noble/hashes reproduces the RFC 9106 §5.3 Argon2id vector (secret + associated data)', () => {
    // hash-wasm has no associated-data input, so the full RFC vector is checked on noble, and
    // hash-wasm is then compared with noble below.
    const tag = nobleArgon2id(new Uint8Array(32).fill(1), new Uint8Array(16).fill(2), {
      t: 3,
      m: 32,
      p: 4,
      key: new Uint8Array(8).fill(3),
      personalization: new Uint8Array(12).fill(4),
      dkLen: 32,
    });
    expect(bytesToHex(tag)).toBe('0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659');
  });

  it('hash-wasm equals @noble/hashes with the RFC 9106 inputs minus AD (4 lanes, secret)', async () => {
    const args = { password: new Uint8Array(32).fill(1), salt: new Uint8Array(16).fill(2) };
    const wasm = await hashWasm.argon2id({
      ...args,
      secret: new Uint8Array(8).fill(3),
      iterations: 3,
      parallelism: 4,
      memorySize: 32,
      hashLength: 32,
      outputType: 'binary',
    });
    const noble = nobleArgon2id(args.password, args.salt, {
      t: 3,
      m: 32,
      p: 4,
      key: new Uint8Array(8).fill(3),
    });
    expect(wasm).toEqual(noble);
  });

  it("Ward's argon2id (hash-wasm) equals @noble/hashes at the floor parameters", async () => {
    const ours = await argon2id(pw, salt, ARGON2_FLOOR);
    const noble = nobleArgon2id(pw, salt, { ...ARGON2_FLOOR, dkLen: 32 });
    expect(ours).toHaveLength(32);
    expect(ours).toEqual(noble);
    // Concurrent calls queue one after another and each still gets its own answer.
    const other = new TextEncoder().encode('another passphrase');
    const [again, different] = await Promise.all([
      argon2id(pw, salt, ARGON2_FLOOR),
      argon2id(other, salt, ARGON2_FLOOR),
    ]);
    expect(again).toEqual(noble);
    expect(different).not.toEqual(noble);
  });

  it('defaults to at least 64 MiB, t ≥ 3, one lane', () => {
    expect(DEFAULT_ARGON2.m).toBeGreaterThanOrEqual(64 * 1024);
    expect(DEFAULT_ARGON2.t).toBeGreaterThanOrEqual(3);
    expect(DEFAULT_ARGON2.p).toBe(1);
    expect(checkArgon2Params(DEFAULT_ARGON2)).toEqual(DEFAULT_ARGON2);
  });

  it.each([[{ m: 65535, t: 3, p: 1 }], [{ m: 65536, t: 2, p: 1 }], [{ m: 19 * 1024, t: 2, p: 1 }]])(
    'refuses weak parameters %j',
    async (params) => {
      expect(await codeOf(argon2id(pw, salt, params))).toBe('weak-kdf-params');
    },
  );

  it.each([
    ['4 GiB of memory', { m: 4 * 1024 * 1024, t: 3, p: 1 }],
    ['just over 1 GiB', { m: ARGON2_CEILING.m + 1, t: 3, p: 1 }],
    ['65 passes', { m: 65536, t: 65, p: 1 }],
    ['17 lanes', { m: 65536, t: 3, p: 17 }],
    ['a fraction', { m: 65536.5, t: 3, p: 1 }],
    ['zero lanes', { m: 65536, t: 3, p: 0 }],
    ['negative memory', { m: -1, t: 3, p: 1 }],
    ['a string', { m: '65536', t: 3, p: 1 }],
    ['NaN', { m: Number.NaN, t: 3, p: 1 }],
    ['Infinity', { m: Number.POSITIVE_INFINITY, t: 3, p: 1 }],
    ['nothing', null],
  ])('refuses absurd parameters (%s) before allocating', async (_name, params) => {
    const spy = vi.mocked(hashWasm.argon2id);
    spy.mockClear();
    expect(await codeOf(argon2id(pw, salt, params as never))).toBe('absurd-kdf-params');
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a salt shorter than 16 or longer than 64 bytes', async () => {
    expect(await codeOf(argon2id(pw, new Uint8Array(8), ARGON2_FLOOR))).toBe('absurd-kdf-params');
    expect(await codeOf(argon2id(pw, new Uint8Array(65), ARGON2_FLOOR))).toBe('absurd-kdf-params');
  });

  it('normalises passphrases to NFKC, so composed and decomposed input unlock alike', () => {
    expect(passphraseBytes('caf\u00e9')).toEqual(passphraseBytes('cafe\u0301'));
    expect(passphraseBytes('\ufb01le')).toEqual(passphraseBytes('file'));
    expect(passphraseBytes('Ｗard')).toEqual(passphraseBytes('Ward'));
  });
});

describe('HKDF-SHA256', () => {
  it('matches RFC 5869 test case 3 (empty salt and info)', () => {
    const okm = hkdfSha256(new Uint8Array(22).fill(0x0b), new Uint8Array(0), '', 42);
    expect(bytesToHex(okm)).toBe(
      '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
    );
  });

  it('gives unrelated keys for different labels (domain separation)', () => {
    const ikm = hexToBytes('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
    const a = hkdfSha256(ikm, undefined, 'ward/v1/records', 32);
    const b = hkdfSha256(ikm, undefined, 'ward/v1/key-id', 32);
    expect(a).not.toEqual(b);
  });

  it('refuses impossible output lengths', () => {
    expect(() => hkdfSha256(new Uint8Array(32), undefined, 'x', 0)).toThrow(WardError);
    expect(() => hkdfSha256(new Uint8Array(32), undefined, 'x', 255 * 32 + 1)).toThrow(WardError);
  });
});
