// OTP codes per second for 1,000 mixed entries through generateCode, next to otpauth alone (node's
// HMAC, and @noble/hashes' HMAC as otpauth's browser build uses in the extension); then otpauth:// and
// otpauth-migration:// parse/serialise rates.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { base32nopad } from '@scure/base';
import { HOTP, Secret, TOTP } from 'otpauth';
import type { Entry, HashAlgorithm } from '../../crypto-core/entry';
import { parseMigrationUri, toMigrationUris } from '../../crypto-core/migration';
import { generateCode } from '../../crypto-core/otp';
import { parseOtpauthUri, toOtpauthUri } from '../../crypto-core/uri';
import type { BenchSection } from '../types';

const N = 1000;
const ROUNDS = 5;
const NOW = 1_700_000_000_000;

/** 1,000 entries: TOTP in each algorithm and length, HOTP and Steam, 20–64-byte secrets. */
function entries(): Entry[] {
  const algs: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
  return Array.from({ length: N }, (_, i): Entry => {
    const key = Uint8Array.from({ length: [20, 32, 64][i % 3] as number }, (_, j) => (i * 31 + j * 7) & 0xff);
    const type = i % 10 === 8 ? 'hotp' : i % 10 === 9 ? 'steam' : 'totp';
    return {
      type,
      issuer: `Issuer ${i}`,
      account: `user${i}@example.com`,
      secret: base32nopad.encode(key),
      algorithm: type === 'steam' ? 'SHA1' : (algs[i % 3] as HashAlgorithm),
      digits: type === 'steam' ? 5 : 6 + (i % 3) * 2,
      period: 30,
      counter: type === 'hotp' ? i : 0,
    };
  });
}

/** Median over ROUNDS of `per`-item work, as items per second. */
function rate(per: number, fn: () => void): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return per / ((times[Math.floor(ROUNDS / 2)] as number) / 1000);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const NOBLE = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;
const nobleHmac = (alg: string, key: Uint8Array, msg: Uint8Array) =>
  hmac(NOBLE[alg as keyof typeof NOBLE], key, msg);

export default async (): Promise<BenchSection[]> => {
  const list = entries();
  const secrets = list.map((e) => Secret.fromBase32(e.secret));
  const otpauthOnly = (custom?: typeof nobleHmac) => () => {
    list.forEach((e, i) => {
      const secret = secrets[i] as Secret;
      const opts = { secret, algorithm: e.algorithm, digits: e.digits, ...(custom ? { hmac: custom } : {}) };
      if (e.type === 'hotp') HOTP.generate({ ...opts, counter: e.counter });
      else TOTP.generate({ ...opts, period: e.period, timestamp: NOW });
    });
  };
  const ward = rate(N, () => {
    for (const e of list) generateCode(e, NOW);
  });
  const bare = rate(N, otpauthOnly());
  const noble = rate(N, otpauthOnly(nobleHmac));

  const uris = list.map(toOtpauthUri);
  const parse = rate(N, () => {
    for (const u of uris) parseOtpauthUri(u);
  });
  const write = rate(N, () => {
    for (const e of list) toOtpauthUri(e);
  });
  const exportable = list.filter((e) => e.type !== 'steam' && (e.digits === 6 || e.digits === 8));
  const migration = toMigrationUris(exportable, { batchId: 1 });
  const migParse = rate(exportable.length, () => {
    for (const u of migration) parseMigrationUri(u);
  });
  const migWrite = rate(exportable.length, () => {
    toMigrationUris(exportable, { batchId: 1 });
  });

  return [
    {
      title: 'OTP codes (1,000 entries: TOTP SHA1/256/512 with 6/8/10 digits, HOTP, Steam)',
      columns: ['what', 'codes/s'],
      rows: [
        ['generateCode (checks the entry, decodes base32, zeroes the key)', fmt(ward)],
        ['otpauth alone, node:crypto HMAC, secrets pre-decoded (TOTP/HOTP only)', fmt(bare)],
        ['otpauth alone, @noble/hashes HMAC as in the browser build', fmt(noble)],
      ],
      notes: [
        `Median of ${ROUNDS} rounds. A popup showing 1,000 codes needs ${(1000 / (ward / 1000)).toFixed(1)} ms of generateCode.`,
      ],
    },
    {
      title: 'otpauth:// and otpauth-migration:// (same 1,000 entries)',
      columns: ['what', 'per second'],
      rows: [
        ['parseOtpauthUri', fmt(parse)],
        ['toOtpauthUri', fmt(write)],
        [
          `parseMigrationUri (accounts; ${migration.length} codes for ${exportable.length} accounts)`,
          fmt(migParse),
        ],
        ['toMigrationUris (accounts)', fmt(migWrite)],
      ],
    },
  ];
};
