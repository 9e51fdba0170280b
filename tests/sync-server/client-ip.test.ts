// Rate limits key on the client address: the socket's, or behind TRUST_PROXY the last X-Forwarded-For hop.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { loadConfig } from '../../sync-server/config';
import { openDatabase } from '../../sync-server/db/client';

function app(trustProxy: boolean) {
  const quiet = { info() {}, warn() {}, error() {} };
  return createApp({
    db: openDatabase(':memory:'),
    mailer: { async sendSignInCode() {}, close() {} },
    config: { ...loadConfig({}), trustProxy },
    logger: quiet,
    limits: { startsPerIpPerHour: 1 },
  });
}

function start(a: ReturnType<typeof app>, email: string, forwardedFor: string) {
  return a.request('/v1/auth/start', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ email }),
  });
}

describe('client address', () => {
  it('behind a trusted proxy, counts each client (last hop) separately', async () => {
    const a = app(true);
    expect((await start(a, 'a@example.com', '10.0.0.1')).status).toBe(202);
    expect((await start(a, 'b@example.com', '10.0.0.2')).status).toBe(202);
    // The first hop is whatever the client claimed; only the proxy's own hop counts.
    expect((await start(a, 'c@example.com', '10.0.0.9, 10.0.0.1')).status).toBe(429);
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For (a client could forge it)', async () => {
    const a = app(false);
    expect((await start(a, 'a@example.com', '10.0.0.1')).status).toBe(202);
    expect((await start(a, 'b@example.com', '10.0.0.2')).status).toBe(429);
  });
});
