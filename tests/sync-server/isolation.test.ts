// A user can never read or write another user's vault, devices or audit log: every route, tried
// with a second account's token against the first account's ids.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBlob, type Session, startTestServer, type TestServer } from './harness';

let s: TestServer;
let alice: Session;
let mallory: Session;
const recordId = randomUUID();
const blob = fakeBlob(200, 42);

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.signIn('alice@example.com', 'Alice laptop');
  mallory = await s.signIn('mallory@example.com', 'Mallory');
  const slots = [{ id: 'pw', kind: 'passphrase', data: 'alice-slot' }];
  await s.api('PUT', '/v1/vault/key-slots', {
    token: alice.token,
    body: { baseVersion: 0, keySlots: slots },
  });
  await s.api('POST', '/v1/vault/records', {
    token: alice.token,
    body: { changes: [{ id: recordId, baseVersion: 0, blob }] },
  });
});
afterAll(() => s.close());

describe('cross-account isolation', () => {
  it('mallory sees no vault, no records, no devices and no events of alice', async () => {
    const m = { token: mallory.token };
    expect((await s.api('GET', '/v1/vault', m)).status).toBe(404);
    expect((await s.api('GET', '/v1/vault/changes?since=0', m)).status).toBe(404);
    const devices = await s.api('GET', '/v1/devices', m);
    expect(devices.body.map((d: { id: string }) => d.id)).toEqual([mallory.deviceId]);
    const audit = await s.api('GET', '/v1/audit', m);
    expect(audit.body.events.every((e: { deviceId: string | null }) => e.deviceId !== alice.deviceId)).toBe(
      true,
    );
    expect(JSON.stringify(audit.body)).not.toContain('alice');
    const account = await s.api('GET', '/v1/account', m);
    expect(account.body.email).toBe('mallory@example.com');
  });

  it("mallory cannot rename or revoke alice's device", async () => {
    const m = { token: mallory.token };
    const rename = await s.api('PATCH', `/v1/devices/${alice.deviceId}`, { ...m, body: { name: 'pwned' } });
    expect(rename.status).toBe(404);
    expect((await s.api('DELETE', `/v1/devices/${alice.deviceId}`, m)).status).toBe(404);
    const list = await s.api('GET', '/v1/devices', { token: alice.token });
    expect(list.body).toEqual([expect.objectContaining({ id: alice.deviceId, name: 'Alice laptop' })]);
  });

  it("mallory's own vault is separate, even when she reuses alice's record id", async () => {
    const m = { token: mallory.token };
    const made = await s.api('PUT', '/v1/vault/key-slots', { ...m, body: { baseVersion: 0, keySlots: [] } });
    expect(made.status).toBe(200);
    const overwrite = await s.api('POST', '/v1/vault/records', {
      ...m,
      body: { changes: [{ id: recordId, baseVersion: 1, blob: null }] },
    });
    expect(overwrite.body.results[0]).toEqual({ id: recordId, status: 'conflict', current: null });
    const mine = await s.api('POST', '/v1/vault/records', {
      ...m,
      body: { changes: [{ id: recordId, baseVersion: 0, blob: fakeBlob(10) }] },
    });
    expect(mine.body.results[0]).toMatchObject({ status: 'applied', version: 1, seq: 1 });
    const pulled = await s.api('GET', '/v1/vault/changes?since=0', m);
    expect(pulled.body.changes).toEqual([expect.objectContaining({ id: recordId, blob: fakeBlob(10) })]);

    const slots = await s.api('PUT', '/v1/vault/key-slots', { ...m, body: { baseVersion: 1, keySlots: [] } });
    expect(slots.status).toBe(200);
    const a = { token: alice.token };
    const aliceVault = await s.api('GET', '/v1/vault', a);
    expect(aliceVault.body.keySlots).toEqual([{ id: 'pw', kind: 'passphrase', data: 'alice-slot' }]);
    expect(aliceVault.body.keySlotsVersion).toBe(1);
    const aliceRecords = await s.api('GET', '/v1/vault/changes?since=0', a);
    expect(aliceRecords.body.changes).toEqual([expect.objectContaining({ id: recordId, version: 1, blob })]);
  });

  it("mallory's settings and logout do not touch alice's sessions", async () => {
    const m = { token: mallory.token };
    await s.api('PATCH', '/v1/account', { ...m, body: { sessionDays: 1 } });
    await s.api('POST', '/v1/auth/logout', m);
    expect((await s.api('GET', '/v1/account', { token: alice.token })).body.sessionDays).toBe(30);
    expect((await s.api('GET', '/v1/vault', { token: alice.token })).status).toBe(200);
  });

  it("alice's audit log holds only her own events", async () => {
    const audit = await s.api('GET', '/v1/audit', { token: alice.token });
    expect(audit.body.events.map((e: { type: string }) => e.type)).toEqual(['vault-created', 'sign-in']);
  });
});
