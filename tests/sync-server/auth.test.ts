import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, startTestServer, type TestServer } from './harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('sign-in with an emailed code', () => {
  it('mails a 6-digit code (not in the subject) and exchanges it for a 256-bit token', async () => {
    const start = await s.api('POST', '/v1/auth/start', { body: { email: 'Alice@Example.com ' } });
    expect(start.status).toBe(202);
    const mail = await s.sink.next('alice@example.com');
    const code = /code is: (\d{6})/.exec(mail.text)?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);
    expect(mail.subject).not.toContain(code);

    const r = await s.api('POST', '/v1/auth/verify', {
      body: { email: 'alice@example.com', code, device: { name: 'Laptop' } },
    });
    expect(r.status).toBe(200);
    expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(r.body.expiresAt)).toBe(s.clock.now + 30 * DAY);
    const me = await s.api('GET', '/v1/account', { token: r.body.token });
    expect(me.body).toMatchObject({
      accountId: r.body.accountId,
      email: 'alice@example.com',
      sessionDays: 30,
    });
  });

  it('answers 202 the same way for any address, so it does not reveal who has an account', async () => {
    await s.signIn('known@example.com');
    const known = await s.api('POST', '/v1/auth/start', { body: { email: 'known@example.com' } });
    const unknown = await s.api('POST', '/v1/auth/start', { body: { email: 'nobody@example.com' } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await s.sink.next('known@example.com');
    await s.sink.next('nobody@example.com');
  });

  it('keeps one account per address and adds a device at every sign-in', async () => {
    const a = await s.signIn('two@example.com', 'Laptop');
    const b = await s.signIn('two@example.com', 'Desktop');
    expect(b.accountId).toBe(a.accountId);
    expect(b.deviceId).not.toBe(a.deviceId);
    const list = await s.api('GET', '/v1/devices', { token: b.token });
    expect(list.body.map((d: { name: string }) => d.name)).toEqual(['Laptop', 'Desktop']);
  });

  it('accepts a code only once', async () => {
    await s.api('POST', '/v1/auth/start', { body: { email: 'once@example.com' } });
    const code = await s.sink.nextCode('once@example.com');
    const body = { email: 'once@example.com', code, device: { name: 'A' } };
    expect((await s.api('POST', '/v1/auth/verify', { body })).status).toBe(200);
    const again = await s.api('POST', '/v1/auth/verify', { body });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('invalid-code');
  });

  it('lets only one of two simultaneous verifications of the same code through', async () => {
    await s.api('POST', '/v1/auth/start', { body: { email: 'race@example.com' } });
    const code = await s.sink.nextCode('race@example.com');
    const body = { email: 'race@example.com', code, device: { name: 'A' } };
    const rs = await Promise.all([1, 2, 3].map(() => s.api('POST', '/v1/auth/verify', { body })));
    expect(rs.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('only honours the latest code for an address', async () => {
    await s.api('POST', '/v1/auth/start', { body: { email: 'latest@example.com' } });
    const first = await s.sink.nextCode('latest@example.com');
    await s.api('POST', '/v1/auth/start', { body: { email: 'latest@example.com' } });
    const second = await s.sink.nextCode('latest@example.com');
    const verify = (code: string) =>
      s.api('POST', '/v1/auth/verify', {
        body: { email: 'latest@example.com', code, device: { name: 'A' } },
      });
    if (first !== second) expect((await verify(first)).status).toBe(401);
    expect((await verify(second)).status).toBe(200);
  });

  it('burns the code on the 5th wrong attempt', async () => {
    const email = 'guess@example.com';
    await s.signIn(email);
    await s.api('POST', '/v1/auth/start', { body: { email } });
    const code = await s.sink.nextCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    const verify = (c: string) =>
      s.api('POST', '/v1/auth/verify', { body: { email, code: c, device: { name: 'X' } } });
    for (let i = 1; i <= 5; i++) {
      const r = await verify(wrong);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('invalid-code');
    }
    const late = await verify(code);
    expect(late.status).toBe(401);
    expect(late.body.error.message).toMatch(/request a new one/);
  });

  it('still accepts the right code after 4 wrong attempts', async () => {
    const email = 'four@example.com';
    await s.api('POST', '/v1/auth/start', { body: { email } });
    const code = await s.sink.nextCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    const verify = (c: string) =>
      s.api('POST', '/v1/auth/verify', { body: { email, code: c, device: { name: 'X' } } });
    for (let i = 0; i < 4; i++) expect((await verify(wrong)).status).toBe(401);
    expect((await verify(code)).status).toBe(200);
  });

  it('expires a code after 10 minutes', async () => {
    const email = 'slow@example.com';
    await s.api('POST', '/v1/auth/start', { body: { email } });
    const code = await s.sink.nextCode(email);
    s.clock.advance(10 * 60_000 + 1);
    const r = await s.api('POST', '/v1/auth/verify', { body: { email, code, device: { name: 'X' } } });
    expect(r.status).toBe(401);
  });

  it('limits code requests to 5 per address per hour with 429 and Retry-After', async () => {
    const email = 'spam@example.com';
    for (let i = 0; i < 5; i++)
      expect((await s.api('POST', '/v1/auth/start', { body: { email } })).status).toBe(202);
    const limited = await s.api('POST', '/v1/auth/start', { body: { email } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate-limited');
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3600);
    s.clock.advance(wait * 1000);
    expect((await s.api('POST', '/v1/auth/start', { body: { email } })).status).toBe(202);
    for (let i = 0; i < 6; i++) await s.sink.next(email);
  });

  it('records failed and successful sign-ins in the audit log', async () => {
    const email = 'audited@example.com';
    const me = await s.signIn(email);
    await s.api('POST', '/v1/auth/start', { body: { email } });
    const code = await s.sink.nextCode(email);
    await s.api('POST', '/v1/auth/verify', {
      body: { email, code: code === '123456' ? '654321' : '123456', device: { name: 'X' } },
    });
    const audit = await s.api('GET', '/v1/audit', { token: me.token });
    expect(audit.body.events.map((e: { type: string }) => e.type)).toEqual(['sign-in-failed', 'sign-in']);
    expect(audit.body.events[1].detail).toMatchObject({ deviceName: 'Test device', newAccount: true });
  });
});

describe('sessions end', () => {
  it('after logout the token gets 401', async () => {
    const me = await s.signIn('bye@example.com');
    expect((await s.api('POST', '/v1/auth/logout', { token: me.token })).status).toBe(204);
    const r = await s.api('GET', '/v1/account', { token: me.token });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthorized');
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('after the session lifetime the token gets 401', async () => {
    const me = await s.signIn('expire@example.com');
    s.clock.advance(30 * DAY - 1000);
    expect((await s.api('GET', '/v1/account', { token: me.token })).status).toBe(200);
    s.clock.advance(1000);
    expect((await s.api('GET', '/v1/account', { token: me.token })).status).toBe(401);
  });

  it('shortening the session lifetime cuts off sessions already older than it', async () => {
    const old = await s.signIn('short@example.com', 'Old');
    s.clock.advance(3 * DAY);
    const fresh = await s.signIn('short@example.com', 'New');
    expect((await s.api('GET', '/v1/account', { token: old.token })).status).toBe(200);
    const r = await s.api('PATCH', '/v1/account', { token: fresh.token, body: { sessionDays: 2 } });
    expect(r.status).toBe(200);
    expect(r.body.sessionDays).toBe(2);
    expect((await s.api('GET', '/v1/account', { token: old.token })).status).toBe(401);
    expect((await s.api('GET', '/v1/account', { token: fresh.token })).status).toBe(200);
    for (const sessionDays of [0, 366, 1.5, '7']) {
      const bad = await s.api('PATCH', '/v1/account', { token: fresh.token, body: { sessionDays } });
      expect(bad.status).toBe(400);
    }
  });

  it('rejects missing, malformed and unknown tokens with 401', async () => {
    for (const authorization of [
      '',
      'Bearer',
      'Bearer x',
      `Basic ${'a'.repeat(43)}`,
      `Bearer ${'a'.repeat(43)}`,
    ]) {
      const r = await s.api('GET', '/v1/vault', { headers: { authorization } });
      expect(r.status).toBe(401);
    }
  });
});

describe('per-address rate limits', () => {
  it('limits code requests per client address across different emails', async () => {
    const t = await startTestServer({ startsPerIpPerHour: 3 });
    try {
      for (let i = 0; i < 3; i++) {
        expect(
          (await t.api('POST', '/v1/auth/start', { body: { email: `ip${i}@example.com` } })).status,
        ).toBe(202);
      }
      const r = await t.api('POST', '/v1/auth/start', { body: { email: 'ip9@example.com' } });
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });

  it('limits wrong codes per client address', async () => {
    const t = await startTestServer({ failedVerifiesPerIpPerHour: 2 });
    try {
      const verify = (email: string) =>
        t.api('POST', '/v1/auth/verify', { body: { email, code: '000000', device: { name: 'x' } } });
      expect((await verify('a@example.com')).status).toBe(401);
      expect((await verify('b@example.com')).status).toBe(401);
      const r = await verify('c@example.com');
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('rate-limited');
    } finally {
      await t.close();
    }
  });
});
