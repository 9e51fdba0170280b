// The server client's edges: which addresses are accepted, how every kind of failed answer maps
// to what the engine does, and the Date header reaching the skew check.
import { describe, expect, it } from 'vitest';
import { createApiClient, failureOf, normalizeServerUrl, retryAfterMs } from '../../../extension/sync/api';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const err = (code: string, message: string) => ({ error: { code, message } });

describe('normalizeServerUrl', () => {
  it('keeps only the origin of https servers and of http on this machine', () => {
    expect(normalizeServerUrl(' https://ward.example.com/some/path ')).toBe('https://ward.example.com');
    expect(normalizeServerUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(normalizeServerUrl('http://localhost:9000')).toBe('http://localhost:9000');
  });

  it('refuses plain http to another machine (the bearer token would cross the network in clear)', () => {
    expect(() => normalizeServerUrl('http://ward.example.com')).toThrow(/https:\/\//);
    expect(() => normalizeServerUrl('ftp://ward.example.com')).toThrow(/https:\/\//);
    expect(() => normalizeServerUrl('ward.example.com')).toThrow(/server address/);
  });
});

describe('failure mapping', () => {
  const now = Date.UTC(2026, 0, 1);

  it('429 waits for Retry-After (seconds or an HTTP date), a minute when it is missing', async () => {
    const r = await failureOf(answer(429, err('rate-limited', 'slow down'), { 'retry-after': '120' }), now);
    expect(r).toEqual({ kind: 'rate-limited', retryAfterMs: 120_000, message: 'slow down' });
    expect(retryAfterMs(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(retryAfterMs(null, now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBe(60_000);
  });

  it('401, 409, 410, other 4xx and 5xx each become their own kind with the server message', async () => {
    expect(await failureOf(answer(401, err('unauthorized', 'revoked')), now)).toMatchObject({
      kind: 'unauthorized',
      code: 'unauthorized',
    });
    const conflict = await failureOf(
      answer(409, { ...err('version-conflict', 'x'), current: { v: 1 } }),
      now,
    );
    expect(conflict).toMatchObject({
      kind: 'conflict',
      code: 'version-conflict',
      body: { current: { v: 1 } },
    });
    expect(await failureOf(answer(410, err('cursor-expired', 'resync')), now)).toMatchObject({
      kind: 'gone',
      code: 'cursor-expired',
    });
    expect(await failureOf(answer(413, err('quota-exceeded', 'too many')), now)).toEqual({
      kind: 'rejected',
      status: 413,
      code: 'quota-exceeded',
      message: 'too many',
    });
    expect(await failureOf(answer(500, err('internal', 'Something went wrong')), now)).toMatchObject({
      kind: 'server',
      message: 'Something went wrong',
    });
  });

  it('an answer that is not the API (a proxy page) still says what happened', async () => {
    const html = new Response('<html>Bad gateway</html>', { status: 502 });
    expect(await failureOf(html, now)).toEqual({
      kind: 'server',
      status: 502,
      code: 'unknown',
      message: 'The server answered 502.',
    });
  });
});

describe('createApiClient', () => {
  it('reports each answer’s Date against the local clock and sends the bearer token', async () => {
    const seen: { auth: string | null; url: string }[] = [];
    const dates: [number, number][] = [];
    const api = createApiClient({
      serverUrl: 'http://127.0.0.1:8787',
      token: () => 'tok',
      now: () => 1_000_000,
      onServerDate: (s, l) => dates.push([s, l]),
      fetch: async (input, init) => {
        const req = new Request(input, init);
        seen.push({ auth: req.headers.get('authorization'), url: req.url });
        return answer(
          200,
          { changes: [], cursor: 5, hasMore: false },
          { date: 'Thu, 01 Jan 2026 00:00:00 GMT' },
        );
      },
    });
    expect(await api.pull(5, 100, true)).toEqual({
      ok: true,
      value: { changes: [], cursor: 5, hasMore: false },
    });
    expect(seen).toEqual([
      { auth: 'Bearer tok', url: 'http://127.0.0.1:8787/v1/vault/changes?since=5&limit=100&full=1' },
    ]);
    expect(dates).toEqual([[Date.UTC(2026, 0, 1), 1_000_000]]);
  });

  it('no answer at all is "offline", never a throw', async () => {
    const api = createApiClient({
      serverUrl: 'http://127.0.0.1:8787',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect(await api.getVault()).toMatchObject({ ok: false, failure: { kind: 'offline' } });
  });

  it('a 200 that is not JSON is a server failure, not a crash', async () => {
    const api = createApiClient({
      serverUrl: 'http://127.0.0.1:8787',
      fetch: async () => new Response('<html></html>', { status: 200 }),
    });
    expect(await api.getVault()).toMatchObject({
      ok: false,
      failure: { kind: 'server', code: 'bad-response' },
    });
  });
});
