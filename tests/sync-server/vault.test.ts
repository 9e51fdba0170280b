import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpired } from '../../sync-server/maintenance';
import { DAY, fakeBlob, type Session, startTestServer, type TestServer } from './harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ maxLiveRecords: 20 });
});
afterAll(() => s.close());

const slots = [{ id: 'pw', kind: 'passphrase', data: 'opaque-wrapped-key' }];

async function withVault(email: string): Promise<Session> {
  const me = await s.signIn(email);
  const r = await s.api('PUT', '/v1/vault/key-slots', {
    token: me.token,
    body: { baseVersion: 0, keySlots: slots },
  });
  expect(r.status).toBe(200);
  return me;
}

function push(me: Session, changes: { id: string; baseVersion: number; blob: string | null }[]) {
  return s.api('POST', '/v1/vault/records', { token: me.token, body: { changes } });
}

async function pullAll(me: Session, since = 0, limit = 1000) {
  const all: { id: string; seq: number; version: number; blob: string | null }[] = [];
  let cursor = since;
  for (;;) {
    const r = await s.api('GET', `/v1/vault/changes?since=${cursor}&limit=${limit}`, { token: me.token });
    expect(r.status).toBe(200);
    all.push(...r.body.changes);
    cursor = r.body.cursor;
    if (!r.body.hasMore) return { changes: all, cursor };
  }
}

describe('key slots', () => {
  it('404 until created; then versioned with 409 on a stale baseVersion', async () => {
    const me = await s.signIn('slots@example.com');
    const none = await s.api('GET', '/v1/vault', { token: me.token });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('vault-not-found');
    expect((await s.api('GET', '/v1/vault/changes', { token: me.token })).status).toBe(404);

    const vaultId = randomUUID();
    const made = await s.api('PUT', '/v1/vault/key-slots', {
      token: me.token,
      body: { baseVersion: 0, vaultId, keySlots: slots },
    });
    expect(made.body).toEqual({ vaultId, keySlotsVersion: 1 });
    const got = await s.api('GET', '/v1/vault', { token: me.token });
    expect(got.body).toMatchObject({ vaultId, keySlots: slots, keySlotsVersion: 1 });

    const two = [...slots, { id: 'rc', kind: 'recovery', data: 'x'.repeat(8192) }];
    const upd = await s.api('PUT', '/v1/vault/key-slots', {
      token: me.token,
      body: { baseVersion: 1, keySlots: two },
    });
    expect(upd.body.keySlotsVersion).toBe(2);
    const stale = await s.api('PUT', '/v1/vault/key-slots', {
      token: me.token,
      body: { baseVersion: 1, keySlots: [] },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version-conflict');
    expect(stale.body.current).toEqual({ vaultId, keySlots: two, keySlotsVersion: 2 });
    const recreate = await s.api('PUT', '/v1/vault/key-slots', {
      token: me.token,
      body: { baseVersion: 0, keySlots: [] },
    });
    expect(recreate.status).toBe(409);

    const audit = await s.api('GET', '/v1/audit', { token: me.token });
    expect(audit.body.events.slice(0, 2).map((e: { type: string }) => e.type)).toEqual([
      'key-slots-changed',
      'vault-created',
    ]);
    expect(audit.body.events[0].detail).toMatchObject({
      added: [{ id: 'rc', kind: 'recovery' }],
      removed: [],
    });
  });

  it('rejects oversized or duplicate slots and a vaultId already taken', async () => {
    const me = await s.signIn('badslots@example.com');
    const put = (body: unknown) => s.api('PUT', '/v1/vault/key-slots', { token: me.token, body });
    expect(
      (await put({ baseVersion: 0, keySlots: [{ id: 'a', kind: 'k', data: 'x'.repeat(8193) }] })).status,
    ).toBe(400);
    expect((await put({ baseVersion: 0, keySlots: [slots[0], slots[0]] })).status).toBe(400);
    const other = await s.api('GET', '/v1/vault', { token: (await withVault('taken@example.com')).token });
    const taken = await put({ baseVersion: 0, vaultId: other.body.vaultId, keySlots: slots });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('vault-exists');
  });
});

describe('push and pull', () => {
  it('applies new records, then returns them in seq order with the right cursor', async () => {
    const me = await withVault('sync@example.com');
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const r = await push(
      me,
      ids.map((id, i) => ({ id, baseVersion: 0, blob: fakeBlob(300, i) })),
    );
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual(ids.map((id, i) => ({ id, status: 'applied', version: 1, seq: i + 1 })));
    expect(r.body.cursor).toBe(3);

    const page1 = await s.api('GET', '/v1/vault/changes?since=0&limit=2', { token: me.token });
    expect(page1.body.changes.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 2));
    expect(page1.body).toMatchObject({ cursor: 2, hasMore: true });
    expect(page1.body.changes[0]).toMatchObject({ version: 1, seq: 1, blob: fakeBlob(300, 0) });
    expect(Date.parse(page1.body.changes[0].updatedAt)).toBe(s.clock.now);
    const page2 = await s.api('GET', '/v1/vault/changes?since=2&limit=2', { token: me.token });
    expect(page2.body).toMatchObject({ cursor: 3, hasMore: false });
    const empty = await s.api('GET', '/v1/vault/changes?since=3', { token: me.token });
    expect(empty.body).toEqual({ changes: [], cursor: 3, hasMore: false });
  });

  it('updates and deletes move a record to the end with a new version; deletions are tombstones', async () => {
    const me = await withVault('edit@example.com');
    const [a, b] = [randomUUID(), randomUUID()];
    await push(me, [
      { id: a, baseVersion: 0, blob: fakeBlob(10, 1) },
      { id: b, baseVersion: 0, blob: fakeBlob(10, 2) },
    ]);
    const upd = await push(me, [
      { id: a, baseVersion: 1, blob: fakeBlob(10, 3) },
      { id: b, baseVersion: 1, blob: null },
    ]);
    expect(upd.body.results).toEqual([
      { id: a, status: 'applied', version: 2, seq: 3 },
      { id: b, status: 'applied', version: 2, seq: 4 },
    ]);
    const { changes } = await pullAll(me);
    expect(changes).toMatchObject([
      { id: a, version: 2, seq: 3, blob: fakeBlob(10, 3) },
      { id: b, version: 2, seq: 4, blob: null },
    ]);
    const since2 = await pullAll(me, 2);
    expect(since2.changes.map((c) => c.id)).toEqual([a, b]);
  });

  it('returns conflicts with the server copy and applies the rest of the batch', async () => {
    const me = await withVault('conflict@example.com');
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await push(me, [{ id: a, baseVersion: 0, blob: fakeBlob(10, 1) }]);
    const r = await push(me, [
      { id: a, baseVersion: 0, blob: fakeBlob(10, 9) },
      { id: b, baseVersion: 0, blob: fakeBlob(10, 2) },
      { id: c, baseVersion: 3, blob: fakeBlob(10, 3) },
    ]);
    expect(r.body.results[0]).toMatchObject({
      id: a,
      status: 'conflict',
      current: { id: a, version: 1, seq: 1, blob: fakeBlob(10, 1) },
    });
    expect(r.body.results[1]).toEqual({ id: b, status: 'applied', version: 1, seq: 2 });
    expect(r.body.results[2]).toEqual({ id: c, status: 'conflict', current: null });
  });

  it('two devices pushing the same record and baseVersion: exactly one wins, the other sees its blob', async () => {
    const one = await withVault('race@example.com');
    const two = await s.signIn('race@example.com', 'Second');
    const id = randomUUID();
    await push(one, [{ id, baseVersion: 0, blob: fakeBlob(10, 0) }]);
    for (let round = 1; round <= 5; round++) {
      const [r1, r2] = await Promise.all([
        push(one, [{ id, baseVersion: round, blob: fakeBlob(20, 1) }]),
        push(two, [{ id, baseVersion: round, blob: fakeBlob(20, 2) }]),
      ]);
      const results = [r1.body.results[0], r2.body.results[0]];
      const applied = results.filter((x) => x.status === 'applied');
      const lost = results.filter((x) => x.status === 'conflict');
      expect(applied).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winnerBlob = results[0].status === 'applied' ? fakeBlob(20, 1) : fakeBlob(20, 2);
      expect(lost[0].current).toMatchObject({ version: round + 1, blob: winnerBlob });
    }
  });

  it('rejects a blob over 64 KiB with 413 and applies nothing from that batch', async () => {
    const me = await withVault('big@example.com');
    const ok = randomUUID();
    const r = await push(me, [
      { id: ok, baseVersion: 0, blob: fakeBlob(100) },
      { id: randomUUID(), baseVersion: 0, blob: fakeBlob(64 * 1024 + 1) },
    ]);
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('blob-too-large');
    expect((await pullAll(me)).changes).toEqual([]);
    expect((await push(me, [{ id: ok, baseVersion: 0, blob: fakeBlob(64 * 1024) }])).status).toBe(200);
  });

  it('enforces the live-record quota with 413 and all-or-nothing; deletions free room', async () => {
    const me = await withVault('quota@example.com');
    const ids = Array.from({ length: 20 }, () => randomUUID());
    expect(
      (
        await push(
          me,
          ids.map((id) => ({ id, baseVersion: 0, blob: fakeBlob(8) })),
        )
      ).status,
    ).toBe(200);
    const extra = [
      { id: ids[0] as string, baseVersion: 1, blob: null },
      { id: randomUUID(), baseVersion: 0, blob: fakeBlob(8) },
      { id: randomUUID(), baseVersion: 0, blob: fakeBlob(8) },
    ];
    const over = await push(me, extra);
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe('quota-exceeded');
    expect((await pullAll(me)).cursor).toBe(20);
    expect((await push(me, extra.slice(0, 2))).status).toBe(200);
  });

  it('rejects a request body over 1 MiB with 413', async () => {
    const me = await withVault('huge@example.com');
    const changes = Array.from({ length: 20 }, () => ({
      id: randomUUID(),
      baseVersion: 0,
      blob: fakeBlob(60_000),
    }));
    const r = await push(me, changes);
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload-too-large');
  });
});

describe('tombstone retention', () => {
  it('410 for a cursor older than a purged tombstone; since=0 and newer cursors still work', async () => {
    const me = await withVault('old@example.com');
    await s.api('PATCH', '/v1/account', { token: me.token, body: { sessionDays: 365 } });
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await push(me, [
      { id: a, baseVersion: 0, blob: fakeBlob(10) },
      { id: b, baseVersion: 0, blob: fakeBlob(10) },
    ]);
    await push(me, [{ id: a, baseVersion: 1, blob: null }]); // seq 3
    s.clock.advance(100 * DAY);
    await push(me, [{ id: c, baseVersion: 0, blob: fakeBlob(10) }]); // seq 4

    expect(purgeExpired(s.db, s.clock.now, 180 * DAY, s.vaultHeads).tombstones).toBe(0);
    // Pulls cache the vault's counters; the purge below must not leave a stale watermark behind.
    expect((await s.api('GET', '/v1/vault/changes?since=1', { token: me.token })).status).toBe(200);
    s.clock.advance(81 * DAY);
    expect(purgeExpired(s.db, s.clock.now, 180 * DAY, s.vaultHeads).tombstones).toBeGreaterThanOrEqual(1);

    for (const since of [1, 2]) {
      const r = await s.api('GET', `/v1/vault/changes?since=${since}`, { token: me.token });
      expect(r.status).toBe(410);
      expect(r.body.error.code).toBe('cursor-expired');
    }
    expect((await pullAll(me, 3)).changes.map((x) => x.id)).toEqual([c]);
    const full = await pullAll(me, 0);
    expect(full.changes.map((x) => x.id)).toEqual([b, c]);
  });

  it('a full snapshot pages across the purge watermark and ends on a cursor that syncs on', async () => {
    const me = await withVault('snapshot@example.com');
    await s.api('PATCH', '/v1/account', { token: me.token, body: { sessionDays: 365 } });
    const keep = [randomUUID(), randomUUID(), randomUUID()];
    const gone = randomUUID();
    await push(
      me,
      [...keep, gone].map((id) => ({ id, baseVersion: 0, blob: fakeBlob(10) })),
    ); // seq 1-4
    await push(me, [{ id: gone, baseVersion: 1, blob: null }]); // seq 5, the highest
    s.clock.advance(181 * DAY);
    purgeExpired(s.db, s.clock.now, 180 * DAY, s.vaultHeads);

    const ids: string[] = [];
    let cursor = 0;
    for (;;) {
      const r = await s.api('GET', `/v1/vault/changes?since=${cursor}&limit=1&full=1`, { token: me.token });
      expect(r.status).toBe(200);
      ids.push(...r.body.changes.map((c: { id: string }) => c.id));
      cursor = r.body.cursor;
      if (!r.body.hasMore) break;
    }
    expect(ids).toEqual(keep);
    expect(cursor).toBe(5);
    const next = await s.api('GET', `/v1/vault/changes?since=${cursor}`, { token: me.token });
    expect(next.body).toEqual({ changes: [], cursor: 5, hasMore: false });
    // Without `full`, the same mid-snapshot cursor is refused: an incremental client could miss `gone`.
    expect((await s.api('GET', '/v1/vault/changes?since=1', { token: me.token })).status).toBe(410);
  });

  it('410 cursor-ahead for a cursor the server never handed out', async () => {
    const me = await withVault('ahead@example.com');
    const r = await s.api('GET', '/v1/vault/changes?since=5', { token: me.token });
    expect(r.status).toBe(410);
    expect(r.body.error.code).toBe('cursor-ahead');
  });
});
