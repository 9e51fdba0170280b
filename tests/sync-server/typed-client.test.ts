// The extension talks to the server through `hc<AppType>`; this drives the same typed client
// (testClient = hc over app.request) against an in-memory database.
import { randomUUID } from 'node:crypto';
import { testClient } from 'hono/testing';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { loadConfig } from '../../sync-server/config';
import { openDatabase } from '../../sync-server/db/client';
import type { Mailer } from '../../sync-server/mail';

function setup(fail = false) {
  const inbox = new Map<string, string>();
  const mailer: Mailer = {
    async sendSignInCode(to, code) {
      if (fail) throw new Error('connection refused');
      inbox.set(to, code);
    },
    close() {},
  };
  const logs: string[] = [];
  const log = (m: string) => logs.push(m);
  const app = createApp({
    db: openDatabase(':memory:'),
    mailer,
    config: loadConfig({}),
    logger: { info: log, warn: log, error: log },
  });
  return { client: testClient(app), inbox, logs };
}

describe('typed client (hc<AppType>)', () => {
  it('signs in, creates a vault, pushes and pulls with typed responses', async () => {
    const { client, inbox } = setup();
    const start = await client.v1.auth.start.$post({ json: { email: 'typed@example.com' } });
    expect(start.status).toBe(202);
    const code = inbox.get('typed@example.com') as string;
    const verify = await client.v1.auth.verify.$post({
      json: { email: 'typed@example.com', code, device: { name: 'Typed' } },
    });
    if (verify.status !== 200) throw new Error('sign-in failed');
    const { token } = await verify.json();
    const headers = { authorization: `Bearer ${token}` };

    const put = await client.v1.vault['key-slots'].$put(
      { json: { baseVersion: 0, keySlots: [] } },
      { headers },
    );
    expect(put.status).toBe(200);
    const id = randomUUID();
    const push = await client.v1.vault.records.$post(
      { json: { changes: [{ id, baseVersion: 0, blob: 'AAAA' }] } },
      { headers },
    );
    if (push.status !== 200) throw new Error('push failed');
    const pushed = await push.json();
    expect(pushed.results[0]).toEqual({ id, status: 'applied', version: 1, seq: 1 });

    const pull = await client.v1.vault.changes.$get({ query: { since: '0' } }, { headers });
    if (pull.status !== 200) throw new Error('pull failed');
    const { changes, cursor, hasMore } = await pull.json();
    expect({ ids: changes.map((c) => c.id), cursor, hasMore }).toEqual({
      ids: [id],
      cursor: 1,
      hasMore: false,
    });

    const devices = await client.v1.devices.$get({}, { headers });
    if (devices.status !== 200) throw new Error('devices failed');
    expect((await devices.json())[0]?.current).toBe(true);
  });

  it('answers 502 mail-failed when the mail cannot be handed over, and logs no code', async () => {
    const { client, logs } = setup(true);
    const r = await client.v1.auth.start.$post({ json: { email: 'down@example.com' } });
    expect(r.status).toBe(502);
    const body = (await r.json()) as { error: { code: string } };
    expect(body.error.code).toBe('mail-failed');
    expect(logs.join('\n')).not.toMatch(/\d{6}/);
  });
});
