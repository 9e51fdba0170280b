import { base32nopad, hex } from '@scure/base';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import fc from 'fast-check';
import { split } from 'shamir-secret-sharing';
import { beforeAll, describe, expect, it } from 'vitest';
import { packShare, shareToQr, shareToWords, unpackShare } from '../../crypto-core/_share-codec';
import { WardError } from '../../crypto-core/errors';
import { createRecoverySlot, generateRecoveryKey, openRecoverySlot } from '../../crypto-core/keyslots';
import {
  combineRecoveryShares,
  createRecoveryKit,
  type RecoveryKit,
  RecoveryShareError,
  readRecoveryShare,
  type ShareInput,
} from '../../crypto-core/recovery-kit';

const subtle = globalThis.crypto.subtle;
const KEY = hex.decode('f0e1d2c3b4a5968778695a4b3c2d1e0f00112233445566778899aabbccddeeff');

async function failure(shares: ShareInput[]): Promise<WardError> {
  try {
    await combineRecoveryShares(shares);
  } catch (e) {
    if (e instanceof WardError) return e;
    throw new Error(`expected a WardError, got ${String(e)}`);
  }
  throw new Error('expected combineRecoveryShares to fail');
}

function subsets<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));
}

/** Replace word `at` (0-based) of a share with another list word. */
function mistype(words: string[], at: number, shift = 1): string[] {
  const out = words.slice();
  out[at] = wordlist[(wordlist.indexOf(words[at] as string) + shift) % 2048] as string;
  return out;
}

describe('creating and combining a kit', () => {
  for (const [m, n] of [
    [2, 2],
    [2, 3],
    [3, 5],
    [4, 6],
    [2, 10],
    [10, 10],
  ] as const) {
    it(`${m}-of-${n}: every set of ${m} shares rebuilds the key; every set of ${m - 1} is refused`, async () => {
      const kit = await createRecoveryKit(KEY, m, n);
      expect(kit.shares.map((s) => s.index)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      for (const s of kit.shares) {
        expect(s).toMatchObject({ kitId: kit.kitId, threshold: m, total: n });
        expect(s.words).toHaveLength(33);
        expect(s.qr).toMatch(/^WARDSHARE:[A-Z2-7]+$/);
      }
      for (const set of subsets(kit.shares, m)) {
        expect(await combineRecoveryShares(set.map((s, i) => (i % 2 ? s.qr : s.words)))).toEqual(KEY);
      }
      for (const set of subsets(kit.shares, m - 1)) {
        const e = await failure(set.map((s) => s.words));
        expect(e.code).toBe('too-few-shares');
        // It says how many are needed, nothing about what the shares hold.
        expect(e.message).not.toMatch(/[0-9a-f]{16}/i);
      }
    });
  }

  it('the rebuilt key opens the vault’s recovery slot', async () => {
    const rk = generateRecoveryKey();
    const vk = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const slot = await createRecoverySlot(vk, 'vault-1', rk.key);
    const kit = await createRecoveryKit(rk.key, 2, 3);
    const key = await combineRecoveryShares([kit.shares[2]?.qr ?? '', kit.shares[0]?.words ?? []]);
    expect(await openRecoverySlot(slot, 'vault-1', key)).toEqual(vk);
  });

  it('more than M shares also work, and two kits of one key differ', async () => {
    const a = await createRecoveryKit(KEY, 2, 4);
    const b = await createRecoveryKit(KEY, 2, 4);
    expect(await combineRecoveryShares(a.shares.map((s) => s.words))).toEqual(KEY);
    expect(a.kitId).not.toBe(b.kitId);
    expect(a.shares[0]?.words).not.toEqual(b.shares[0]?.words);
  });

  it('any key, any M ≤ N ≤ 10, any M or more shares in words or QR form (property)', async () => {
    const arb = fc
      .record({
        key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        n: fc.integer({ min: 2, max: 10 }),
        m: fc.integer({ min: 2, max: 10 }),
        seed: fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 10, maxLength: 10 }),
        extra: fc.nat(),
      })
      .filter(({ m, n }) => m <= n);
    await fc.assert(
      fc.asyncProperty(arb, async ({ key, n, m, seed, extra }) => {
        const kit = await createRecoveryKit(key, m, n);
        const order = kit.shares.map((s, i) => ({ s, r: seed[i]?.[0] ?? 0, qr: seed[i]?.[1] ?? false }));
        order.sort((x, y) => x.r - y.r);
        const pick = order.slice(0, m + (extra % (n - m + 1))).map(({ s, qr }) => (qr ? s.qr : s.words));
        expect(await combineRecoveryShares(pick)).toEqual(key);
        expect((await failure(pick.slice(0, m - 1))).code).toBe('too-few-shares');
      }),
      { numRuns: 40 },
    );
  });
});

describe('what people type', () => {
  let kit: RecoveryKit;
  const share = (i: number) => kit.shares[i] as NonNullable<RecoveryKit['shares'][number]>;
  beforeAll(async () => {
    kit = await createRecoveryKit(KEY, 3, 5);
  });

  it('tolerates case, spacing, commas, numbering, 4-letter abbreviations and a lower-case QR text', async () => {
    const numbered = share(0)
      .words.map((w, i) => `${i + 1}. ${w.toUpperCase()}`)
      .join('\n');
    const abbreviated = share(1)
      .words.map((w) => w.slice(0, 4))
      .join(' ,  ');
    const qr = share(4)
      .qr.toLowerCase()
      .replace(/(.{8})/g, '$1 ');
    expect(await combineRecoveryShares([numbered, abbreviated, qr])).toEqual(KEY);
    expect(readRecoveryShare(qr)).toEqual({ kitId: kit.kitId, index: 5, threshold: 3, total: 5 });
    expect(kit.kitId).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
  });

  it('a mistyped word names the share and word position, never the word', async () => {
    const messages = new Set<string>();
    for (const shift of [1, 700, 1500]) {
      const e = await failure([share(0).words, mistype(share(3).words, 6, shift), share(2).words]);
      expect(e).toBeInstanceOf(RecoveryShareError);
      expect(e).toMatchObject({ code: 'invalid-share', share: 2, word: 7 });
      messages.add(e.message);
    }
    // The same message whatever the wrong word was: it cannot carry the word.
    expect(messages.size).toBe(1);
  });

  it('finds the mistyped word at any position (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 1, max: 2047 }),
        async (at, shift) => {
          const e = await failure([mistype(share(1).words, at, shift), share(0).words, share(2).words]);
          expect(e).toMatchObject({ code: 'invalid-share', share: 1, word: at + 1 });
        },
      ),
      { numRuns: 8 },
    );
  });

  it('a word not in the list, a wrong word count, a damaged QR text → invalid-share', async () => {
    const unknown = share(2).words.slice();
    unknown[10] = 'zzzz';
    expect(await failure([share(0).words, unknown])).toMatchObject({
      code: 'invalid-share',
      share: 2,
      word: 11,
    });
    expect(await failure([share(0).words.slice(0, 32), share(1).words])).toMatchObject({
      code: 'invalid-share',
      share: 1,
    });
    const key24 = generateRecoveryKey().words;
    expect((await failure([key24, share(1).words])).message).toMatch(/24 words is the recovery key/);
    const qr = share(1).qr;
    const damaged = `${qr.slice(0, 20)}${qr[20] === 'A' ? 'B' : 'A'}${qr.slice(21)}`;
    expect(await failure([share(0).words, damaged])).toMatchObject({ code: 'invalid-share', share: 2 });
    expect(await failure([share(0).words, `${qr}AA`])).toMatchObject({ code: 'invalid-share', share: 2 });
    expect(await failure([share(0).words, 'WARDSHARE:!!'])).toMatchObject({
      code: 'invalid-share',
      share: 2,
    });
  });

  it('the same share twice (even once as words, once as QR) counts once', async () => {
    const e = await failure([share(0).words, share(1).words, share(0).qr]);
    expect(e).toMatchObject({ code: 'duplicate-share', share: 3 });
  });

  it('shares of different kits are refused, even kits of the same key', async () => {
    const other = await createRecoveryKit(KEY, 3, 5);
    const stranger = await createRecoveryKit(generateRecoveryKey().key, 3, 5);
    for (const foreign of [other, stranger]) {
      const e = await failure([share(0).words, share(1).words, foreign.shares[2]?.words ?? []]);
      expect(e).toMatchObject({ code: 'mixed-kits', share: 3 });
      expect(e.message).toContain(kit.kitId);
    }
  });
});

describe('format', () => {
  // Builds a share from the documented layout with the library, WebCrypto and the word list only.
  async function handMade(key: Uint8Array, version = 1) {
    const kitId = Uint8Array.of(0xde, 0xad, 0xbe, 0xef);
    const hk = await subtle.importKey('raw', new Uint8Array(key), 'HKDF', false, ['deriveBits']);
    const check = new Uint8Array(
      await subtle.deriveBits(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: kitId,
          info: new TextEncoder().encode('ward/v1/recovery-kit/check'),
        },
        hk,
        16,
      ),
    );
    const raw = await split(key, 3, 2);
    const pages: string[][] = [];
    for (const [i, s] of raw.entries()) {
      const bytes = Uint8Array.of(
        (version << 4) | 2,
        ((i + 1) << 4) | 3,
        ...kitId,
        s[32] as number,
        ...s.subarray(0, 32),
        ...check,
      );
      const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
      const bits = [...bytes, ...digest.subarray(0, 5)].map((b) => b.toString(2).padStart(8, '0')).join('');
      pages.push(
        Array.from(
          { length: 33 },
          (_, w) => wordlist[Number.parseInt(bits.slice(w * 11, w * 11 + 11), 2)] as string,
        ),
      );
    }
    return pages;
  }

  it('reads shares made by hand from the documented layout (41 bytes + 35-bit SHA-256 checksum)', async () => {
    const pages = await handMade(KEY);
    expect(await combineRecoveryShares([pages[2] ?? [], pages[0] ?? []])).toEqual(KEY);
    expect(readRecoveryShare(pages[1] ?? [])).toEqual({
      kitId: 'DEAD-BEEF',
      index: 2,
      threshold: 2,
      total: 3,
    });
  });

  it('a share from a newer format → unsupported-version', async () => {
    const pages = await handMade(KEY, 2);
    expect(await failure([pages[0] ?? [], pages[1] ?? []])).toMatchObject({
      code: 'unsupported-version',
      share: 1,
    });
  });

  it('a share altered behind its checksum makes the key check fail → shares-inconsistent', async () => {
    const kit = await createRecoveryKit(KEY, 2, 3);
    const good = kit.shares[0]?.words ?? [];
    const qr = kit.shares[1]?.qr ?? '';
    const bytes = base32nopad.decode(qr.slice('WARDSHARE:'.length)).subarray(0, 41);
    const fields = unpackShare(bytes);
    fields.y[5] = (fields.y[5] as number) ^ 1;
    const forged = packShare(fields);
    expect((await failure([good, shareToWords(forged)])).code).toBe('shares-inconsistent');
    expect((await failure([good, shareToQr(forged)])).code).toBe('shares-inconsistent');
  });

  it('refuses impossible kits', async () => {
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: WardError) => e.code,
      );
    for (const [m, n] of [
      [1, 3],
      [3, 2],
      [2, 11],
      [0, 0],
      [2.5, 3],
      [Number.NaN, 3],
    ]) {
      expect(await code(createRecoveryKit(KEY, m as number, n as number))).toBe('invalid-argument');
    }
    expect(await code(createRecoveryKit(new Uint8Array(16), 2, 3))).toBe('invalid-argument');
    expect(await code(combineRecoveryShares('words' as unknown as ShareInput[]))).toBe('invalid-argument');
    expect(await code(combineRecoveryShares([]))).toBe('too-few-shares');
  });
});
