// One list of bad inputs fed to every public function of crypto-core (index.ts): each must answer with
// a WardError carrying a stable code, never a TypeError, a RangeError or a crash.
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Entry } from '../../crypto-core/index';
import * as api from '../../crypto-core/index';
import { ARGON2_FLOOR } from '../../crypto-core/kdf';

const { WardError } = api;

// This file is about error handling, not KDF cost: calls that fall back to the default Argon2id
// parameters run at the floor instead (still a real derivation), so the matrix stays quick.
vi.mock('../../crypto-core/kdf', async (importOriginal) => {
  const kdf = await importOriginal<typeof import('../../crypto-core/kdf')>();
  return { ...kdf, DEFAULT_ARGON2: kdf.ARGON2_FLOOR };
});

/** Wrong for every argument of every function. */
const ALWAYS_BAD: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['NaN', Number.NaN],
  ['true', true],
  ['an empty object', {}],
  ['an empty array', []],
  ['a function', () => 1],
];
/** Wrong for most arguments, valid for a few (a string where a string is expected): must not crash. */
const MAYBE_BAD: [string, unknown][] = [
  ['an empty string', ''],
  ['text', 'garbage|with|pipes'],
  ['a long string', 'A'.repeat(100_000)],
  ['empty bytes', new Uint8Array(0)],
  ['random bytes', Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256)],
  ['a 4 GiB Argon2 request', { m: 4 * 1024 * 1024, t: 3, p: 1 }],
  [
    'digits 0',
    {
      type: 'totp',
      issuer: 'x',
      account: 'y',
      secret: 'JBSWY3DP',
      algorithm: 'SHA1',
      digits: 0,
      period: 30,
      counter: 0,
    },
  ],
  [
    'period 0',
    {
      type: 'totp',
      issuer: 'x',
      account: 'y',
      secret: 'JBSWY3DP',
      algorithm: 'SHA1',
      digits: 6,
      period: 0,
      counter: 0,
    },
  ],
];

const ENTRY: Entry = {
  type: 'totp',
  issuer: 'Example',
  account: 'alice',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

/** `accepts[i]`: labels of ALWAYS_BAD values that are in fact valid for argument i (optional, numeric or list). */
type Call = {
  name: string;
  args: unknown[];
  fn: (...args: never[]) => unknown;
  accepts: Record<number, string[]>;
};
const OPTIONAL = ['undefined'];
const TIME = ['undefined', 'a number'];
const LIST = ['an empty array'];
let calls: Call[] = [];

beforeAll(async () => {
  const vk = api.generateVaultKey();
  const keys = await api.deriveVaultKeys(vk, 'vault-1');
  const rk = api.generateRecoveryKey();
  const record = { ...ENTRY, id: api.newRecordId(), rev: 1, updatedAt: 0, deviceId: 'd' };
  const blob = await api.sealRecord(keys, record);
  const pwSlot = await api.createPassphraseSlot(vk, 'vault-1', 'pw', ARGON2_FLOOR);
  const rcSlot = await api.createRecoverySlot(vk, 'vault-1', rk.key);
  const prf = new Uint8Array(32).fill(1);
  const backup = await api.createBackup([ENTRY], 'pw', { params: ARGON2_FLOOR });
  const prfSlot = await api.createPrfSlot(vk, 'vault-1', prf, 'Y3JlZA', new Uint8Array(16));
  const pairing = api.createPairingRequest();
  const pairingCtx = { requestId: 'req-1' };
  const transfer = await api.sealVaultKeyForDevice(vk, 'vault-1', pairing.publicKey, pairingCtx);
  const kit = await api.createRecoveryKit(rk.key, 2, 3);
  const shareWords = kit.shares.map((s) => s.words);
  const c = (
    name: string,
    fn: (...args: never[]) => unknown,
    args: unknown[],
    accepts: Record<number, string[]> = {},
  ): Call => ({ name, fn, args, accepts });
  calls = [
    c('parseOtpauthUri', api.parseOtpauthUri, ['otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP']),
    c('toOtpauthUri', api.toOtpauthUri, [ENTRY]),
    c('parseMigrationUri', api.parseMigrationUri, [api.toMigrationUris([ENTRY])[0]]),
    c('toMigrationUris', api.toMigrationUris, [[ENTRY]], { 0: LIST }),
    c('parseMigrationUriDetailed', api.parseMigrationUriDetailed, [api.toMigrationUris([ENTRY])[0]]),
    c('generateCode', api.generateCode, [ENTRY, 59_000], { 1: TIME }),
    c('timeLeft', api.timeLeft, [ENTRY, 59_000], { 1: TIME }),
    c('normalizeSecret', api.normalizeSecret, ['jbsw y3dp']),
    c('exportOtpauthList', api.exportOtpauthList, [[ENTRY]], { 0: LIST }),
    c('exportAegisJson', api.exportAegisJson, [[ENTRY]], { 0: LIST }),
    c('importFile', api.importFile, ['otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP']),
    c('importFile', api.importFile, [backup, { password: 'pw' }]),
    c('importFileDetailed', api.importFileDetailed, ['otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP']),
    c('createBackup', api.createBackup, [[ENTRY], 'pw', { params: ARGON2_FLOOR }], {
      0: LIST,
      2: [...OPTIONAL, 'an empty object', 'an empty array'],
    }),
    c('argon2id', api.argon2id, [new Uint8Array(4), new Uint8Array(16), ARGON2_FLOOR]),
    c('hkdfSha256', api.hkdfSha256, [new Uint8Array(32), new Uint8Array(16), 'info', 32], {
      1: OPTIONAL,
      3: ['a number'],
    }),
    c('createPassphraseSlot', api.createPassphraseSlot, [vk, 'vault-1', 'pw', ARGON2_FLOOR], { 3: OPTIONAL }),
    c('openPassphraseSlot', api.openPassphraseSlot, [pwSlot, 'vault-1', 'pw']),
    c('recoveryKeyFromWords', api.recoveryKeyFromWords, [rk.words]),
    c('createRecoverySlot', api.createRecoverySlot, [vk, 'vault-1', rk.key]),
    c('openRecoverySlot', api.openRecoverySlot, [rcSlot, 'vault-1', rk.key]),
    c('createPrfSlot', api.createPrfSlot, [vk, 'vault-1', prf, 'Y3JlZA', new Uint8Array(16)]),
    c('openPrfSlot', api.openPrfSlot, [prfSlot, 'vault-1', prf]),
    c('parseKeySlot', api.parseKeySlot, [JSON.stringify(rcSlot)]),
    c('deriveVaultKeys', api.deriveVaultKeys, [vk, 'vault-1']),
    c('sealRecord', api.sealRecord, [keys, record]),
    c('openRecord', api.openRecord, [keys, record.id, blob]),
    c('fingerprintPhrase', api.fingerprintPhrase, [pairing.publicKey], { 1: OPTIONAL }),
    c('sealVaultKeyForDevice', api.sealVaultKeyForDevice, [vk, 'vault-1', pairing.publicKey, pairingCtx]),
    c('parseDeviceTransfer', api.parseDeviceTransfer, [JSON.stringify(transfer)]),
    c('openVaultKeyFromDevice', api.openVaultKeyFromDevice, [
      transfer,
      pairing.privateKey,
      'vault-1',
      pairingCtx,
    ]),
    c('createRecoveryKit', api.createRecoveryKit, [rk.key, 2, 3]),
    c('readRecoveryShare', api.readRecoveryShare, [kit.shares[0]?.qr]),
    c('combineRecoveryShares', api.combineRecoveryShares, [shareWords.slice(0, 2)]),
    c(
      'mergeRecords',
      api.mergeRecords,
      [record, record, record, { newId: () => 'x', deviceId: 'd', now: 1 }],
      {
        0: ['null'],
        1: ['null'],
        2: ['null'],
      },
    ),
  ];
});

async function outcome(fn: () => unknown): Promise<'ok' | string> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof WardError) return `WardError:${e.code}`;
    return `CRASH ${e instanceof Error ? e.name : typeof e}: ${String(e)}`;
  }
}

it('covers every function that index.ts exports and that takes input', () => {
  const exported = Object.entries(api)
    // Predicates answer false for anything they cannot use instead of throwing.
    .filter(([, v]) => typeof v === 'function' && v.length > 0)
    .filter(([name]) => !['WardError', 'isWardError', 'canExportToMigration'].includes(name))
    .map(([name]) => name);
  expect(exported.filter((name) => !calls.some((c) => c.name === name))).toEqual([]);
});

describe('every public function, every argument, every bad input', () => {
  it('the valid calls work (so the failures below are caused by the bad argument)', async () => {
    for (const call of calls)
      expect(`${call.name}: ${await outcome(() => call.fn(...(call.args as never[])))}`).toBe(
        `${call.name}: ok`,
      );
  });

  it('answers a WardError for values that are wrong everywhere, and never crashes on the others', {
    timeout: 180_000,
  }, async () => {
    const problems: string[] = [];
    for (const call of calls) {
      for (let i = 0; i < call.args.length; i++) {
        for (const [label, bad, mustFail] of [
          ...ALWAYS_BAD.map(([l, v]) => [l, v, true] as const),
          ...MAYBE_BAD.map(([l, v]) => [l, v, false] as const),
        ]) {
          const args = call.args.slice();
          args[i] = bad;
          const result = await outcome(() => call.fn(...(args as never[])));
          if (
            result.startsWith('CRASH') ||
            (mustFail && result === 'ok' && !call.accepts[i]?.includes(label))
          ) {
            problems.push(`${call.name} arg ${i} = ${label}: ${result}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('arbitrary input (property)', () => {
  const isWardError = async (fn: () => unknown) => {
    const r = await outcome(fn);
    return r === 'ok' || r.startsWith('WardError:');
  };

  it('importFile answers any bytes or text with entries or a WardError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.string({ maxLength: 400 }), fc.json()),
        async (d) => {
          expect(await isWardError(() => api.importFile(d))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('parseKeySlot, openRecord and recoveryKeyFromWords answer anything with a WardError', async () => {
    const keys = await api.deriveVaultKeys(api.generateVaultKey(), 'vault-1');
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string({ maxLength: 200 }), async (json, text) => {
        expect(await isWardError(() => api.parseKeySlot(json))).toBe(true);
        expect(await isWardError(() => api.parseKeySlot(text))).toBe(true);
        expect(await isWardError(() => api.openRecord(keys, 'r-1', text))).toBe(true);
        expect(await isWardError(() => api.recoveryKeyFromWords(text))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

it('the pairing and recovery-kit readers answer anything with a WardError (property)', async () => {
  const priv = api.createPairingRequest().privateKey;
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), fc.string({ maxLength: 300 }), async (json, text) => {
      for (const input of [json, text]) {
        const r = await outcome(() => api.parseDeviceTransfer(input));
        expect(r === 'ok' || r.startsWith('WardError:')).toBe(true);
        expect(
          await outcome(() => api.openVaultKeyFromDevice(input as never, priv, 'v', { requestId: 'r' })),
        ).toMatch(/^WardError:/);
        expect(await outcome(() => api.readRecoveryShare(input as never))).toMatch(/^WardError:/);
        expect(await outcome(() => api.combineRecoveryShares([input, input] as never))).toMatch(
          /^WardError:/,
        );
      }
    }),
    { numRuns: 150 },
  );
});

it('canExportToMigration answers false, never throws, for anything that is not an exportable entry', () => {
  for (const [, value] of [...ALWAYS_BAD, ...MAYBE_BAD]) {
    expect(api.canExportToMigration(value as Entry)).toBe(false);
  }
  expect(api.canExportToMigration(ENTRY)).toBe(true);
});
