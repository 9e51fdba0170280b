// Query strings are read from the raw request target on Node and from the URL elsewhere: both
// must decode, repeat and refuse exactly alike, as URLSearchParams would decode them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBlob, type Session, startTestServer, type TestServer } from './harness';

let s: TestServer;
let me: Session;
beforeAll(async () => {
  s = await startTestServer();
  me = await s.signIn('query@example.com');
  await s.api('PUT', '/v1/vault/key-slots', { token: me.token, body: { baseVersion: 0, keySlots: [] } });
  const changes = [1, 2, 3].map(() => ({ id: crypto.randomUUID(), baseVersion: 0, blob: fakeBlob(30) }));
  await s.api('POST', '/v1/vault/records', { token: me.token, body: { changes } });
});
afterAll(() => s.close());

/** [query, status, what a 200 must show] on GET /v1/vault/changes of a vault at seq 3. */
const cases: [string, number, { cursor: number; changes: number } | null][] = [
  ['', 200, { cursor: 3, changes: 3 }],
  ['?since=1', 200, { cursor: 3, changes: 2 }],
  ['?since=%31', 200, { cursor: 3, changes: 2 }],
  ['?%73ince=2', 200, { cursor: 3, changes: 1 }],
  ['?since=1&limit=1', 200, { cursor: 2, changes: 1 }],
  ['?&&since=2&', 200, { cursor: 3, changes: 1 }],
  ['?since=0&__proto__=1&constructor=2', 200, { cursor: 3, changes: 3 }],
  ['?since=0&unknown', 200, { cursor: 3, changes: 3 }],
  ['?since=1&since=2', 400, null],
  ['?since=+1', 400, null],
  ['?since=%2B1', 400, null],
  ['?since=%zz', 400, null],
  ['?since', 400, null],
  ['?limit=1%30', 200, { cursor: 3, changes: 3 }],
  ['?limit=1%3001', 400, null],
];

describe('pull query strings', () => {
  for (const [query, status, expected] of cases) {
    it(`${query || '(none)'} → ${status}, the same over HTTP and in process`, async () => {
      const path = `/v1/vault/changes${query}`;
      const viaHttp = await s.api('GET', path, { token: me.token });
      const inProcess = await s.app.request(path, { headers: { authorization: `Bearer ${me.token}` } });
      expect(viaHttp.status).toBe(status);
      expect(inProcess.status).toBe(status);
      const body = viaHttp.body as { cursor: number; changes: unknown[]; error?: { code: string } };
      expect(await inProcess.json()).toEqual(body);
      if (expected) {
        expect({ cursor: body.cursor, changes: body.changes.length }).toEqual(expected);
      } else {
        expect(body.error?.code).toBe('validation-failed');
      }
    });
  }
});
