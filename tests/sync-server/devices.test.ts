import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('devices', () => {
  it('lists the account devices and marks the caller', async () => {
    const laptop = await s.signIn('dev@example.com', 'Laptop');
    const phone = await s.signIn('dev@example.com', 'Desktop');
    const r = await s.api('GET', '/v1/devices', { token: laptop.token });
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      expect.objectContaining({ id: laptop.deviceId, name: 'Laptop', current: true }),
      expect.objectContaining({ id: phone.deviceId, name: 'Desktop', current: false }),
    ]);
    expect(Object.keys(r.body[0]).sort()).toEqual(['createdAt', 'current', 'id', 'lastSeenAt', 'name']);
  });

  it('renames a device (trimmed) and records it in the audit log', async () => {
    const me = await s.signIn('rename@example.com', 'Old name');
    const r = await s.api('PATCH', `/v1/devices/${me.deviceId}`, {
      token: me.token,
      body: { name: '  Work PC ' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: me.deviceId, name: 'Work PC', current: true });
    for (const name of ['', ' ', 'x'.repeat(65), 'a\u0000b', 42]) {
      const bad = await s.api('PATCH', `/v1/devices/${me.deviceId}`, { token: me.token, body: { name } });
      expect(bad.status).toBe(400);
    }
    const audit = await s.api('GET', '/v1/audit?limit=1', { token: me.token });
    expect(audit.body.events[0]).toMatchObject({
      type: 'device-renamed',
      detail: { id: me.deviceId, from: 'Old name', to: 'Work PC' },
    });
  });

  it('revoking a device makes its very next request a 401 and drops it from the list', async () => {
    const keep = await s.signIn('revoke@example.com', 'Keep');
    const lost = await s.signIn('revoke@example.com', 'Lost');
    expect((await s.api('GET', '/v1/vault', { token: lost.token })).status).toBe(404);
    expect((await s.api('DELETE', `/v1/devices/${lost.deviceId}`, { token: keep.token })).status).toBe(204);
    const r = await s.api('GET', '/v1/vault', { token: lost.token });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthorized');
    const list = await s.api('GET', '/v1/devices', { token: keep.token });
    expect(list.body.map((d: { id: string }) => d.id)).toEqual([keep.deviceId]);
    const again = await s.api('DELETE', `/v1/devices/${lost.deviceId}`, { token: keep.token });
    expect(again.status).toBe(404);
    const audit = await s.api('GET', '/v1/audit?limit=1', { token: keep.token });
    expect(audit.body.events[0]).toMatchObject({ type: 'device-revoked', deviceId: keep.deviceId });
  });

  it('a device may revoke itself, which signs it out', async () => {
    const me = await s.signIn('self@example.com');
    expect((await s.api('DELETE', `/v1/devices/${me.deviceId}`, { token: me.token })).status).toBe(204);
    expect((await s.api('GET', '/v1/devices', { token: me.token })).status).toBe(401);
  });

  it('updates lastSeenAt at most once a minute', async () => {
    const me = await s.signIn('seen@example.com');
    const created = s.clock.now;
    const seen = async () =>
      Date.parse((await s.api('GET', '/v1/devices', { token: me.token })).body[0].lastSeenAt as string);
    s.clock.advance(30_000);
    expect(await seen()).toBe(created);
    s.clock.advance(31_000);
    await seen();
    expect(await seen()).toBe(created + 61_000);
  });
});
