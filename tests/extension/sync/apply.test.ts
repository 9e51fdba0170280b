// Bringing server copies into the cache, without a server: unreadable copies are kept as
// ciphertext, echoes are recognised, edits made during a push stay pending, batches fit the limits.
import { describe, expect, it } from 'vitest';
import { generateVaultKey } from '../../../crypto-core/keyslots';
import { CONFLICT_TAG } from '../../../crypto-core/merge';
import { deriveVaultKeys, openRecord, sealRecord, type VaultRecord } from '../../../crypto-core/vault';
import {
  applyAcknowledged,
  applyConflict,
  applyPulled,
  type MergeEnv,
  pendingChanges,
  pruneTombstones,
} from '../../../extension/sync/apply';
import type { SyncCache } from '../../../extension/sync/ports';
import { batches } from '../../../extension/sync/push';
import { entry, SECRET_2 } from './device';

const VAULT = '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const ID = '0b6c1d2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e';
const keys = await deriveVaultKeys(generateVaultKey(), VAULT);
// The same vault after a key rotation this device has not seen: another key generation.
const rotated = await deriveVaultKeys(generateVaultKey(), VAULT);

const record = (patch: Partial<VaultRecord> = {}): VaultRecord => ({
  ...entry('ACME', 'alice@example.com'),
  id: ID,
  rev: 1,
  updatedAt: 1000,
  deviceId: 'd',
  ...patch,
});
const env: MergeEnv = {
  keys,
  deviceId: 'here',
  now: 5000,
  newId: () => '11111111-2222-4333-8444-555555555555',
};
const empty = (): SyncCache => ({ records: {}, bases: {}, cursor: 0 });

describe('applyPulled', () => {
  it('keeps a server copy it cannot open as ciphertext, and the local edit as a conflicted copy', async () => {
    const base = await sealRecord(keys, record());
    const local = await sealRecord(keys, record({ note: 'mine', rev: 2, updatedAt: 2000 }));
    const cache: SyncCache = {
      records: { [ID]: { blob: local, version: 1, dirty: true } },
      bases: { [ID]: base },
      cursor: 1,
    };
    const unreadable = await sealRecord(rotated, record({ issuer: 'ACME rotated', rev: 3 }));
    await applyPulled(cache, { id: ID, version: 2, blob: unreadable }, env);
    expect(cache.records[ID]).toEqual({ blob: unreadable, version: 2, dirty: false });
    const copyId = env.newId();
    const copy = await openRecord(keys, copyId, cache.records[copyId]?.blob as string);
    expect(copy).toMatchObject({ note: 'mine', issuer: 'ACME' });
    expect(copy.tags).toContain(CONFLICT_TAG);
    expect(cache.records[copyId]).toMatchObject({ version: null, dirty: true });
  });

  it('our own write coming back (acknowledgement lost) is taken as acknowledged, not merged', async () => {
    const blob = await sealRecord(keys, record());
    const cache: SyncCache = {
      records: { [ID]: { blob, version: null, dirty: true } },
      bases: {},
      cursor: 0,
    };
    expect(await applyPulled(cache, { id: ID, version: 1, blob }, env)).toBe(false);
    expect(cache.records[ID]).toEqual({ blob, version: 1, dirty: false });
    expect(cache.bases[ID]).toBe(blob);
  });

  it('an older copy than the one held is ignored; a tombstone removes a clean record', async () => {
    const v3 = await sealRecord(keys, record({ rev: 3 }));
    const cache: SyncCache = {
      records: { [ID]: { blob: v3, version: 3, dirty: false } },
      bases: { [ID]: v3 },
      cursor: 3,
    };
    await applyPulled(cache, { id: ID, version: 2, blob: await sealRecord(keys, record({ rev: 2 })) }, env);
    expect(cache.records[ID]?.blob).toBe(v3);
    await applyPulled(cache, { id: ID, version: 4, blob: null }, env);
    expect(cache).toEqual({ records: {}, bases: {}, cursor: 3 });
  });

  it('while locked a pending edit is left as it is (merged after unlock)', async () => {
    const mine = await sealRecord(keys, record({ note: 'mine', rev: 2 }));
    const cache: SyncCache = {
      records: { [ID]: { blob: mine, version: 1, dirty: true } },
      bases: {},
      cursor: 1,
    };
    await applyPulled(
      cache,
      { id: ID, version: 2, blob: await sealRecord(keys, record({ issuer: 'X' })) },
      {
        ...env,
        keys: null,
      },
    );
    expect(cache.records[ID]).toEqual({ blob: mine, version: 1, dirty: true });
  });
});

describe('push results', () => {
  it('an edit made while the push was in flight stays pending, based on what was pushed', async () => {
    const pushed = await sealRecord(keys, record());
    const newer = await sealRecord(keys, record({ note: 'typed meanwhile', rev: 2 }));
    const cache = empty();
    cache.records[ID] = { blob: newer, version: null, dirty: true };
    applyAcknowledged(cache, { id: ID, baseVersion: 0, blob: pushed }, 1);
    expect(cache.records[ID]).toEqual({ blob: newer, version: 1, dirty: true });
    expect(cache.bases[ID]).toBe(pushed);
    expect(pendingChanges(cache)).toEqual([{ id: ID, baseVersion: 1, blob: newer }]);
  });

  it('a conflict with nothing on the server re-sends as new; a delete of nothing is dropped', async () => {
    const blob = await sealRecord(keys, record());
    const cache = empty();
    cache.records[ID] = { blob, version: 4, dirty: true };
    await applyConflict(cache, ID, null, env);
    expect(pendingChanges(cache)).toEqual([{ id: ID, baseVersion: 0, blob }]);
    cache.records[ID] = { blob, version: 4, dirty: true, deletedAt: 1 };
    await applyConflict(cache, ID, null, env);
    expect(pendingChanges(cache)).toEqual([]);
  });

  it('deletions are pruned after the undo window, never before, and never while unpushed', () => {
    const cache = empty();
    cache.records.a = { blob: 'x', version: 2, dirty: false, deletedAt: 1000 };
    cache.records.b = { blob: 'x', version: 2, dirty: true, deletedAt: 1000 };
    cache.records.c = { blob: 'x', version: 2, dirty: false, deletedAt: 9000 };
    pruneTombstones(cache, 12_000, 10_000);
    expect(Object.keys(cache.records)).toEqual(['b', 'c']);
  });

  it('batches stay under 1,000 changes and about 1 MB of blobs', async () => {
    const small = Array.from({ length: 2500 }, (_, i) => ({ id: String(i), baseVersion: 0, blob: 'AAAA' }));
    expect(batches(small).map((b) => b.length)).toEqual([1000, 1000, 500]);
    const big = Array.from({ length: 30 }, (_, i) => ({
      id: String(i),
      baseVersion: 0,
      blob: 'A'.repeat(87_000),
    }));
    const sizes = batches(big).map((b) => b.reduce((n, c) => n + (c.blob?.length ?? 0), 0));
    expect(Math.max(...sizes)).toBeLessThan(1_000_000);
    expect(sizes.reduce((a, b) => a + b)).toBe(30 * 87_000);
  });

  it('two different secrets pulled against a pending secret change: both kept', async () => {
    const base = await sealRecord(keys, record());
    const mine = await sealRecord(keys, record({ secret: 'JBSWY3DPEHPK3PXP', rev: 2, updatedAt: 2000 }));
    const cache: SyncCache = {
      records: { [ID]: { blob: mine, version: 1, dirty: true } },
      bases: { [ID]: base },
      cursor: 1,
    };
    const theirs = await sealRecord(keys, record({ secret: SECRET_2, rev: 2, updatedAt: 3000 }));
    await applyPulled(cache, { id: ID, version: 2, blob: theirs }, env);
    expect(cache.records[ID]).toEqual({ blob: theirs, version: 2, dirty: false });
    const copy = await openRecord(keys, env.newId(), cache.records[env.newId()]?.blob as string);
    expect(copy.secret).toBe('JBSWY3DPEHPK3PXP');
  });
});
