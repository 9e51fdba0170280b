// Every security-relevant change lands in the audit log, including the events only a client sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestServer, type TestServer } from './harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ startsPerEmailPerHour: 100 });
});
afterAll(() => s.close());

const report = (me: Session, body: unknown) => s.api('POST', '/v1/audit/events', { token: me.token, body });
const latest = async (me: Session) =>
  (await s.api('GET', '/v1/audit?limit=1', { token: me.token })).body.events[0];

describe('client-reported audit events', () => {
  it('records whitelisted kinds with their typed detail, marked as reported', async () => {
    const me = await s.signIn('export@example.com', 'Laptop');
    const cases = [
      { kind: 'export', detail: { format: 'otpauth-uris', entries: 12, encrypted: false } },
      { kind: 'backup-created', detail: { entries: 12 } },
      { kind: 'recovery-kit-created', detail: { shares: 5, threshold: 3 } },
      { kind: 'recovery-key-used' },
    ];
    for (const body of cases) {
      expect((await report(me, body)).status).toBe(204);
      expect(await latest(me)).toMatchObject({
        type: body.kind,
        deviceId: me.deviceId,
        ip: '127.0.0.1',
        detail: { ...body.detail, reported: true },
      });
    }
  });

  it('refuses other kinds and any free-form detail', async () => {
    const me = await s.signIn('strict@example.com');
    const before = await latest(me);
    for (const body of [
      { kind: 'sign-in', detail: {} },
      { kind: 'vault-key-rotated' },
      { kind: 'export', detail: { format: 'csv', entries: 1, encrypted: false, note: 'JBSWY3DPEHPK3PXP' } },
      { kind: 'export', detail: { format: 'Has Spaces', entries: 1, encrypted: true } },
      { kind: 'export', detail: { format: 'csv', entries: -1, encrypted: true } },
      { kind: 'export' },
      {},
    ]) {
      const r = await report(me, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('validation-failed');
    }
    expect(await latest(me)).toEqual(before);
    expect((await s.api('POST', '/v1/audit/events', { body: { kind: 'recovery-key-used' } })).status).toBe(
      401,
    );
  });

  it('limits reports per account, since the log can never be trimmed', async () => {
    const me = await s.signIn('chatty@example.com');
    const body = { kind: 'export', detail: { format: 'json', entries: 1, encrypted: true } };
    for (let i = 0; i < 30; i++) expect((await report(me, body)).status).toBe(204);
    const r = await report(me, body);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not affected.
    expect((await report(await s.signIn('quiet@example.com'), body)).status).toBe(204);
  });
});

describe('server-observed events', () => {
  it('logs renames, revocations, slot changes and sign-outs with who did them', async () => {
    const a = await s.signIn('trail@example.com', 'A');
    const b = await s.signIn('trail@example.com', 'B');
    await s.api('PATCH', `/v1/devices/${b.deviceId}`, { token: a.token, body: { name: 'B2' } });
    const slots = [{ id: 'pw', kind: 'passphrase', data: 'x' }];
    await s.api('PUT', '/v1/vault/key-slots', { token: a.token, body: { baseVersion: 0, keySlots: slots } });
    await s.api('PUT', '/v1/vault/key-slots', {
      token: a.token,
      body: { baseVersion: 1, keySlots: [...slots, { id: 'pk1', kind: 'prf', data: 'y' }] },
    });
    await s.api('DELETE', `/v1/devices/${b.deviceId}`, { token: a.token });
    await s.api('POST', '/v1/auth/logout', { token: a.token });
    const c = await s.signIn('trail@example.com', 'C');
    const events = (await s.api('GET', '/v1/audit', { token: c.token })).body.events as {
      type: string;
      deviceId: string | null;
      detail: Record<string, unknown>;
    }[];
    const byType = (t: string) => events.find((e) => e.type === t);
    expect(byType('device-renamed')).toMatchObject({ deviceId: a.deviceId, detail: { from: 'B', to: 'B2' } });
    expect(byType('device-revoked')).toMatchObject({
      deviceId: a.deviceId,
      detail: { id: b.deviceId, name: 'B2' },
    });
    expect(byType('key-slots-changed')).toMatchObject({ detail: { added: [{ id: 'pk1', kind: 'prf' }] } });
    expect(byType('vault-created')).toBeDefined();
    expect(byType('sign-out')).toMatchObject({ deviceId: a.deviceId });
  });
});
