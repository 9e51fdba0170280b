import { base32nopad } from '@scure/base';
import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { Entry, HashAlgorithm } from '../../crypto-core/entry';
import { WardError } from '../../crypto-core/errors';
import {
  canExportToMigration,
  MIGRATION_PAYLOAD_BUDGET,
  parseMigrationUri,
  parseMigrationUriDetailed,
  toMigrationUris,
} from '../../crypto-core/migration';
import { generateCode } from '../../crypto-core/otp';
import { BAD_STRINGS, BAD_TYPES, pseudoRandomBytes, truncations } from '../vectors/bad-inputs';
import published from '../vectors/google-migration.json';
import { totpEntry as totp } from './sample-entry';
import { wardError } from './ward-error';

// --- protobuf by hand (https://protobuf.dev/programming-guides/encoding/), independent of Ward's code ---
function varint(n: bigint): number[] {
  let v = BigInt.asUintN(64, n); // negative int32/int64 are written as 10-byte two's complement
  const out: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return out;
}
const VARINT = 0;
const LEN = 2;
const tag = (field: number, wire: number) => varint(BigInt((field << 3) | wire));
const int = (field: number, n: number | bigint) => [...tag(field, VARINT), ...varint(BigInt(n))];
const bytes = (field: number, b: ArrayLike<number>) => [
  ...tag(field, LEN),
  ...varint(BigInt(b.length)),
  ...Array.from(b),
];
const str = (field: number, s: string) => bytes(field, new TextEncoder().encode(s));
const b64 = (b: number[]) => Buffer.from(b).toString('base64');
const uriOf = (payload: number[]) => `otpauth-migration://offline?data=${encodeURIComponent(b64(payload))}`;

const HELLO = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]; // JBSWY3DPEHPK3PXP

describe('known answer: a MigrationPayload written byte by byte', () => {
  const first = [
    ...bytes(1, HELLO),
    ...str(2, 'Example:alice@google.com'),
    ...str(3, 'Example'),
    ...int(4, 2), // SHA256
    ...int(5, 2), // EIGHT
    ...int(6, 2), // TOTP
  ];
  const second = [
    ...str(2, 'bob'), // fields in another order, as any encoder may write them
    ...int(7, 2n ** 40n), // counter
    ...int(6, 1), // HOTP
    ...bytes(1, [1, 2, 3, 4, 5]),
    ...int(4, 3), // SHA512
    ...str(8, 'unique-id-field-from-newer-apps'), // unknown: skipped
    ...int(99, 12345), // unknown: skipped
  ];
  const third = [...bytes(1, HELLO), ...str(2, 'carol')]; // everything unspecified
  const payload = [
    ...bytes(1, first),
    ...bytes(1, second),
    ...bytes(1, third),
    ...int(2, 1), // version
    ...int(3, 3), // batch_size
    ...int(4, 2), // batch_index
    ...int(5, -5), // batch_id, negative as Google Authenticator often writes it
    ...str(6, 'unknown payload field'),
  ];

  it('decodes every field', () => {
    const batch = parseMigrationUriDetailed(uriOf(payload));
    expect(batch).toMatchObject({ version: 1, batchSize: 3, batchIndex: 2, batchId: -5, errors: [] });
    expect(batch.entries).toEqual([
      totp({ account: 'alice@google.com', algorithm: 'SHA256', digits: 8 }),
      {
        type: 'hotp',
        issuer: '',
        account: 'bob',
        secret: base32nopad.encode(new Uint8Array([1, 2, 3, 4, 5])),
        algorithm: 'SHA512',
        digits: 6,
        period: 30,
        counter: 2 ** 40,
      },
      totp({ issuer: '', account: 'carol' }),
    ]);
  });

  it.each([
    ['standard base64, percent-encoded', (b: string) => encodeURIComponent(b)],
    ['standard base64, raw', (b: string) => b],
    ['base64 without padding', (b: string) => b.replace(/=+$/, '')],
    ['URL-safe base64', (b: string) => b.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
    ["'+' turned into spaces by a form decoder", (b: string) => b.replace(/\+/g, ' ')],
  ])('reads %s', (_name, encode) => {
    // A payload whose base64 has '+', '/' and padding.
    const p = [...bytes(1, [...bytes(1, [0xfb, 0xff, 0xbf, 0xfe]), ...str(2, 'x')]), ...int(2, 1)];
    expect(b64(p)).toMatch(/[+/].*=$/);
    const entries = parseMigrationUri(`otpauth-migration://offline?data=${encode(b64(p))}`);
    expect(entries[0]?.secret).toBe(base32nopad.encode(new Uint8Array([0xfb, 0xff, 0xbf, 0xfe])));
  });

  it('reads the scheme and host in any case', () => {
    expect(
      parseMigrationUri(uriOf(payload).replace('otpauth-migration://offline', 'OTPAUTH-MIGRATION://OFFLINE')),
    ).toHaveLength(3);
  });

  it('writes exactly the bytes the format defines', () => {
    const [uri] = toMigrationUris([totp({ algorithm: 'SHA512', digits: 8 })], { batchId: 7 });
    const otp = [
      ...bytes(1, HELLO),
      ...str(2, 'Example:alice@example.com'),
      ...str(3, 'Example'),
      ...int(4, 3),
      ...int(5, 2),
      ...int(6, 2),
      ...int(7, 0),
    ];
    const expected = [...bytes(1, otp), ...int(2, 1), ...int(3, 1), ...int(4, 0), ...int(5, 7)];
    expect(uri).toBe(uriOf(expected));
  });
});

describe('exports made by Google Authenticator (published)', () => {
  it.each(published.vectors)('$from', ({ uri, batch, entries }) => {
    const got = parseMigrationUriDetailed(uri);
    expect(got).toMatchObject({ ...batch, errors: [] });
    expect(got.entries).toEqual(entries);
    expect(parseMigrationUri(uri)).toEqual(entries);
  });
});

describe('accounts the format holds but Ward cannot use do not vanish', () => {
  const good = [...bytes(1, HELLO), ...str(2, 'Good:one')];
  const md5 = [...bytes(1, HELLO), ...str(2, 'Old:md5 user'), ...int(4, 4)];
  const sevenDigits = [...bytes(1, HELLO), ...str(2, 'seven'), ...int(5, 3)];
  const noSecret = [...str(2, 'Empty:nobody')];
  const oddType = [...bytes(1, HELLO), ...str(2, 'odd'), ...int(6, 9)];
  const damaged = [...bytes(1, HELLO), 0x12, 0x40, 0x41]; // name says 64 bytes, 1 follows
  const payload = [good, md5, sevenDigits, noSecret, oddType, damaged].flatMap((m) => bytes(1, m));

  it('the detailed parse keeps the good ones and explains the rest', () => {
    const batch = parseMigrationUriDetailed(uriOf(payload));
    expect(batch.entries).toEqual([totp({ issuer: 'Good', account: 'one' })]);
    expect(batch.errors.map((e) => [e.index, e.code, e.label])).toEqual([
      [1, 'invalid-algorithm', 'Old (md5 user)'],
      [2, 'invalid-digits', 'seven'],
      [3, 'missing-secret', 'Empty (nobody)'],
      [4, 'unknown-type', 'odd'],
      [5, 'invalid-migration', 'entry 6'],
    ]);
    for (const e of batch.errors) expect(e.message).not.toMatch(/JBSWY3DP/);
  });

  it('the plain parse refuses, naming the first account and how many more', () => {
    const e = wardError(() => parseMigrationUri(uriOf(payload)));
    expect(e.code).toBe('invalid-algorithm');
    expect(e.message).toContain('Account 2, Old (md5 user) (and 4 more)');
    expect(e.message).toContain('MD5');
  });

  it('a secret longer than 320 bytes is refused', () => {
    const long = [...bytes(1, new Uint8Array(321)), ...str(2, 'long')];
    expect(wardError(() => parseMigrationUri(uriOf(bytes(1, long)))).code).toBe('invalid-secret');
    const ok = [...bytes(1, new Uint8Array(320).fill(1)), ...str(2, 'long')];
    expect(parseMigrationUri(uriOf(bytes(1, ok)))[0]?.secret).toHaveLength(512);
  });

  it('an HOTP counter beyond 2^53 is refused', () => {
    const big = [...bytes(1, HELLO), ...str(2, 'big'), ...int(6, 1), ...int(7, 2n ** 60n)];
    expect(wardError(() => parseMigrationUri(uriOf(bytes(1, big)))).code).toBe('invalid-counter');
  });
});

describe('rejects codes that are not exports', () => {
  it.each([
    ['otpauth link', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', 'unknown-scheme'],
    ['http link', 'https://example.com/?data=CgA', 'unknown-scheme'],
    ['another host', 'otpauth-migration://online?data=CgA', 'invalid-migration'],
    ['no data', 'otpauth-migration://offline', 'invalid-migration'],
    ['empty data', 'otpauth-migration://offline?data=', 'invalid-migration'],
    ['data not base64', 'otpauth-migration://offline?data=%%%', 'invalid-uri'],
    ['data with bad characters', 'otpauth-migration://offline?data=Cg*A', 'invalid-migration'],
    ['data of impossible length', 'otpauth-migration://offline?data=CgAAA', 'invalid-migration'],
    ['two different data', 'otpauth-migration://offline?data=CgA&data=CgB', 'duplicate-parameter'],
    ['no accounts', uriOf([...int(2, 1)]), 'invalid-migration'],
    ['truncated protobuf', uriOf([...tag(1, LEN), 50, 1, 2]), 'invalid-migration'],
    ['wrong wire type', uriOf([...int(1, 5)]), 'invalid-migration'],
    ['over 8 KiB', `otpauth-migration://offline?data=${'A'.repeat(9000)}`, 'invalid-uri'],
  ])('%s → %s', (_name, uri, code) => {
    expect(wardError(() => parseMigrationUri(uri)).code).toBe(code);
  });

  it.each(BAD_STRINGS)('%s', (_name, value) => {
    expect(() => parseMigrationUri(value)).toThrow(WardError);
    expect(() => parseMigrationUriDetailed(value)).toThrow(WardError);
  });

  it.each(BAD_TYPES)('%s', (_name, value) => {
    expect(wardError(() => parseMigrationUri(value as string)).code).toBe('invalid-uri');
  });

  it('every truncation of a real export gives entries or a WardError', () => {
    const uri = published.vectors[5]?.uri as string;
    for (const t of truncations(uri)) {
      try {
        parseMigrationUri(t);
      } catch (e) {
        expect(e).toBeInstanceOf(WardError);
      }
    }
  });

  it('random payload bytes give entries or a WardError', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const junk = pseudoRandomBytes(1 + (seed % 97), seed);
      try {
        parseMigrationUriDetailed(uriOf(Array.from(junk)));
      } catch (e) {
        expect(e).toBeInstanceOf(WardError);
      }
    }
  });
});

describe('toMigrationUris', () => {
  it('rejects what the format cannot hold, naming the entry and never the secret', () => {
    const cases: [Partial<Entry>, RegExp][] = [
      [{ type: 'steam', issuer: 'Steam', account: 'gaben' }, /Steam \(gaben\).*Steam/],
      [{ digits: 7, account: 'seven' }, /Example \(seven\).*6- or 8-digit/],
      [{ period: 60, account: 'slow' }, /Example \(slow\).*30 s/],
    ];
    for (const [over, message] of cases) {
      const e = wardError(() => toMigrationUris([totp(), totp(over)]));
      expect(e.code).toBe('invalid-argument');
      expect(e.message).toMatch(message);
      expect(e.message).not.toContain('JBSWY3DP');
      expect(canExportToMigration(totp(over))).toBe(false);
    }
  });

  it('canExportToMigration accepts what it can write and refuses invalid entries', () => {
    expect(canExportToMigration(totp())).toBe(true);
    expect(canExportToMigration(totp({ digits: 8, algorithm: 'SHA512' }))).toBe(true);
    expect(canExportToMigration(totp({ type: 'hotp', period: 45, counter: 9 }))).toBe(true);
    expect(canExportToMigration(totp({ secret: '' }))).toBe(false);
    expect(canExportToMigration(null as unknown as Entry)).toBe(false);
  });

  it('passes on an invalid entry’s own error', () => {
    expect(wardError(() => toMigrationUris([totp({ digits: 0 })])).code).toBe('invalid-digits');
    expect(wardError(() => toMigrationUris('nope' as unknown as Entry[])).code).toBe('invalid-argument');
    expect(wardError(() => toMigrationUris([totp()], { maxPayloadBytes: 10 })).code).toBe('invalid-argument');
    expect(wardError(() => toMigrationUris([totp()], { batchId: 2 ** 31 })).code).toBe('invalid-argument');
  });

  it('writes nothing for no entries', () => {
    expect(toMigrationUris([])).toEqual([]);
  });

  it('splits a large vault into scannable codes that share one batch id', () => {
    const entries = Array.from({ length: 100 }, (_, i) =>
      totp({
        issuer: `Service number ${i}`,
        account: `someone.${i}@example.org`,
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      }),
    );
    const uris = toMigrationUris(entries);
    expect(uris.length).toBeGreaterThan(5);
    const batches = uris.map(parseMigrationUriDetailed);
    const ids = new Set(batches.map((b) => b.batchId));
    expect(ids.size).toBe(1);
    batches.forEach((b, i) => {
      expect(b).toMatchObject({ batchIndex: i, batchSize: uris.length, version: 1, errors: [] });
    });
    expect(batches.flatMap((b) => b.entries)).toEqual(entries);
    for (const uri of uris) {
      const data = decodeURIComponent(uri.slice(uri.indexOf('=') + 1));
      expect(Buffer.from(data, 'base64').length).toBeLessThanOrEqual(MIGRATION_PAYLOAD_BUDGET);
      // Version 25 (117 modules) at error correction M is the largest Ward allows itself.
      expect(QRCode.create(uri, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(25);
    }
  });

  it('gives an account too big for the budget a code of its own', () => {
    const big = totp({ issuer: 'x'.repeat(256), account: 'y'.repeat(256) });
    const uris = toMigrationUris([totp(), big, totp({ account: 'z' })]);
    expect(uris).toHaveLength(3);
    expect(uris.flatMap(parseMigrationUri).map((e) => e.account)).toEqual([
      'alice@example.com',
      'y'.repeat(256),
      'z',
    ]);
  });

  it('round-trips any exportable entry (property)', () => {
    const name = fc
      .array(
        fc.oneof(
          fc.constantFrom(':', ' ', '+', '%', 'é', '😀'),
          fc.string({ unit: 'grapheme', maxLength: 6 }),
        ),
        {
          maxLength: 12,
        },
      )
      .map((p) => p.join('').trim());
    const exportable = fc.record({
      type: fc.constantFrom<'totp' | 'hotp'>('totp', 'hotp'),
      issuer: name,
      account: name,
      secret: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => base32nopad.encode(b)),
      algorithm: fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'),
      digits: fc.constantFrom(6, 8),
      period: fc.constant(30),
      counter: fc.maxSafeNat(),
    });
    fc.assert(
      fc.property(
        fc.array(exportable, { maxLength: 15 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        (list, batchId) => {
          const expected = list.map((e) => ({ ...e, counter: e.type === 'hotp' ? e.counter : 0 }));
          const uris = toMigrationUris(list, { batchId, maxPayloadBytes: 200 });
          const back = uris.flatMap((u) => {
            const b = parseMigrationUriDetailed(u);
            expect(b.batchId).toBe(batchId);
            return b.entries;
          });
          expect(back).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('codes survive the trip', () => {
    const e = totp({ type: 'hotp', counter: 41, digits: 8, algorithm: 'SHA256' });
    const [back] = parseMigrationUri(toMigrationUris([e])[0] as string);
    expect(generateCode(back as Entry)).toBe(generateCode(e));
  });
});
