import { createHmac } from 'node:crypto';
import { base32nopad, hex } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry, HashAlgorithm } from '../../crypto-core/entry';
import { WardError } from '../../crypto-core/errors';
import { generateCode, STEAM_ALPHABET, timeLeft } from '../../crypto-core/otp';
import { BAD_TYPES } from '../vectors/bad-inputs';
import rfc4226 from '../vectors/rfc4226-hotp.json';
import rfc6238 from '../vectors/rfc6238-totp.json';
import steam from '../vectors/steam-guard.json';
import { totpEntry as entry } from './sample-entry';
import { wardCode } from './ward-error';

const ascii = (s: string) => base32nopad.encode(new TextEncoder().encode(s));

describe('HOTP: RFC 4226 appendix D', () => {
  const secret = ascii(rfc4226.secretAscii);

  it.each(rfc4226.vectors)('counter $counter → $hotp', ({ counter, hotp }) => {
    expect(generateCode(entry({ type: 'hotp', secret, counter }))).toBe(hotp);
  });

  // The appendix's "Decimal" column is the 31-bit truncated value: its last 8 and 10 digits are the
  // 8- and 10-digit codes.
  it.each(rfc4226.vectors)(
    'counter $counter with 8 and 10 digits',
    ({ counter, truncatedHex, truncatedDecimal }) => {
      expect(Number.parseInt(truncatedHex, 16)).toBe(truncatedDecimal);
      const ten = String(truncatedDecimal).padStart(10, '0');
      expect(generateCode(entry({ type: 'hotp', secret, counter, digits: 10 }))).toBe(ten);
      expect(generateCode(entry({ type: 'hotp', secret, counter, digits: 8 }))).toBe(ten.slice(2));
      expect(generateCode(entry({ type: 'hotp', secret, counter, digits: 7 }))).toBe(ten.slice(3));
    },
  );

  it('ignores the time for HOTP', () => {
    const e = entry({ type: 'hotp', secret, counter: 3 });
    expect(generateCode(e, 0)).toBe(generateCode(e, 1e12));
  });
});

describe('TOTP: RFC 6238 appendix B', () => {
  const seeds = rfc6238.seedsAscii as Record<HashAlgorithm, string>;

  it.each(rfc6238.vectors)('$algorithm at $time s → $totp', ({ time, algorithm, totp }) => {
    const alg = algorithm as HashAlgorithm;
    const e = entry({ secret: ascii(seeds[alg]), algorithm: alg, digits: 8 });
    expect(generateCode(e, time * 1000)).toBe(totp);
    // The same step through HOTP (RFC 6238 §4: TOTP = HOTP(K, T)).
    const step = Number.parseInt(rfc6238.vectors.find((v) => v.time === time)?.stepHex ?? '', 16);
    expect(generateCode(entry({ ...e, type: 'hotp', counter: step }))).toBe(totp);
  });

  it('6-digit codes are the last 6 digits of the 8-digit ones', () => {
    for (const v of rfc6238.vectors) {
      const alg = v.algorithm as HashAlgorithm;
      const e = entry({ secret: ascii(seeds[alg]), algorithm: alg, digits: 6 });
      expect(generateCode(e, v.time * 1000)).toBe(v.totp.slice(2));
    }
  });

  it('a code holds for the whole period and changes at its end', () => {
    const e = entry({ secret: ascii(seeds.SHA1), digits: 8 });
    // 1111111109 and 1111111111 straddle the step boundary at 1111111110 (RFC 6238 appendix B).
    expect(generateCode(e, 1111111080_000)).toBe('07081804');
    expect(generateCode(e, 1111111109_999)).toBe('07081804');
    expect(generateCode(e, 1111111110_000)).toBe('14050471');
  });

  it('uses the period: 60 s steps give the 30 s code of half the step number', () => {
    const e = entry({ secret: ascii(seeds.SHA1), digits: 8 });
    // T = floor(118 / 60) = 1, the same step as 59 s at 30 s.
    expect(generateCode({ ...e, period: 60 }, 118_000)).toBe('94287082');
    expect(generateCode({ ...e, period: 1 }, 1_500)).toBe('94287082');
  });

  it('accepts lower-case, padded and space-grouped secrets', () => {
    const secret = ascii(seeds.SHA1);
    const messy = `${secret.toLowerCase().replace(/(.{4})/g, '$1 ')}====`;
    expect(generateCode(entry({ secret: messy, digits: 8 }), 59_000)).toBe('94287082');
  });
});

describe('Steam Guard: published codes', () => {
  it.each(steam.vectors)('$from at $time → $code', (v) => {
    let secret: string;
    if ('secretBase32' in v && v.secretBase32) secret = v.secretBase32;
    else if ('secretAscii' in v && v.secretAscii) secret = ascii(v.secretAscii);
    else secret = base32nopad.encode(hex.decode((v as { secretHex: string }).secretHex));
    expect(generateCode(entry({ type: 'steam', secret }), v.time * 1000)).toBe(v.code);
  });

  it('ignores digits, algorithm and period on a Steam entry', () => {
    const e = entry({ type: 'steam', secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK' });
    const odd = { ...e, digits: 8, algorithm: 'SHA512' as const, period: 60 };
    expect(generateCode(odd, 1511200518_000)).toBe('FR8RV');
  });

  // A plain reference from the description of the algorithm (RFC 4226 truncation, then base 26 in
  // Steam's alphabet, least significant character first), with node's HMAC instead of @noble/hashes.
  function referenceSteam(key: Uint8Array, timeMs: number): string {
    const msg = Buffer.alloc(8);
    msg.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30_000)));
    const mac = createHmac('sha1', key).update(msg).digest();
    const o = (mac[19] as number) & 0xf;
    let v = mac.readUInt32BE(o) & 0x7fffffff;
    let out = '';
    for (let i = 0; i < 5; i++, v = Math.floor(v / 26)) out += STEAM_ALPHABET[v % 26];
    return out;
  }

  it('matches a plain reference implementation (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.nat(2 ** 44), (key, t) => {
        expect(generateCode(entry({ type: 'steam', secret: base32nopad.encode(key) }), t)).toBe(
          referenceSteam(key, t),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('always gives 5 characters of Steam’s alphabet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(2 ** 40), (key, t) => {
        const code = generateCode(entry({ type: 'steam', secret: base32nopad.encode(key) }), t);
        expect(code).toMatch(new RegExp(`^[${STEAM_ALPHABET}]{5}$`));
      }),
      { numRuns: 200 },
    );
  });
});

describe('code shape', () => {
  it('TOTP/HOTP codes have exactly `digits` decimal digits, leading zeros kept', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.integer({ min: 6, max: 10 }),
        fc.integer({ min: 1, max: 600 }),
        fc.nat(2 ** 42),
        (key, algorithm, digits, period, t) => {
          const code = generateCode(entry({ secret: base32nopad.encode(key), algorithm, digits, period }), t);
          expect(code).toMatch(new RegExp(`^[0-9]{${digits}}$`));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts a short (80-bit) secret', () => {
    expect(generateCode(entry({ secret: 'JBSWY3DPEHPK3PXP' }), 0)).toMatch(/^\d{6}$/);
  });

  it('reads the key bytes of secrets whose length is not a whole number of bytes', () => {
    // 26 characters = 130 bits: the last 2 bits are not part of the 16-byte key (RFC 4648 §6).
    const key = new Uint8Array(16).fill(0xa5);
    const exact = base32nopad.encode(key); // its last character ends in 2 zero bits
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const last = alphabet.charAt(alphabet.indexOf(exact.slice(-1)) | 0b11);
    const noisy = exact.slice(0, -1) + last; // same 16 bytes, non-zero trailing bits
    expect(noisy).not.toBe(exact);
    expect(generateCode(entry({ secret: noisy }), 59_000)).toBe(
      generateCode(entry({ secret: exact }), 59_000),
    );
  });
});

describe('timeLeft', () => {
  it('counts down to the end of the period', () => {
    expect(timeLeft(entry({}), 0)).toBe(30_000);
    expect(timeLeft(entry({}), 59_000)).toBe(1_000);
    expect(timeLeft(entry({}), 59_999)).toBe(1);
    expect(timeLeft(entry({}), 60_000)).toBe(30_000);
    expect(timeLeft(entry({ period: 45 }), 50_000)).toBe(40_000);
  });

  it('Steam is always 30 s; HOTP never expires', () => {
    expect(timeLeft(entry({ type: 'steam', period: 90 }), 10_000)).toBe(20_000);
    expect(timeLeft(entry({ type: 'hotp' }), 10_000)).toBe(Number.POSITIVE_INFINITY);
  });

  it('a code is the same until timeLeft runs out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(2 ** 41), (period, t) => {
        const e = entry({ period });
        const left = timeLeft(e, t);
        expect(left).toBeGreaterThan(0);
        expect(left).toBeLessThanOrEqual(period * 1000);
        expect(generateCode(e, t + left - 1)).toBe(generateCode(e, t));
      }),
      { numRuns: 100 },
    );
  });
});

describe('bad input', () => {
  it.each([
    ['digits 0', { digits: 0 }, 'invalid-digits'],
    ['digits 5', { digits: 5 }, 'invalid-digits'],
    ['digits 11', { digits: 11 }, 'invalid-digits'],
    ['digits 6.5', { digits: 6.5 }, 'invalid-digits'],
    ['digits "6"', { digits: '6' }, 'invalid-digits'],
    ['period 0', { period: 0 }, 'invalid-period'],
    ['period -30', { period: -30 }, 'invalid-period'],
    ['period 1.5', { period: 1.5 }, 'invalid-period'],
    ['period of 10 years', { period: 315_360_000 }, 'invalid-period'],
    ['period NaN', { period: Number.NaN }, 'invalid-period'],
    ['HOTP counter -1', { type: 'hotp', counter: -1 }, 'invalid-counter'],
    ['HOTP counter 2^53', { type: 'hotp', counter: 2 ** 53 }, 'invalid-counter'],
    ['HOTP counter Infinity', { type: 'hotp', counter: Number.POSITIVE_INFINITY }, 'invalid-counter'],
    ['MD5', { algorithm: 'MD5' }, 'invalid-algorithm'],
    ['sha1 in lower case', { algorithm: 'sha1' }, 'invalid-algorithm'],
    ['type motp', { type: 'motp' }, 'unknown-type'],
    ['empty secret', { secret: '' }, 'missing-secret'],
    ['secret of spaces', { secret: '   ' }, 'missing-secret'],
    ['secret with 0, 1, 8', { secret: 'JBSWY3DPEHPK3PX0' }, 'invalid-secret'],
    ['secret of one character', { secret: 'A' }, 'invalid-secret'],
    ['secret as bytes', { secret: new Uint8Array(10) }, 'invalid-secret'],
    ['no secret', { secret: undefined }, 'missing-secret'],
    ['issuer not text', { issuer: 42 }, 'invalid-argument'],
  ] as const)('%s → %s', (_name, over, code) => {
    expect(wardCode(() => generateCode({ ...entry({}), ...(over as object) } as Entry, 0))).toBe(code);
  });

  it.each(BAD_TYPES)('entry %s → WardError', (_name, value) => {
    expect(() => generateCode(value as Entry, 0)).toThrow(WardError);
    expect(() => timeLeft(value as Entry, 0)).toThrow(WardError);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '59000', null])('time %s → invalid-argument', (t) => {
    expect(wardCode(() => generateCode(entry({}), t as number))).toBe('invalid-argument');
    expect(wardCode(() => timeLeft(entry({}), t as number))).toBe('invalid-argument');
  });

  it('never puts the secret in an error message', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    for (const over of [{ digits: 0 }, { period: 0 }, { algorithm: 'MD5' }, { secret: `${secret}!` }]) {
      try {
        generateCode({ ...entry({ secret }), ...over } as Entry, 0);
      } catch (e) {
        expect((e as Error).message).not.toContain(secret);
      }
    }
  });
});
