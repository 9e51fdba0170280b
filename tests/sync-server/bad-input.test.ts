// Bad input never reaches a 500 or a stack trace: every case answers 4xx with {error: {code, message}}.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBlob, type Session, startTestServer, type TestServer } from './harness';

let s: TestServer;
let me: Session;
beforeAll(async () => {
  s = await startTestServer();
  me = await s.signIn('input@example.com');
  await s.api('PUT', '/v1/vault/key-slots', { token: me.token, body: { baseVersion: 0, keySlots: [] } });
});
afterAll(() => s.close());

interface Case {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  raw?: string;
  type?: string;
  auth?: boolean;
  status: number;
  code: string;
}

const id = randomUUID();
const change = (over: Record<string, unknown>) => ({
  changes: [{ id, baseVersion: 0, blob: fakeBlob(30), ...over }],
});
const verify = (over: Record<string, unknown>) => ({
  email: 'a@example.com',
  code: '123456',
  device: { name: 'x' },
  ...over,
});

const cases: Case[] = [
  {
    name: 'malformed JSON',
    method: 'POST',
    path: '/v1/auth/start',
    raw: '{"email": ',
    status: 400,
    code: 'invalid-json',
  },
  {
    name: 'not JSON at all',
    method: 'POST',
    path: '/v1/auth/start',
    raw: 'email=a',
    type: 'text/plain',
    status: 415,
    code: 'unsupported-media-type',
  },
  { name: 'no body', method: 'POST', path: '/v1/auth/start', status: 415, code: 'unsupported-media-type' },
  {
    name: 'JSON array body',
    method: 'POST',
    path: '/v1/auth/start',
    body: [],
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'email of wrong type',
    method: 'POST',
    path: '/v1/auth/start',
    body: { email: 5 },
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'not an email',
    method: 'POST',
    path: '/v1/auth/start',
    body: { email: 'nope' },
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'oversized auth body',
    method: 'POST',
    path: '/v1/auth/start',
    body: { email: 'a@example.com', pad: 'x'.repeat(20_000) },
    status: 413,
    code: 'payload-too-large',
  },
  {
    name: 'deeply nested JSON',
    method: 'POST',
    path: '/v1/auth/start',
    raw: `${'['.repeat(5000)}${']'.repeat(5000)}`,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'letters as code',
    method: 'POST',
    path: '/v1/auth/verify',
    body: verify({ code: 'abcdef' }),
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'short code',
    method: 'POST',
    path: '/v1/auth/verify',
    body: verify({ code: '12345' }),
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'numeric code',
    method: 'POST',
    path: '/v1/auth/verify',
    body: verify({ code: 123456 }),
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'no device',
    method: 'POST',
    path: '/v1/auth/verify',
    body: verify({ device: undefined }),
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'negative cursor',
    method: 'GET',
    path: '/v1/vault/changes?since=-1',
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'text cursor',
    method: 'GET',
    path: '/v1/vault/changes?since=abc',
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'exponent cursor',
    method: 'GET',
    path: '/v1/vault/changes?since=1e3',
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'repeated cursor',
    method: 'GET',
    path: '/v1/vault/changes?since=1&since=2',
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'limit 0',
    method: 'GET',
    path: '/v1/vault/changes?limit=0',
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'limit too big',
    method: 'GET',
    path: '/v1/vault/changes?limit=1001',
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'negative baseVersion (slots)',
    method: 'PUT',
    path: '/v1/vault/key-slots',
    body: { baseVersion: -1, keySlots: [] },
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'slots not an array',
    method: 'PUT',
    path: '/v1/vault/key-slots',
    body: { baseVersion: 1, keySlots: 'x' },
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'record id not a UUID',
    method: 'POST',
    path: '/v1/vault/records',
    body: change({ id: 'entry-1' }),
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'upper-case UUID',
    method: 'POST',
    path: '/v1/vault/records',
    body: change({ id: id.toUpperCase() }),
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'fractional baseVersion',
    method: 'POST',
    path: '/v1/vault/records',
    body: change({ baseVersion: 1.5 }),
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'negative baseVersion',
    method: 'POST',
    path: '/v1/vault/records',
    body: change({ baseVersion: -1 }),
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'standard base64 blob',
    method: 'POST',
    path: '/v1/vault/records',
    body: change({ blob: 'ab+/cd==' }),
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'impossible base64url length',
    method: 'POST',
    path: '/v1/vault/records',
    body: change({ blob: 'abcde' }),
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'blob of wrong type',
    method: 'POST',
    path: '/v1/vault/records',
    body: change({ blob: 12 }),
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'unknown field',
    method: 'POST',
    path: '/v1/vault/records',
    body: change({ owner: 'x' }),
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'empty batch',
    method: 'POST',
    path: '/v1/vault/records',
    body: { changes: [] },
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'same id twice in a batch',
    method: 'POST',
    path: '/v1/vault/records',
    body: { changes: [change({}).changes[0], change({}).changes[0]] },
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'device id not a UUID',
    method: 'PATCH',
    path: '/v1/devices/abc',
    body: { name: 'x' },
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'unknown device',
    method: 'DELETE',
    path: `/v1/devices/${randomUUID()}`,
    auth: true,
    status: 404,
    code: 'device-not-found',
  },
  {
    name: 'audit before=0',
    method: 'GET',
    path: '/v1/audit?before=0',
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  {
    name: 'audit limit text',
    method: 'GET',
    path: '/v1/audit?limit=many',
    auth: true,
    status: 400,
    code: 'validation-failed',
  },
  { name: 'unknown route', method: 'GET', path: '/v1/nope', status: 404, code: 'not-found' },
  { name: 'unknown method', method: 'DELETE', path: '/v1/vault', auth: true, status: 404, code: 'not-found' },
  { name: 'GET on a POST route', method: 'GET', path: '/v1/auth/start', status: 404, code: 'not-found' },
  { name: 'no token', method: 'GET', path: '/v1/audit', status: 401, code: 'unauthorized' },
];

describe('bad input', () => {
  it.each(cases)('$name → $status $code', async (c) => {
    const headers: Record<string, string> = {};
    if (c.type ?? c.raw) headers['content-type'] = c.type ?? 'application/json';
    const r = await s.api(c.method, c.path, {
      token: c.auth ? me.token : undefined,
      body: c.body,
      raw: c.raw,
      headers,
    });
    expect(r.status).toBe(c.status);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body.error.code).toBe(c.code);
    expect(r.body.error.message.length).toBeGreaterThan(5);
    expect(r.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  });

  it('logs no unexpected errors while answering all of them', () => {
    expect(s.logs.filter((l) => l.startsWith('error'))).toEqual([]);
  });
});
