import { base64urlnopad } from '@scure/base';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardError } from '../../crypto-core/errors';
import { ARGON2_FLOOR, DEFAULT_ARGON2 } from '../../crypto-core/kdf';
import {
  createPassphraseSlot,
  createPrfSlot,
  createRecoverySlot,
  generateRecoveryKey,
  generateVaultKey,
  type KeySlot,
  openPassphraseSlot,
  openPrfSlot,
  openRecoverySlot,
  parseKeySlot,
  recoveryKeyFromWords,
} from '../../crypto-core/keyslots';
import { codeOf } from './ward-error';

const VAULT = 'vault-1';

const flipB64u = (text: string, bit: number): string => {
  const b = base64urlnopad.decode(text);
  const i = bit % (b.length * 8);
  b[i >> 3] = (b[i >> 3] as number) ^ (1 << (i & 7));
  return base64urlnopad.encode(b);
};

describe('passphrase slots', () => {
  it('unlock with the default parameters', async () => {
    const vk = generateVaultKey();
    const slot = await createPassphraseSlot(vk, VAULT, 'correct horse battery staple');
    expect(slot.params).toEqual(DEFAULT_ARGON2);
    expect(await openPassphraseSlot(slot, VAULT, 'correct horse battery staple')).toEqual(vk);
  });

  it('survive JSON storage, accept the NFKC form of the passphrase, and stay bound to their vault', async () => {
    const vk = generateVaultKey();
    const slot = await createPassphraseSlot(vk, VAULT, 'caf\u00e9 \ufb01sh', ARGON2_FLOOR);
    const stored = JSON.parse(JSON.stringify(slot)) as KeySlot;
    expect(stored.salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await openPassphraseSlot(stored, VAULT, 'cafe\u0301 fish')).toEqual(vk);
    expect(await codeOf(openPassphraseSlot(stored, VAULT, 'cafe fish'))).toBe('bad-password');
    expect(await codeOf(openPassphraseSlot(stored, 'vault-2', 'caf\u00e9 \ufb01sh'))).toBe('bad-password');
    expect(await codeOf(openPassphraseSlot({ ...stored, id: 'other' }, VAULT, 'caf\u00e9 \ufb01sh'))).toBe(
      'bad-password',
    );
  });

  it('give every slot its own salt', async () => {
    const vk = generateVaultKey();
    const a = await createPassphraseSlot(vk, VAULT, 'pw', ARGON2_FLOOR);
    const b = await createPassphraseSlot(vk, VAULT, 'pw', ARGON2_FLOOR);
    expect(a.salt).not.toBe(b.salt);
    expect(a.id).not.toBe(b.id);
  });

  it('refuse parameters a server lowered or inflated, before deriving anything', async () => {
    const slot = await createPassphraseSlot(generateVaultKey(), VAULT, 'pw', ARGON2_FLOOR);
    const weak = { ...slot, params: { m: 19 * 1024, t: 2, p: 1 } };
    const huge = { ...slot, params: { m: 4 * 1024 * 1024, t: 3, p: 1 } };
    expect(await codeOf(openPassphraseSlot(weak, VAULT, 'pw'))).toBe('weak-kdf-params');
    expect(await codeOf(openPassphraseSlot(huge, VAULT, 'pw'))).toBe('absurd-kdf-params');
    expect(await codeOf(createPassphraseSlot(generateVaultKey(), VAULT, 'pw', { m: 1024, t: 1, p: 1 }))).toBe(
      'weak-kdf-params',
    );
  });

  it('refuse an empty passphrase and the wrong kind of slot', async () => {
    const vk = generateVaultKey();
    expect(await codeOf(createPassphraseSlot(vk, VAULT, '', ARGON2_FLOOR))).toBe('invalid-argument');
    const rc = await createRecoverySlot(vk, VAULT, generateRecoveryKey().key);
    expect(await codeOf(openPassphraseSlot(rc, VAULT, 'pw'))).toBe('invalid-argument');
  });
});

describe('recovery key', () => {
  it('is 256 bits shown as 24 BIP39 English words that give the key back', () => {
    const { key, words } = generateRecoveryKey();
    expect(key).toHaveLength(32);
    expect(words).toHaveLength(24);
    for (const w of words) expect(wordlist).toContain(w);
    expect(recoveryKeyFromWords(words)).toEqual(key);
    expect(recoveryKeyFromWords(words.join(' '))).toEqual(key);
  });

  // BIP-0039 reference vectors (trezor/python-mnemonic vectors.json), 256-bit entropy.
  it.each([
    ['00'.repeat(32), `${'abandon '.repeat(23)}art`],
    [
      '7f'.repeat(32),
      `${'legal winner thank year wave sausage worth useful '.repeat(3)}`.replace(/useful $/, 'title'),
    ],
    ['ff'.repeat(32), `${'zoo '.repeat(23)}vote`],
  ])('decodes the BIP39 vector for entropy %s', (hex, mnemonic) => {
    expect(Buffer.from(recoveryKeyFromWords(mnemonic)).toString('hex')).toBe(hex);
  });

  it('tolerates case, spacing, line breaks, numbering and 4-letter abbreviations', () => {
    const { key, words } = generateRecoveryKey();
    const messy = words.map((w, i) => `${i + 1}. ${i % 2 ? w.toUpperCase() : w}`).join(' \n\t ');
    expect(recoveryKeyFromWords(`  ${messy}  `)).toEqual(key);
    expect(recoveryKeyFromWords(words.map((w) => w.slice(0, 4)))).toEqual(key);
  });

  it('says what is wrong without repeating the words', () => {
    const { words } = generateRecoveryKey();
    const check = (input: string[] | string, pattern: RegExp) => {
      let err: unknown;
      try {
        recoveryKeyFromWords(input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(WardError);
      expect((err as WardError).code).toBe('invalid-recovery-key');
      expect((err as WardError).message).toMatch(pattern);
      for (const w of words) expect((err as WardError).message).not.toContain(` ${w} `);
    };
    check(words.slice(0, 23), /24 words; 23/);
    check([...words.slice(0, 5), 'notaword', ...words.slice(6)], /Word 6/);
    const swapped = [...words];
    [swapped[0], swapped[1]] = [swapped[1] as string, swapped[0] as string];
    if (swapped[0] !== swapped[1]) check(swapped, /checksum/);
    check('', /24 words; 0/);
  });
});

describe('recovery and PRF slots', () => {
  const ids = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);

  it('wrap and unwrap any vault key under a recovery key (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), ids, async (vk, vaultId) => {
        const { key } = generateRecoveryKey();
        const slot = parseKeySlot(JSON.stringify(await createRecoverySlot(vk, vaultId, key)));
        expect(await openRecoverySlot(slot, vaultId, key)).toEqual(vk);
      }),
      { numRuns: 40 },
    );
  });

  it('fail to open after any change to salt, nonce, wrapped key, id or kind (property)', async () => {
    const vk = generateVaultKey();
    const { key } = generateRecoveryKey();
    const slot = await createRecoverySlot(vk, VAULT, key);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('salt', 'nonce', 'wrapped'), fc.nat(), async (field, bit) => {
        const bad = { ...slot, [field]: flipB64u(slot[field], bit) };
        expect(await codeOf(openRecoverySlot(bad, VAULT, key))).toBe('invalid-recovery-key');
      }),
      { numRuns: 60 },
    );
    expect(await codeOf(openRecoverySlot({ ...slot, id: 'moved' }, VAULT, key))).toBe('invalid-recovery-key');
    expect(await codeOf(openRecoverySlot(slot, 'vault-2', key))).toBe('invalid-recovery-key');
    expect(await codeOf(openRecoverySlot(slot, VAULT, generateRecoveryKey().key))).toBe(
      'invalid-recovery-key',
    );
  });

  it('unlock with the PRF output of the same credential only', async () => {
    const vk = generateVaultKey();
    const prf = new Uint8Array(32).fill(9);
    const salt = new Uint8Array(32).fill(5);
    const slot = await createPrfSlot(vk, VAULT, prf, 'Y3JlZC0x', salt);
    expect(slot.credentialId).toBe('Y3JlZC0x');
    expect(await openPrfSlot(slot, VAULT, prf)).toEqual(vk);
    expect(await codeOf(openPrfSlot(slot, VAULT, new Uint8Array(32).fill(8)))).toBe('decrypt-failed');
    expect(await codeOf(openPrfSlot({ ...slot, credentialId: 'Y3JlZC0y' }, VAULT, prf))).toBe(
      'decrypt-failed',
    );
    expect(await codeOf(openPrfSlot({ ...slot, kind: 'recovery' }, VAULT, prf))).toBe('invalid-argument');
    expect(await codeOf(createPrfSlot(vk, VAULT, prf, 'not base64url!', salt))).toBe('invalid-argument');
  });
});

describe('parseKeySlot', () => {
  it('refuses what is not a slot with a stable code', async () => {
    const slot = await createRecoverySlot(generateVaultKey(), VAULT, generateRecoveryKey().key);
    expect(await codeOf(() => parseKeySlot('{"v":1,'))).toBe('corrupt');
    expect(await codeOf(() => parseKeySlot(null))).toBe('corrupt');
    expect(await codeOf(() => parseKeySlot({ ...slot, v: 2 }))).toBe('unsupported-version');
    expect(await codeOf(() => parseKeySlot({ ...slot, kind: 'magic' }))).toBe('corrupt');
    expect(await codeOf(() => parseKeySlot({ ...slot, id: 'a|b' }))).toBe('corrupt');
    expect(await codeOf(() => parseKeySlot({ ...slot, nonce: slot.nonce.slice(2) }))).toBe('corrupt');
    expect(await codeOf(() => parseKeySlot({ ...slot, wrapped: undefined }))).toBe('corrupt');
    expect(await codeOf(() => parseKeySlot({ ...slot, kind: 'passphrase' }))).toBe('absurd-kdf-params');
  });

  it('keeps the reserved device-slot fields', async () => {
    const slot = await createRecoverySlot(generateVaultKey(), VAULT, generateRecoveryKey().key);
    const device = { ...slot, kind: 'device', publicKey: base64urlnopad.encode(new Uint8Array(32)) };
    expect(parseKeySlot(device)).toMatchObject({ kind: 'device', publicKey: device.publicKey });
  });
});
