// A new-device sign-in mails the account owner (through the real SMTP sink); "keep me signed in".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { loadConfig } from '../../sync-server/config';
import { openDatabase } from '../../sync-server/db/client';
import type { Mailer } from '../../sync-server/mail';
import { DAY, type Mail, startTestServer, type TestServer } from './harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const isNotice = (m: Mail) => m.subject.startsWith('Ward: a new device signed in');

describe('new-device notice', () => {
  it('mails the account when another device signs in, never for the first device', async () => {
    const email = 'notice@example.com';
    await s.signIn(email, 'First laptop');
    s.clock.advance(5_000);
    const at = new Date(s.clock.now).toISOString();
    await s.signIn(email, 'Phone “work”');
    // The first notice to arrive names the second device: the first sign-in sent none.
    const mail = await s.sink.next(email, isNotice);
    expect(mail.subject).toBe('Ward: a new device signed in: Phone “work”');
    expect(mail.text).toContain(`Time: ${at} (UTC)`);
    expect(mail.text).toContain('Settings → Devices');
    expect(mail.text).toContain('"Phone “work”"');
    expect(mail.text).toMatch(/revoke/);
    expect(mail.text).toContain('Network address: 127.0.0.1');
    expect(s.sink.mails.filter((m) => m.to === email && isNotice(m))).toEqual([]);
  });

  it('a failed sign-in sends no notice', async () => {
    const email = 'nonotice@example.com';
    await s.signIn(email, 'A');
    await s.api('POST', '/v1/auth/start', { body: { email } });
    await s.sink.nextCode(email);
    const wrong = await s.api('POST', '/v1/auth/verify', {
      body: { email, code: '000000', device: { name: 'Thief' } },
    });
    expect(wrong.status).toBe(401);
    await s.signIn(email, 'B');
    expect((await s.sink.next(email, isNotice)).subject).toContain(': B');
  });

  it('a mail server failure does not fail the sign-in and is logged', async () => {
    const codes = new Map<string, string>();
    const errors: string[] = [];
    const mailer: Mailer = {
      async sendSignInCode(to, code) {
        codes.set(to, code);
      },
      async sendNewDeviceNotice() {
        throw new Error('SMTP 451 try later');
      },
      close() {},
    };
    const db = openDatabase(':memory:');
    const logger = { info() {}, warn() {}, error: (m: string) => void errors.push(m) };
    const app = createApp({ db, mailer, config: loadConfig({}), logger });
    const post = (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const email = 'down@example.com';
    for (const name of ['One', 'Two']) {
      await post('/v1/auth/start', { email });
      const r = await post('/v1/auth/verify', { email, code: codes.get(email), device: { name } });
      expect(r.status).toBe(200);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual(['mailing a new-device notice failed']);
    db.$client.close();
  });
});

describe('keep me signed in', () => {
  const verify = async (email: string, extra: Record<string, unknown>) => {
    await s.api('POST', '/v1/auth/start', { body: { email } });
    const code = await s.sink.nextCode(email);
    return s.api('POST', '/v1/auth/verify', { body: { email, code, device: { name: 'D' }, ...extra } });
  };
  const stored = (deviceId: string) =>
    (
      s.db.$client.prepare('SELECT persistent FROM sessions WHERE device_id = ?').get(deviceId) as {
        persistent: number;
      }
    ).persistent;

  it('defaults to a persistent session', async () => {
    const r = await verify('keep@example.com', {});
    expect(r.status).toBe(200);
    expect(r.body.persistent).toBe(true);
    expect(stored(r.body.deviceId)).toBe(1);
  });

  it('marks a non-persistent session, which still gets the account lifetime', async () => {
    const r = await verify('nokeep@example.com', { persistent: false });
    expect(r.status).toBe(200);
    expect(r.body.persistent).toBe(false);
    expect(stored(r.body.deviceId)).toBe(0);
    expect(Date.parse(r.body.expiresAt)).toBe(s.clock.now + 30 * DAY);
    s.clock.advance(30 * DAY);
    expect((await s.api('GET', '/v1/account', { token: r.body.token })).status).toBe(401);
  });

  it('refuses a persistent flag that is not a boolean', async () => {
    for (const persistent of ['false', 0, null]) {
      const r = await verify('badkeep@example.com', { persistent });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation-failed');
    }
  });
});
