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

  it('pairs, rotates and reports events with typed requests and responses', async () => {
    const { client, inbox } = setup();
    const signIn = async (name: string) => {
      await client.v1.auth.start.$post({ json: { email: 'pair-typed@example.com' } });
      const code = inbox.get('pair-typed@example.com') as string;
      const r = await client.v1.auth.verify.$post({
        json: { email: 'pair-typed@example.com', code, device: { name }, persistent: false },
      });
      if (r.status !== 200) throw new Error('sign-in failed');
      const body = await r.json();
      expect(body.persistent).toBe(false);
      return { headers: { authorization: `Bearer ${body.token}` } };
    };
    const old = await signIn('Old');
    const fresh = await signIn('New');
    const publicKey = Buffer.alloc(32, 9).toString('base64url');
    const made = await client.v1.pairing.requests.$post({ json: { publicKey } }, fresh);
    if (made.status !== 201) throw new Error('pairing request failed');
    const { id } = await made.json();
    const list = await client.v1.pairing.requests.$get({}, old);
    if (list.status !== 200) throw new Error('list failed');
    expect((await list.json()).requests.map((r) => r.deviceName)).toEqual(['New']);
    const answer = await client.v1.pairing.requests[':id'].answer.$post(
      { param: { id }, json: { decision: 'approve', transfer: '{"v":1}' } },
      old,
    );
    expect(answer.status).toBe(204);
    const result = await client.v1.pairing.requests[':id'].$get(
      { param: { id }, query: { wait: '0' } },
      fresh,
    );
    if (result.status !== 200) throw new Error('result failed');
    const got = await result.json();
    expect(got.status === 'approved' && got.transfer).toBe('{"v":1}');

    await client.v1.vault['key-slots'].$put(
      { json: { baseVersion: 0, keyId: '00000001', keySlots: [] } },
      old,
    );
    const rotated = await client.v1.vault.rotate.$post(
      {
        json: {
          baseVersion: 1,
          baseSeq: 0,
          keyId: '00000002',
          keySlots: [{ id: 'pw', kind: 'passphrase', data: 'x' }],
          records: [],
        },
      },
      old,
    );
    if (rotated.status !== 200) throw new Error('rotation failed');
    expect((await rotated.json()).keyId).toBe('00000002');
    const event = await client.v1.audit.events.$post(
      { json: { kind: 'export', detail: { format: 'ward-backup', entries: 0, encrypted: true } } },
      old,
    );
    expect(event.status).toBe(204);
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
