// What a stolen database file or a leaked log reveals: never a token or a sign-in code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

function databaseBytes(): Buffer {
  // The main file and its WAL: recent commits live in the WAL until a checkpoint.
  return Buffer.concat(readdirSync(s.dir).map((f) => readFileSync(join(s.dir, f))));
}

describe('secrets at rest', () => {
  it('keeps no raw token or code in the database files, and none in the logs', async () => {
    const email = 'secret@example.com';
    const tokens: string[] = [];
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      await s.api('POST', '/v1/auth/start', { body: { email } });
      const code = await s.sink.nextCode(email);
      codes.push(code);
      const r = await s.api('POST', '/v1/auth/verify', { body: { email, code, device: { name: `D${i}` } } });
      tokens.push(r.body.token);
      await s.api('GET', '/v1/vault', { token: r.body.token });
    }
    await s.api('POST', '/v1/auth/start', { body: { email } });
    codes.push(await s.sink.nextCode(email)); // a pending, unused code
    await s.api('POST', '/v1/auth/logout', { token: tokens[0] });

    const beforeCheckpoint = databaseBytes();
    s.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    for (const bytes of [beforeCheckpoint, databaseBytes()]) {
      for (const t of tokens) {
        expect(bytes.includes(Buffer.from(t))).toBe(false);
        expect(bytes.includes(Buffer.from(t, 'base64url'))).toBe(false);
      }
      for (const c of codes) expect(bytes.includes(Buffer.from(c))).toBe(false);
    }
    const log = s.logs.join('\n');
    for (const secret of [...tokens, ...codes]) expect(log).not.toContain(secret);
  });
});

describe('audit log', () => {
  it('is append-only: the database rejects UPDATE and DELETE', async () => {
    await s.signIn('append@example.com');
    const count = () => s.db.$client.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number };
    const before = count().n;
    expect(before).toBeGreaterThan(0);
    expect(() => s.db.$client.exec("UPDATE audit_events SET type = 'nothing'")).toThrow(/append-only/);
    expect(() => s.db.$client.exec('DELETE FROM audit_events')).toThrow(/append-only/);
    expect(count().n).toBe(before);
  });

  it('pages newest first with a cursor', async () => {
    const me = await s.signIn('pages@example.com');
    for (let i = 0; i < 4; i++) {
      await s.api('PATCH', `/v1/devices/${me.deviceId}`, { token: me.token, body: { name: `n${i}` } });
    }
    const first = await s.api('GET', '/v1/audit?limit=3', { token: me.token });
    expect(first.body.events.map((e: { detail: { to?: string } }) => e.detail.to)).toEqual([
      'n3',
      'n2',
      'n1',
    ]);
    const rest = await s.api('GET', `/v1/audit?limit=3&before=${first.body.cursor}`, { token: me.token });
    expect(rest.body.events.map((e: { type: string }) => e.type)).toEqual(['device-renamed', 'sign-in']);
    expect(rest.body.cursor).toBeNull();
  });
});

describe('http surface', () => {
  it('answers /healthz', async () => {
    const r = await s.api('GET', '/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
  });

  it('allows CORS from extension origins only', async () => {
    const pre = (origin: string) =>
      fetch(`${s.url}/v1/vault/changes`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const ext = await pre('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(ext.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
    expect(ext.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const fx = await pre('moz-extension://0c8e1c9a-1111-4a4a-8b8b-123456789abc');
    expect(fx.headers.get('access-control-allow-origin')).toMatch(/^moz-extension:/);
    for (const origin of ['https://evil.example', 'http://localhost:3000', 'null']) {
      expect((await pre(origin)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('marks responses uncacheable', async () => {
    const r = await s.api('GET', '/v1/account');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
