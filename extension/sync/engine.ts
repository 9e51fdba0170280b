/**
 * The sync engine (ARCHITECTURE.md "Sync"): sign-in, linking this device's vault to the account's,
 * key-slot sync, pull then push, and the status the popup shows. Runs one sync at a time; failures
 * back off exponentially; a revoked device wipes its copy. Everything it touches comes through
 * the SyncStore port, so tests drive it against a real server with an in-memory store.
 */
import { newRecordId } from '../../crypto-core/vault';
import { type ApiClient, ApiFailed, type ApiFailure, createApiClient, normalizeServerUrl } from './api';
import { type MergeEnv, pendingChanges } from './apply';
import { backoffMs } from './backoff';
import { joinServerVault } from './join';
import { linkVault } from './link';
import type { SyncAccount, SyncStatus, SyncStore } from './ports';
import { pullChanges } from './pull';
import { pushChanges } from './push';
import { isKeyRotated, SyncError, toSyncError } from './sync-error';

/** |server Date − local clock| above this makes TOTP codes wrong, so the user is told. */
export const SKEW_WARNING_MS = 15_000;
/** How long a deleted entry can be undone (extension/vault/record-store.ts UNDO_MS). */
const UNDO_MS = 10_000;

export interface SyncEngineOptions {
  store: SyncStore;
  fetch?: typeof fetch;
  /** local clock (ms); tests inject a skewed one */
  now?: () => number;
  random?: () => number;
  newId?: () => string;
  /** every status change (the service worker stores it for the popup) */
  onStatus?: (status: SyncStatus) => void;
}

const SIGNED_OUT: SyncStatus = {
  state: 'signed-out',
  reason: null,
  message: '',
  serverUrl: null,
  email: null,
  lastSyncAt: null,
  pending: 0,
  clockSkewMs: null,
  clockSkewWarning: false,
  nextRetryAt: null,
};

function checkedOrigin(serverUrl: string): string {
  try {
    return normalizeServerUrl(serverUrl);
  } catch (e) {
    throw new SyncError('bad-server-url', e instanceof Error ? e.message : 'Bad server address.');
  }
}

/** Creates the engine; the service worker keeps one for its lifetime. */
export function createSyncEngine(options: SyncEngineOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const newId = options.newId ?? newRecordId;
  let status: SyncStatus = { ...SIGNED_OUT };
  let failures = 0;
  let running: Promise<SyncStatus> | null = null;
  let again = false;
  /** A rotation in progress: syncs wait for it (it rewrites the whole cache). */
  let exclusive: Promise<unknown> | null = null;

  function publish(patch: Partial<SyncStatus>): SyncStatus {
    status = { ...status, ...patch };
    const skew = status.clockSkewMs;
    status.clockSkewWarning = skew !== null && Math.abs(skew) > SKEW_WARNING_MS;
    options.onStatus?.(status);
    return status;
  }

  function apiFor(serverUrl: string, token: string | null): ApiClient {
    return createApiClient({
      serverUrl,
      token: () => token,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      now,
      onServerDate: (serverMs, localMs) => {
        status = { ...status, clockSkewMs: serverMs - localMs };
      },
    });
  }

  async function pendingCount(): Promise<number> {
    return pendingChanges(await store.read()).length;
  }

  async function mergeEnv(): Promise<MergeEnv> {
    return { keys: await store.keys(), deviceId: await store.deviceId(), now: now(), newId };
  }

  /** 401: before the session's own expiry the device was revoked (wipe); after it, just sign in again. */
  async function onUnauthorized(acct: SyncAccount): Promise<SyncStatus> {
    const serverNow = now() + (status.clockSkewMs ?? 0);
    const base = { ...SIGNED_OUT, clockSkewMs: status.clockSkewMs };
    // A minute's slack: Date has 1 s resolution and the request took time.
    if (serverNow >= acct.expiresAt - 60_000) {
      await store.setAccount(null);
      return publish({
        ...base,
        reason: 'expired',
        message: 'Your sync session expired. Sign in again to keep syncing; nothing here was removed.',
        pending: await pendingCount(),
      });
    }
    await store.wipe();
    return publish({
      ...base,
      reason: 'revoked',
      message:
        'This device was removed from your Ward account, so Ward signed out and erased its copy of the vault. ' +
        'Sign in again to get your entries back from the server.',
    });
  }

  async function onFailure(f: ApiFailure, acct: SyncAccount): Promise<SyncStatus> {
    if (f.kind === 'unauthorized') return onUnauthorized(acct);
    failures++;
    const wait = backoffMs(failures, random, f.kind === 'rate-limited' ? f.retryAfterMs : 0);
    const common = { pending: await pendingCount(), nextRetryAt: now() + wait };
    if (f.kind === 'offline')
      return publish({ ...common, state: 'offline', reason: 'offline', message: f.message });
    const reason =
      f.kind === 'rate-limited' ? 'rate-limited' : f.kind === 'server' ? 'server-error' : 'rejected';
    return publish({ ...common, state: 'error', reason, message: f.message });
  }

  async function runOnce(retryRotated = true): Promise<SyncStatus> {
    const acct = await store.account();
    if (!acct)
      return publish({ ...SIGNED_OUT, clockSkewMs: status.clockSkewMs, pending: await pendingCount() });
    publish({ state: 'syncing', serverUrl: acct.serverUrl, email: acct.email });
    const api = apiFor(acct.serverUrl, acct.token);
    let env: MergeEnv | null = null;
    try {
      const linked = await linkVault(store, api, acct, now());
      if (!linked.ok) {
        failures = 0;
        return publish({ ...linked.status, pending: await pendingCount(), nextRetryAt: null });
      }
      // Read after linking: a rotation found there locks the vault, and the old key must not merge.
      env = await mergeEnv();
      await pullChanges(store, api, env);
      const pending = await pushChanges(store, api, env, UNDO_MS, linked.account.keyId ?? undefined);
      failures = 0;
      return publish({
        state: 'synced',
        reason: null,
        message: '',
        lastSyncAt: now(),
        pending,
        nextRetryAt: null,
      });
    } catch (e) {
      // Rotated between our GET /v1/vault and the push: the next run adopts the new key.
      if (e instanceof ApiFailed && isKeyRotated(e.failure) && retryRotated) return runOnce(false);
      if (e instanceof ApiFailed) return onFailure(e.failure, acct);
      failures++;
      const message = 'Sync stopped on an unexpected problem; it will try again.';
      console.error('Ward sync:', e instanceof Error ? e.name : typeof e);
      return publish({
        state: 'error',
        reason: 'server-error',
        message,
        nextRetryAt: now() + backoffMs(failures, random),
      });
    } finally {
      env?.keys?.recordKey.fill(0);
    }
  }

  /** One sync at a time; a request during a run schedules one more run after it. */
  function sync(opts: { force?: boolean } = {}): Promise<SyncStatus> {
    if (exclusive) return exclusive.then(() => sync(opts));
    if (!opts.force && status.nextRetryAt !== null && now() < status.nextRetryAt)
      return Promise.resolve(status);
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let s: SyncStatus;
        do {
          again = false;
          s = await runOnce();
        } while (again && s.state === 'synced');
        return s;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  /** The signed-in account and its client, or SyncError 'not-signed-in'. */
  async function remote(): Promise<Remote> {
    const acct = await store.account();
    if (!acct) throw new SyncError('not-signed-in', 'Sign in to a sync server first.');
    return { acct, api: apiFor(acct.serverUrl, acct.token) };
  }

  /** A failed account request as the SyncError to show; a 401 signs out (and wipes when revoked). */
  async function failed(f: ApiFailure, acct: SyncAccount): Promise<SyncError> {
    if (f.kind === 'unauthorized') await onUnauthorized(acct);
    return toSyncError(f);
  }

  /** Runs `fn` with no sync running beside it (waits for the current one). */
  async function alone<T>(fn: () => Promise<T>): Promise<T> {
    while (running || exclusive) await (running ?? exclusive);
    const p = fn();
    exclusive = p.catch(() => undefined);
    try {
      return await p;
    } finally {
      exclusive = null;
    }
  }

  return {
    remote,
    failed,
    alone,
    /** The last published status (see SyncStatus). */
    status: (): SyncStatus => status,
    sync,

    /** Mails a sign-in code (step 1 of 2). Throws SyncError. */
    async startSignIn(serverUrl: string, email: string) {
      const origin = checkedOrigin(serverUrl);
      const r = await apiFor(origin, null).startSignIn(email);
      if (!r.ok) throw toSyncError(r.failure);
      return { serverUrl: origin, ...r.value };
    },

    /** Exchanges the mailed code for a session (step 2 of 2), stores it, and syncs. Throws SyncError. */
    async finishSignIn(
      serverUrl: string,
      email: string,
      code: string,
      deviceName: string,
      persistent = true,
    ) {
      const origin = checkedOrigin(serverUrl);
      const addr = email.trim().toLowerCase();
      const r = await apiFor(origin, null).verify(addr, code.trim(), deviceName, persistent);
      if (!r.ok) throw toSyncError(r.failure);
      const s = r.value;
      await store.setAccount({
        serverUrl: origin,
        email: email.trim().toLowerCase(),
        accountId: s.accountId,
        deviceId: s.deviceId,
        token: s.token,
        expiresAt: Date.parse(s.expiresAt),
        vaultId: null,
        keySlotsVersion: 0,
        syncedSlots: null,
        persistent,
      });
      failures = 0;
      return sync({ force: true });
    },

    /** Ends the session on the server (best effort) and forgets the token; the local vault stays. */
    async signOut(): Promise<SyncStatus> {
      const acct = await store.account();
      if (acct) await apiFor(acct.serverUrl, acct.token).logout();
      await store.setAccount(null);
      await store.transact((cache) => {
        cache.cursor = null;
      });
      failures = 0;
      return publish({ ...SIGNED_OUT, clockSkewMs: status.clockSkewMs, pending: await pendingCount() });
    },

    /**
     * Adopts the account's vault on this device: its passphrase opens it; entries of a different
     * local vault are re-sealed into it (the old vault is kept aside, encrypted). Throws SyncError.
     */
    async join(passphrase: string): Promise<SyncStatus> {
      const acct = await store.account();
      if (!acct) throw new SyncError('not-signed-in', 'Sign in to a sync server first.');
      const api = apiFor(acct.serverUrl, acct.token);
      try {
        await joinServerVault(store, api, acct, passphrase, {
          now: now(),
          newId,
          deviceId: await store.deviceId(),
        });
      } catch (e) {
        if (!(e instanceof ApiFailed)) throw e;
        if (e.failure.kind === 'unauthorized') await onUnauthorized(acct);
        throw toSyncError(e.failure);
      }
      failures = 0;
      return sync({ force: true });
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/** The signed-in account with a client for its server. */
export interface Remote {
  acct: SyncAccount;
  api: ApiClient;
}
