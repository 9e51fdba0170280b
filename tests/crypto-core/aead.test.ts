import { gcm } from '@noble/ciphers/aes.js';
import { hexToBytes } from '@noble/ciphers/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { open, seal } from '../../crypto-core/aead';
import { failure } from './ward-error';

// "The Galois/Counter Mode of Operation (GCM)", McGrew & Viega, appendix B, Test Case 16
// (AES-256, 96-bit IV, with AAD); the same vector is in NIST's gcmEncryptExtIV256 set.
const TC16 = {
  key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
  iv: 'cafebabefacedbaddecaf888',
  aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
  pt: 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
  ct: '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
  tag: '76fc6ece0f4e1768cddf8853bb2d551b',
};

const key = new Uint8Array(32).fill(7);
const bytes = (s: string) => new TextEncoder().encode(s);

describe('AES-256-GCM', () => {
  it('opens the GCM spec test case 16', async () => {
    const ct = hexToBytes(TC16.ct + TC16.tag);
    const pt = await open(hexToBytes(TC16.key), hexToBytes(TC16.iv), ct, hexToBytes(TC16.aad));
    expect(pt).toEqual(hexToBytes(TC16.pt));
  });

  it('seals what an independent implementation (@noble/ciphers) opens', async () => {
    const aad = bytes('ward/v1/test');
    const { nonce, ciphertext } = await seal(key, bytes('hello'), aad);
    expect(nonce).toHaveLength(12);
    expect(ciphertext).toHaveLength(5 + 16);
    expect(gcm(key, nonce, aad).decrypt(ciphertext)).toEqual(bytes('hello'));
  });

  it('draws a fresh nonce at every seal', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { nonce } = await seal(key, bytes('same'), bytes('same'));
      seen.add(Buffer.from(nonce).toString('hex'));
    }
    expect(seen.size).toBe(50);
  });

  it('round-trips any plaintext and AAD', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 64 }),
        async (pt, aad) => {
          const s = await seal(key, pt, aad);
          expect(await open(key, s.nonce, s.ciphertext, aad)).toEqual(pt);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('fails the same way for any altered byte of nonce, ciphertext, tag or AAD, or a wrong key', async () => {
    const aad = bytes('ward/v1/record|v|r|00000001');
    const s = await seal(key, bytes('secret seed'), aad);
    const messages = new Set<string>();
    const flip = (b: Uint8Array, i: number) => {
      const c = b.slice();
      c[i] = (c[i] as number) ^ 1;
      return c;
    };
    const attempts: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < s.nonce.length; i++)
      attempts.push(() => open(key, flip(s.nonce, i), s.ciphertext, aad));
    for (let i = 0; i < s.ciphertext.length; i++)
      attempts.push(() => open(key, s.nonce, flip(s.ciphertext, i), aad));
    for (let i = 0; i < aad.length; i++) attempts.push(() => open(key, s.nonce, s.ciphertext, flip(aad, i)));
    attempts.push(() => open(flip(key, 31), s.nonce, s.ciphertext, aad));
    attempts.push(() => open(key, s.nonce, s.ciphertext.subarray(0, 10), aad));
    attempts.push(() => open(key, s.nonce.subarray(1), s.ciphertext, aad));
    for (const a of attempts) {
      const e = await failure(a());
      expect(e.code).toBe('decrypt-failed');
      messages.add(e.message);
    }
    expect(messages.size).toBe(1);
  });

  it('refuses keys that are not 256-bit', async () => {
    expect((await failure(seal(new Uint8Array(16), bytes('x'), bytes('')))).code).toBe('invalid-argument');
    expect(
      (await failure(open(new Uint8Array(31), new Uint8Array(12), new Uint8Array(16), bytes('')))).code,
    ).toBe('invalid-argument');
  });
});
