import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFLICT_TAG, type MergeContext, mergeRecords } from '../../crypto-core/merge';
import type { VaultRecord } from '../../crypto-core/vault';

const ID = '0b6c1f5e-8d4a-4c0e-9a57-2f1d3e4b5a69';

function record(over: Partial<VaultRecord> = {}): VaultRecord {
  return {
    id: ID,
    type: 'totp',
    issuer: 'GitHub',
    account: 'ada@example.com',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    domains: ['github.com'],
    tags: ['work'],
    rev: 1,
    updatedAt: 1_000,
    deviceId: 'device-a',
    ...over,
  };
}

const ctx: MergeContext = { newId: () => 'new-id', deviceId: 'device-c', now: 5_000 };

describe('mergeRecords', () => {
  it('takes each side’s edit when they touched different fields', () => {
    const base = record();
    const local = record({ issuer: 'GitHub (work)', rev: 2, updatedAt: 2_000, deviceId: 'device-a' });
    const remote = record({
      note: 'recovery codes in the safe',
      rev: 2,
      updatedAt: 1_500,
      deviceId: 'device-b',
    });
    const { merged, conflictedCopy } = mergeRecords(base, local, remote, ctx);
    expect(conflictedCopy).toBeUndefined();
    expect(merged).toMatchObject({ issuer: 'GitHub (work)', note: 'recovery codes in the safe' });
    expect(merged?.rev).toBe(3);
    expect(merged?.deviceId).toBe('device-c');
  });

  it('lets the newer edit win when both changed the same field', () => {
    const base = record();
    const older = record({ account: 'older', updatedAt: 2_000 });
    const newer = record({ account: 'newer', updatedAt: 3_000 });
    expect(mergeRecords(base, older, newer, ctx).merged?.account).toBe('newer');
    expect(mergeRecords(base, newer, older, ctx).merged?.account).toBe('newer');
  });

  it('keeps both entries when the two sides hold different secrets', () => {
    const base = record();
    const local = record({ secret: 'GEZDGNBVGY3TQOJQ', updatedAt: 2_000 });
    const remote = record({ secret: 'MFRGGZDFMZTWQ2LK', updatedAt: 3_000 });
    const { merged, conflictedCopy } = mergeRecords(base, local, remote, ctx);
    expect(merged?.secret).toBe('MFRGGZDFMZTWQ2LK');
    expect(conflictedCopy?.secret).toBe('GEZDGNBVGY3TQOJQ');
    expect(conflictedCopy?.id).toBe('new-id');
    expect(conflictedCopy?.tags).toContain(CONFLICT_TAG);
    expect(conflictedCopy?.tags).toContain('work');
  });

  it('keeps both when two devices created the same id offline with different secrets (no base)', () => {
    const { merged, conflictedCopy } = mergeRecords(
      null,
      record({ secret: 'GEZDGNBVGY3TQOJQ' }),
      record({ secret: 'MFRGGZDFMZTWQ2LK' }),
      ctx,
    );
    expect([merged?.secret, conflictedCopy?.secret].sort()).toEqual(['GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK']);
  });

  it('takes a secret changed on one side only, without a copy', () => {
    const base = record();
    const local = record({ secret: 'GEZDGNBVGY3TQOJQ', updatedAt: 900 });
    const remote = record({ issuer: 'GitHub Enterprise', updatedAt: 3_000 });
    const { merged, conflictedCopy } = mergeRecords(base, local, remote, ctx);
    expect(conflictedCopy).toBeUndefined();
    expect(merged).toMatchObject({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'GitHub Enterprise' });
  });

  it('never moves an HOTP counter backwards', () => {
    const base = record({ type: 'hotp', counter: 5 });
    const local = record({ type: 'hotp', counter: 9, updatedAt: 500 });
    const remote = record({ type: 'hotp', counter: 7, updatedAt: 3_000 });
    expect(mergeRecords(base, local, remote, ctx).merged?.counter).toBe(9);
  });

  it('merges domains and tags by membership: additions on either side stay, removals go', () => {
    const base = record({ domains: ['github.com', 'githubusercontent.com'], tags: ['work'] });
    const local = record({ domains: ['github.com', 'ghe.io'], tags: ['work', 'dev'] });
    const remote = record({ domains: ['github.com', 'githubusercontent.com', 'github.dev'], tags: [] });
    const { merged } = mergeRecords(base, local, remote, ctx);
    expect(merged?.domains?.sort()).toEqual(['ghe.io', 'github.com', 'github.dev']);
    expect(merged?.tags).toEqual(['dev']);
  });

  it('keeps an entry edited on one device and deleted on the other: nothing typed is lost', () => {
    const base = record();
    const edited = record({ note: 'new note', updatedAt: 2_000 });
    expect(mergeRecords(base, null, edited, ctx).merged?.note).toBe('new note');
    expect(mergeRecords(base, edited, null, ctx).merged?.note).toBe('new note');
  });

  it('deletes an entry that the other side left untouched', () => {
    const base = record();
    expect(mergeRecords(base, null, record(), ctx).merged).toBeNull();
    expect(mergeRecords(base, record(), null, ctx).merged).toBeNull();
    expect(mergeRecords(base, null, null, ctx).merged).toBeNull();
  });

  it('is the identity when both sides agree', () => {
    const same = record({ issuer: 'Same', updatedAt: 2_000 });
    const { merged, conflictedCopy } = mergeRecords(record(), same, same, ctx);
    expect(conflictedCopy).toBeUndefined();
    expect({ ...merged, rev: 0, updatedAt: 0, deviceId: '' }).toEqual({
      ...same,
      rev: 0,
      updatedAt: 0,
      deviceId: '',
    });
  });
});

describe('mergeRecords properties', () => {
  const secrets = fc.constantFrom('JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK');
  const side = fc.record({
    secret: secrets,
    issuer: fc.constantFrom('A', 'B', 'C'),
    counter: fc.nat(20),
    updatedAt: fc.nat(10_000),
    rev: fc.nat(10),
  });

  it('never loses a secret that either side wrote, and never moves a counter back', () => {
    fc.assert(
      fc.property(fc.option(side, { nil: null }), side, side, (b, l, r) => {
        const base = b && record(b);
        const local = record(l);
        const remote = record(r);
        const { merged, conflictedCopy } = mergeRecords(base, local, remote, ctx);
        const kept = [merged?.secret, conflictedCopy?.secret];
        // A secret the other side replaced on purpose may go; one a side wrote must survive.
        if (!base || local.secret !== base.secret) expect(kept).toContain(local.secret);
        if (!base || remote.secret !== base.secret) expect(kept).toContain(remote.secret);
        if (base && local.secret === base.secret && remote.secret === base.secret)
          expect(kept).toContain(base.secret);
        if (conflictedCopy) {
          // Two accounts now: the server's copy stays as it is and the local one moves to a new id.
          expect(merged).toBe(remote);
          expect(conflictedCopy.counter).toBe(local.counter);
        } else {
          expect(merged?.counter).toBe(Math.max(local.counter, remote.counter));
          expect(merged?.rev).toBeGreaterThan(Math.max(local.rev, remote.rev));
        }
      }),
    );
  });

  it('is symmetric in what survives, whichever side is local', () => {
    fc.assert(
      fc.property(side, side, side, (b, l, r) => {
        const one = mergeRecords(record(b), record(l), record(r), ctx);
        const two = mergeRecords(record(b), record(r), record(l), ctx);
        const secretsOf = (m: typeof one) => [m.merged?.secret, m.conflictedCopy?.secret].sort();
        expect(secretsOf(one)).toEqual(secretsOf(two));
      }),
    );
  });
});
