import { base64urlnopad } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seal } from '../../crypto-core/aead';
import { generateVaultKey } from '../../crypto-core/keyslots';
import {
  deriveVaultKeys,
  newRecordId,
  openRecord,
  PAD_BLOCK,
  sealRecord,
  type VaultKeys,
  type VaultRecord,
} from '../../crypto-core/vault';
import { totpEntry } from './sample-entry';
import { codeOf } from './ward-error';

const VAULT = 'vault-1';

function record(over: Partial<VaultRecord> = {}): VaultRecord {
  return {
    id: newRecordId(),
    rev: 1,
    updatedAt: 1_700_000_000_000,
    deviceId: 'device-a',
    ...totpEntry(),
    ...over,
  };
}

const aadOf = (k: VaultKeys, id: string) =>
  new TextEncoder().encode(`ward/v1/record|${k.vaultId}|${id}|${k.keyId.toString(16).padStart(8, '0')}`);

// Seal arbitrary plaintext exactly as sealRecord frames it, to reach the checks behind the tag.
async function forge(k: VaultKeys, id: string, plaintext: Uint8Array): Promise<string> {
  const { nonce, ciphertext } = await seal(k.recordKey, plaintext, aadOf(k, id));
  const head = new Uint8Array(5);
  head[0] = 1;
  new DataView(head.buffer).setUint32(1, k.keyId);
  return base64urlnopad.encode(new Uint8Array([...head, ...nonce, ...ciphertext]));
}

const padded = (text: string) => {
  const b = new TextEncoder().encode(text);
  const out = new Uint8Array(Math.ceil((b.length + 1) / PAD_BLOCK) * PAD_BLOCK);
  out.set(b);
  out[b.length] = 0x80;
  return out;
};

describe('vault keys', () => {
  it('derive the same record key and key id from the same vault key, and others from another', async () => {
    const vk = generateVaultKey();
    const a = await deriveVaultKeys(vk, VAULT);
    const b = await deriveVaultKeys(vk.slice(), VAULT);
    const c = await deriveVaultKeys(generateVaultKey(), VAULT);
    expect(a).toEqual(b);
    expect(a.recordKey).toHaveLength(32);
    expect(a.recordKey).not.toEqual(vk);
    expect(Number.isInteger(a.keyId) && a.keyId >= 0 && a.keyId < 2 ** 32).toBe(true);
    expect(c.keyId).not.toBe(a.keyId);
  });

  it('give UUIDv4 record ids', () => {
    expect(newRecordId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newRecordId()).not.toBe(newRecordId());
  });
});

describe('records', () => {
  const name = fc.string({ maxLength: 60 }).map((s) => s.trim());
  const arbRecord = fc.record({
    type: fc.constantFrom('totp' as const, 'hotp' as const),
    issuer: name,
    account: name,
    secret: fc.stringMatching(/^[A-Z2-7]{16,64}$/).filter((s) => ![1, 3, 6].includes(s.length % 8)),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.integer({ min: 6, max: 10 }),
    period: fc.integer({ min: 1, max: 600 }),
    counter: fc.nat(),
    rev: fc.nat(),
    note: fc.option(fc.string({ maxLength: 500 }), { nil: undefined }),
    tags: fc.option(fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }), { nil: undefined }),
  });

  it('round-trip any record through seal and open (property)', async () => {
    const keys = await deriveVaultKeys(generateVaultKey(), VAULT);
    await fc.assert(
      fc.asyncProperty(arbRecord, async (fields) => {
        const r = record({ ...fields, period: fields.type === 'hotp' ? 30 : fields.period });
        if (r.type === 'totp') r.counter = 0;
        if (r.note === undefined) delete r.note;
        if (r.tags === undefined) delete r.tags;
        const blob = await sealRecord(keys, r);
        expect(await openRecord(keys, r.id, blob)).toEqual(r);
      }),
      { numRuns: 60 },
    );
  });

  it('have the documented wire format and pad to 256-byte blocks, hiding name lengths', async () => {
    const keys = await deriveVaultKeys(generateVaultKey(), VAULT);
    // Put the short record's JSON at 300 bytes, so 100 more characters stay in the same 512-byte block.
    const note = 'n'.repeat(300 - JSON.stringify(record({ issuer: 'X', note: '' })).length);
    const short = base64urlnopad.decode(await sealRecord(keys, record({ issuer: 'X', note })));
    const long = base64urlnopad.decode(await sealRecord(keys, record({ issuer: 'X'.repeat(101), note })));
    expect(short[0]).toBe(1);
    expect(new DataView(short.buffer, short.byteOffset).getUint32(1)).toBe(keys.keyId);
    expect((short.length - 1 - 4 - 12 - 16) % 256).toBe(0);
    expect(long.length).toBe(short.length);
    const a = await sealRecord(keys, record({ id: 'same' }));
    const b = await sealRecord(keys, record({ id: 'same' }));
    expect(a).not.toBe(b);
  });

  it('do not open under another record id, vault id or record key', async () => {
    const vk = generateVaultKey();
    const keys = await deriveVaultKeys(vk, VAULT);
    const r = record();
    const blob = await sealRecord(keys, r);
    expect(await codeOf(openRecord(keys, newRecordId(), blob))).toBe('decrypt-failed');
    expect(await codeOf(openRecord(await deriveVaultKeys(vk, 'vault-2'), r.id, blob))).toBe('decrypt-failed');
    expect(await codeOf(openRecord({ ...keys, recordKey: generateVaultKey() }, r.id, blob))).toBe(
      'decrypt-failed',
    );
    expect(await codeOf(openRecord(await deriveVaultKeys(generateVaultKey(), VAULT), r.id, blob))).toBe(
      'stale-key',
    );
  });

  it('fail with a WardError for any altered byte (property)', async () => {
    const keys = await deriveVaultKeys(generateVaultKey(), VAULT);
    const r = record();
    const bytes = base64urlnopad.decode(await sealRecord(keys, r));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length * 8 - 1 }), async (bit) => {
        const bad = bytes.slice();
        bad[bit >> 3] = (bad[bit >> 3] as number) ^ (1 << (bit & 7));
        const code = await codeOf(openRecord(keys, r.id, base64urlnopad.encode(bad)));
        const expected = bit < 8 ? 'unsupported-version' : bit < 40 ? 'stale-key' : 'decrypt-failed';
        expect(code).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('refuse malformed blobs', async () => {
    const keys = await deriveVaultKeys(generateVaultKey(), VAULT);
    const r = record();
    const blob = await sealRecord(keys, r);
    expect(await codeOf(openRecord(keys, r.id, ''))).toBe('corrupt');
    expect(await codeOf(openRecord(keys, r.id, blob.slice(0, 30)))).toBe('corrupt');
    expect(await codeOf(openRecord(keys, r.id, `${blob}=`))).toBe('corrupt');
    expect(await codeOf(openRecord(keys, r.id, 'not base64!'))).toBe('corrupt');
    expect(await codeOf(openRecord(keys, r.id, 42 as never))).toBe('corrupt');
    const v2 = base64urlnopad.decode(blob);
    v2[0] = 2;
    expect(await codeOf(openRecord(keys, r.id, base64urlnopad.encode(v2)))).toBe('unsupported-version');
  });

  it('check padding and content behind a valid tag', async () => {
    const keys = await deriveVaultKeys(generateVaultKey(), VAULT);
    const r = record();
    const json = JSON.stringify(r);
    const unpadded = new TextEncoder().encode(json);
    expect(await codeOf(openRecord(keys, r.id, await forge(keys, r.id, unpadded)))).toBe('corrupt');
    const noMarker = padded(json);
    noMarker[json.length] = 0;
    expect(await codeOf(openRecord(keys, r.id, await forge(keys, r.id, noMarker)))).toBe('corrupt');
    const bad = padded(JSON.stringify({ ...r, digits: 0 }));
    expect(await codeOf(openRecord(keys, r.id, await forge(keys, r.id, bad)))).toBe('corrupt');
    const otherId = padded(JSON.stringify({ ...r, id: 'someone-else' }));
    expect(await codeOf(openRecord(keys, r.id, await forge(keys, r.id, otherId)))).toBe('corrupt');
    expect(await codeOf(openRecord(keys, r.id, await forge(keys, r.id, padded('{"a":'))))).toBe('corrupt');
    expect(await openRecord(keys, r.id, await forge(keys, r.id, padded(json)))).toEqual(r);
  });

  it('keep fields a newer Ward added, and refuse to seal a broken entry', async () => {
    const keys = await deriveVaultKeys(generateVaultKey(), VAULT);
    const r = { ...record(), futureField: { x: 1 } } as VaultRecord;
    expect(await openRecord(keys, r.id, await sealRecord(keys, r))).toMatchObject({ futureField: { x: 1 } });
    expect(await codeOf(sealRecord(keys, record({ digits: 4 })))).toBe('invalid-digits');
    expect(await codeOf(sealRecord(keys, record({ secret: 'not base32!' })))).toBe('invalid-secret');
    expect(await codeOf(sealRecord(keys, record({ rev: -1 })))).toBe('invalid-entry');
    expect(await codeOf(sealRecord(keys, record({ icon: 'https://tracker.example/icon.png' })))).toBe(
      'invalid-entry',
    );
    const big = record({ tags: Array.from({ length: 100 }, () => 'x'.repeat(1000)) });
    expect(await codeOf(sealRecord(keys, big))).toBe('invalid-entry');
    const largest = record({
      note: 'n'.repeat(16 * 1024),
      icon: `data:image/png;base64,${'A'.repeat(32 * 1024 - 22)}`,
    });
    expect(base64urlnopad.decode(await sealRecord(keys, largest)).length).toBeLessThanOrEqual(64 * 1024);
    expect(await codeOf(sealRecord({ ...keys, recordKey: new Uint8Array(3) }, record()))).toBe(
      'invalid-argument',
    );
  });
});
