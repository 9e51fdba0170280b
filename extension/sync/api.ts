/**
 * The sync server's client (sync-server/API.md, HTTP API v1) through Hono's typed `hc<AppType>`:
 * only the type is imported, so no server code reaches the extension bundle. Every answer becomes
 * a typed result (never a throw), and every response's `Date` header is reported for clock skew.
 */
import { hc } from 'hono/client';
import type { AppType } from '../../sync-server/app';
import { accountRoutes } from './api-account';

/** Why a request did not succeed, in the terms the engine acts on. */
export type ApiFailure =
  /** no answer: network down, server stopped, DNS, timeout, or the host permission is missing */
  | { kind: 'offline'; message: string }
  /** 401: revoked device, expired or ended session, or a wrong sign-in code (`code` says which) */
  | { kind: 'unauthorized'; code: string; message: string }
  /** 429 or 503: wait this long before asking again */
  | { kind: 'rate-limited'; retryAfterMs: number; message: string }
  /** 409: `body` is the whole answer (version-conflict carries `current`) */
  | { kind: 'conflict'; code: string; message: string; body: unknown }
  /** 410: the pull cursor is unusable (cursor-expired / cursor-ahead): resync from 0 */
  | { kind: 'gone'; code: string; message: string }
  /** another 4xx: the request was wrong (validation, quota, vault-not-found…) */
  | { kind: 'rejected'; status: number; code: string; message: string }
  /** 5xx or an answer that is not the API's: the server's message when it gave one */
  | { kind: 'server'; status: number; code: string; message: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

/** A key slot as the server stores it: `data` is `JSON.stringify(KeySlot)`, opaque to the server. */
export interface WireSlot {
  id: string;
  kind: string;
  data: string;
}

export interface WireRecord {
  id: string;
  version: number;
  seq: number;
  blob: string | null;
  updatedAt: string;
}

export interface WireVault {
  vaultId: string;
  keySlots: WireSlot[];
  keySlotsVersion: number;
  /** the declared vault key generation (8 lower-case hex), null for a vault created without one */
  keyId?: string | null;
  createdAt: string;
}

/** The vault key generation as the server names it: 8 lower-case hex digits (record header keyId). */
export function keyIdHex(keyId: number): string {
  return (keyId >>> 0).toString(16).padStart(8, '0');
}

/** Runs one typed request and maps its answer (see createApiClient). */
export type Call = <R extends AnyResponse, T>(
  send: () => Promise<R>,
  read: (res: R) => Promise<T>,
) => Promise<ApiResult<T>>;

export interface WireSession {
  token: string;
  accountId: string;
  deviceId: string;
  expiresAt: string;
}

export interface PullPage {
  changes: WireRecord[];
  cursor: number;
  hasMore: boolean;
}

export interface PushChange {
  id: string;
  baseVersion: number;
  blob: string | null;
}

export type PushOutcome =
  | { id: string; status: 'applied'; version: number; seq: number }
  | { id: string; status: 'conflict'; current: WireRecord | null };

export interface PushResult {
  results: PushOutcome[];
  cursor: number;
}

export interface ApiClientOptions {
  /** e.g. http://127.0.0.1:8787 (no trailing path) */
  serverUrl: string;
  /** the bearer token, read at each request (null: send none) */
  token?: () => string | null;
  fetch?: typeof fetch;
  /** local clock, ms (injected in tests) */
  now?: () => number;
  /** called with the server's `Date` (ms) and the local time the answer arrived */
  onServerDate?: (serverMs: number, localMs: number) => void;
  /** a request with no answer after this long counts as offline */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** Retry-After missing or unreadable on a 429/503: wait a minute. */
const DEFAULT_RETRY_MS = 60_000;

/** The server's origin for a user-typed URL; throws a readable message for anything else. */
export function normalizeServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error('Enter the server address, e.g. https://ward.example.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error('The server address must start with https:// (or http:// for a local server).');
  }
  // Bearer tokens must not cross the network in clear text; plain http is for this machine only.
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol === 'http:' && !local) {
    throw new Error('Use https:// for a server on another machine; http:// only works for localhost.');
  }
  return url.origin;
}

/** Seconds (or an HTTP date) from Retry-After, as ms (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, nowMs: number): number {
  if (header === null) return DEFAULT_RETRY_MS;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_MS : Math.max(0, at - nowMs);
}

function errorOf(body: unknown): { code: string; message: string } {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    code: typeof e?.code === 'string' ? e.code : 'unknown',
    message: typeof e?.message === 'string' ? e.message.slice(0, 300) : '',
  };
}

/** The parts of a (typed) response that failure mapping reads. */
export interface AnyResponse {
  ok: boolean;
  status: number;
  headers: Headers;
  json(): Promise<unknown>;
}

async function readJson(res: AnyResponse): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

/** Maps a non-2xx response to the failure the engine acts on. */
export async function failureOf(res: AnyResponse, nowMs: number): Promise<ApiFailure> {
  const body = await readJson(res);
  const { code, message } = errorOf(body);
  const said = message || `The server answered ${res.status}.`;
  switch (res.status) {
    case 401:
      return { kind: 'unauthorized', code, message: said };
    case 409:
      return { kind: 'conflict', code, message: said, body };
    case 410:
      return { kind: 'gone', code, message: said };
    case 429:
    case 503:
      return {
        kind: 'rate-limited',
        retryAfterMs: retryAfterMs(res.headers.get('retry-after'), nowMs),
        message: said,
      };
  }
  if (res.status >= 400 && res.status < 500)
    return { kind: 'rejected', status: res.status, code, message: said };
  return { kind: 'server', status: res.status, code, message: said };
}

/** The typed client plus result mapping; one per server URL and session. */
export function createApiClient(options: ApiClientOptions) {
  const now = options.now ?? Date.now;
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const timedFetch: typeof fetch = async (input, init) => {
    const res = await baseFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const date = res.headers.get('date');
    const serverMs = date === null ? Number.NaN : Date.parse(date);
    if (!Number.isNaN(serverMs)) options.onServerDate?.(serverMs, now());
    return res;
  };

  const client = hc<AppType>(options.serverUrl, {
    fetch: timedFetch,
    headers: (): Record<string, string> => {
      const token = options.token?.();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });

  /** Runs one request: network errors → offline, non-2xx → failure, 2xx → `read(res)`. */
  async function call<R extends AnyResponse, T>(
    send: () => Promise<R>,
    read: (res: R) => Promise<T>,
  ): Promise<ApiResult<T>> {
    let res: R;
    try {
      res = await send();
    } catch (e) {
      const timedOut = e instanceof DOMException && e.name === 'TimeoutError';
      const message = timedOut
        ? 'The sync server did not answer in time.'
        : 'The sync server cannot be reached (offline, or the server is down).';
      return { ok: false, failure: { kind: 'offline', message } } as ApiResult<T>;
    }
    if (!res.ok) return { ok: false, failure: await failureOf(res, now()) } as ApiResult<T>;
    try {
      return { ok: true, value: await read(res) } as ApiResult<T>;
    } catch {
      const failure: ApiFailure = {
        kind: 'server',
        status: res.status,
        code: 'bad-response',
        message: 'The server sent an answer Ward cannot read: is this a Ward sync server?',
      };
      return { ok: false, failure } as ApiResult<T>;
    }
  }

  // The success bodies are checked against the server's route types here: a changed route fails
  // the type check instead of the sync at run time.
  return {
    /** POST /v1/auth/start: mails a sign-in code. */
    startSignIn: (email: string) =>
      call(
        () => client.v1.auth.start.$post({ json: { email } }),
        async (r) => {
          if (r.status !== 202) throw new Error('unexpected status');
          return r.json();
        },
      ),
    /** POST /v1/auth/verify: exchanges the mailed code for a session bound to a new device. */
    verify: (email: string, code: string, deviceName: string, persistent = true) =>
      call(
        () =>
          client.v1.auth.verify.$post({ json: { email, code, device: { name: deviceName }, persistent } }),
        async (r): Promise<WireSession> => {
          if (r.status !== 200) throw new Error('unexpected status');
          return r.json();
        },
      ),
    /** POST /v1/auth/logout: ends this session and removes the device. */
    logout: () =>
      call(
        () => client.v1.auth.logout.$post(),
        async () => undefined,
      ),
    /** GET /v1/vault: id and key slots (404 vault-not-found before the first upload). */
    getVault: () =>
      call(
        () => client.v1.vault.$get(),
        async (r): Promise<WireVault> => {
          if (r.status !== 200) throw new Error('unexpected status');
          return r.json();
        },
      ),
    /** PUT /v1/vault/key-slots: creates the vault (baseVersion 0) or replaces its slots. */
    putKeySlots: (baseVersion: number, vaultId: string, keySlots: WireSlot[], keyId?: string) =>
      call(
        () =>
          client.v1.vault['key-slots'].$put({
            json: { baseVersion, vaultId, keySlots, ...(keyId ? { keyId } : {}) },
          }),
        async (r): Promise<{ vaultId: string; keySlotsVersion: number }> => {
          if (r.status !== 200) throw new Error('unexpected status');
          return r.json();
        },
      ),
    /** GET /v1/vault/changes: one page of records and tombstones after `since`. */
    pull: (since: number, limit: number, full: boolean) =>
      call(
        () =>
          client.v1.vault.changes.$get({
            query: { since: String(since), limit: String(limit), ...(full ? { full: '1' as const } : {}) },
          }),
        async (r): Promise<PullPage> => {
          if (r.status !== 200) throw new Error('unexpected status');
          return r.json();
        },
      ),
    /** POST /v1/vault/records: one transaction of changes, each applied only at its baseVersion. */
    push: (changes: PushChange[], keyId?: string) =>
      call(
        () => client.v1.vault.records.$post({ json: { changes, ...(keyId ? { keyId } : {}) } }),
        async (r): Promise<PushResult> => {
          if (r.status !== 200) throw new Error('unexpected status');
          return r.json();
        },
      ),
    ...accountRoutes(client, call),
  };
}

/** The typed route tree `hc<AppType>` gives. */
export type RouteClient = ReturnType<typeof hc<AppType>>;

export type ApiClient = ReturnType<typeof createApiClient>;

/** Thrown inside a sync run to stop it at the first failed request; the engine turns it into a status. */
export class ApiFailed extends Error {
  readonly failure: ApiFailure;

  constructor(failure: ApiFailure) {
    super(failure.message);
    this.name = 'ApiFailed';
    this.failure = failure;
  }
}

/** The value of a successful result; throws ApiFailed otherwise. */
export function unwrap<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new ApiFailed(r.failure);
  return r.value;
}
