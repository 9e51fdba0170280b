// Vault key rotation: all records and slots swapped in one transaction, the old key id refused after.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBlob, type Session, startTestServer, type TestServer } from './harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ startsPerEmailPerHour: 100 });
});
afterAll(() => s.close());

const OLD = '0a1b2c3d';
const NEW = 'f00dcafe';
const slotsOld = [{ id: 'pw', kind: 'passphrase', data: 'wrapped-under-old' }];
const slotsNew = [
  { id: 'pw', kind: 'passphrase', data: 'wrapped-under-new' },
  { id: 'rc', kind: 'recovery', data: 'recovery-under-new' },
];

type Rec = { id: string; baseVersion: number; blob: string | null };
const push = (me: Session, changes: Rec[], keyId?: string) =>
  s.api('POST', '/v1/vault/records', { token: me.token, body: { changes, ...(keyId ? { keyId } : {}) } });
const vault = async (me: Session) => (await s.api('GET', '/v1/vault', { token: me.token })).body;
const pull = async (me: Session, since = 0) =>
  (await s.api('GET', `/v1/vault/changes?since=${since}`, { token: me.token })).body;

/** A vault with 3 live records and 1 tombstone; returns what a rotating client knows. */
async function setUp(email: string, declared: string | null = OLD) {
  const keyId = declared ?? undefined;
  const me = await s.signIn(email, 'Rotator');
  const other = await s.signIn(email, 'Stale device');
  const created = await s.api('PUT', '/v1/vault/key-slots', {
    token: me.token,
    body: { baseVersion: 0, keySlots: slotsOld, ...(keyId ? { keyId } : {}) },
  });
  expect(created.status).toBe(200);
  const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const first = await push(
    me,
    ids.map((id) => ({ id, baseVersion: 0, blob: fakeBlob(289, 1) })),
    keyId,
  );
  expect(first.status).toBe(200);
  const gone = await push(me, [{ id: ids[3] as string, baseVersion: 1, blob: null }], keyId);
  expect(gone.status).toBe(200);
  return { me, other, live: ids.slice(0, 3), dead: ids[3] as string, seq: gone.body.cursor as number };
}

const rotation = (live: string[], seq: number, extra: Record<string, unknown> = {}) => ({
  baseVersion: 1,
  baseSeq: seq,
  keyId: NEW,
  keySlots: slotsNew,
  records: live.map((id) => ({ id, blob: fakeBlob(289, 2) })),
  ...extra,
});

describe('vault key rotation', () => {
  it('replaces every record and slot at once, then refuses the old key id', async () => {
    const { me, other, live, seq } = await setUp('rotate@example.com');
    expect((await vault(me)).keyId).toBe(OLD);
    const r = await s.api('POST', '/v1/vault/rotate', { token: me.token, body: rotation(live, seq) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ keyId: NEW, keySlotsVersion: 2, cursor: seq + 3 });
    expect(r.body.results.map((x: { id: string }) => x.id)).toEqual(live);
    expect(r.body.results.every((x: { version: number }) => x.version === 2)).toBe(true);

    const v = await vault(other);
    expect(v).toMatchObject({ keyId: NEW, keySlotsVersion: 2, keySlots: slotsNew });
    // Other devices see every record again with the new blob on their next pull.
    const changes = (await pull(other, seq)).changes as { id: string; blob: string }[];
    expect(changes.map((c) => c.id).sort()).toEqual([...live].sort());
    expect(changes.every((c) => c.blob === fakeBlob(289, 2))).toBe(true);

    // A device that missed the rotation cannot write under the old key, with or without saying so.
    const id = live[0] as string;
    for (const keyId of [OLD, undefined]) {
      const stale = await push(other, [{ id, baseVersion: 2, blob: fakeBlob(289, 3) }], keyId);
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ error: { code: 'key-rotated' }, keyId: NEW });
    }
    const staleSlots = await s.api('PUT', '/v1/vault/key-slots', {
      token: other.token,
      body: { baseVersion: 2, keyId: OLD, keySlots: slotsOld },
    });
    expect(staleSlots.status).toBe(409);
    expect(staleSlots.body.error.code).toBe('key-rotated');
    expect((await push(other, [{ id, baseVersion: 2, blob: fakeBlob(289, 3) }], NEW)).status).toBe(200);

    const audit = await s.api('GET', '/v1/audit?limit=5', { token: me.token });
    const event = audit.body.events.find((e: { type: string }) => e.type === 'vault-key-rotated');
    expect(event).toMatchObject({
      deviceId: me.deviceId,
      detail: { fromKeyId: OLD, toKeyId: NEW, records: 3, keySlotsVersion: 2 },
    });
    expect(event.detail.slots).toEqual([
      { id: 'pw', kind: 'passphrase' },
      { id: 'rc', kind: 'recovery' },
    ]);
  });

  it('changes nothing when the client is behind, incomplete, or reuses the key id', async () => {
    const { me, other, live, dead, seq } = await setUp('refused@example.com');
    const rotate = (body: unknown) => s.api('POST', '/v1/vault/rotate', { token: me.token, body });
    const cases: [unknown, number, string][] = [
      [rotation(live, seq - 1), 409, 'vault-changed'],
      [rotation(live, seq, { baseVersion: 2 }), 409, 'version-conflict'],
      [rotation(live, seq, { keyId: OLD }), 409, 'key-id-unchanged'],
      [rotation(live.slice(1), seq), 400, 'rotation-incomplete'],
      [rotation([...live, dead], seq), 400, 'rotation-incomplete'],
      [rotation([...live, randomUUID()], seq), 400, 'rotation-incomplete'],
      [rotation(live, seq, { keySlots: [] }), 400, 'validation-failed'],
      [rotation(live, seq, { keyId: 'F00DCAFE' }), 400, 'validation-failed'],
      [rotation([live[0] as string, live[0] as string], seq), 400, 'validation-failed'],
    ];
    for (const [body, status, code] of cases) {
      const r = await rotate(body);
      expect([r.status, r.body.error.code]).toEqual([status, code]);
    }
    const behind = await rotate(rotation(live, seq - 1));
    expect(behind.body.cursor).toBe(seq);
    expect(await vault(other)).toMatchObject({ keyId: OLD, keySlotsVersion: 1, keySlots: slotsOld });
    expect((await pull(other, seq)).changes).toEqual([]);
    expect(
      (await push(other, [{ id: live[0] as string, baseVersion: 1, blob: fakeBlob(289, 4) }], OLD)).status,
    ).toBe(200);
  });

  it('a vault that never declared a key id accepts untagged pushes until its first rotation', async () => {
    const { me, live, seq } = await setUp('legacy@example.com', null);
    expect((await vault(me)).keyId).toBeNull();
    expect((await push(me, [{ id: randomUUID(), baseVersion: 0, blob: fakeBlob(10) }])).status).toBe(200);
    const r = await s.api('POST', '/v1/vault/rotate', {
      token: me.token,
      body: rotation([], seq + 1, { records: [] }),
    });
    expect(r.body.error.code).toBe('rotation-incomplete');
    const all = (await pull(me)).changes as { id: string; blob: string | null }[];
    const liveNow = all.filter((c) => c.blob !== null).map((c) => c.id);
    expect(liveNow).toHaveLength(live.length + 1);
    const ok = await s.api('POST', '/v1/vault/rotate', { token: me.token, body: rotation(liveNow, seq + 1) });
    expect(ok.status).toBe(200);
    expect((await push(me, [{ id: randomUUID(), baseVersion: 0, blob: fakeBlob(10) }])).status).toBe(409);
    expect((await push(me, [{ id: randomUUID(), baseVersion: 0, blob: fakeBlob(10) }], NEW)).status).toBe(
      200,
    );
  });

  it('needs a session and a vault', async () => {
    expect((await s.api('POST', '/v1/vault/rotate', { body: rotation([], 0) })).status).toBe(401);
    const me = await s.signIn('novault@example.com');
    const r = await s.api('POST', '/v1/vault/rotate', { token: me.token, body: rotation([], 0) });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('vault-not-found');
  });
});
