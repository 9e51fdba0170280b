// The service worker's sync wiring (messages → engine → storage.local) with WXT's fake browser and
// the real server on loopback: sign-in uploads the vault, and a revoked device erases its copy.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SyncStatus, VaultState } from '../../../extension/messages';
import { call, freshBrowser, local, PASS } from '../worker-harness';
import { entry } from './device';
import { loopbackServerForFile } from './server-for-file';

const { fastPassphraseSlots } = await vi.hoisted(() => import('../fast-slots'));
vi.mock('../../../crypto-core/keyslots', fastPassphraseSlots);

const EMAIL = 'worker@example.com';

const server = loopbackServerForFile();
beforeAll(freshBrowser);

describe('sync in the service worker (fake browser, real server)', () => {
  it('signs in by mailed code, uploads the vault, and keeps the token only in storage.local', async () => {
    await call('vault.create', { passphrase: PASS });
    await call('vault.confirmCreate');
    await call('entries.add', { entry: entry('ACME', 'alice@example.com') });
    expect(await call<SyncStatus>('sync.status')).toMatchObject({ state: 'signed-out' });

    await expect(
      call('sync.start', { serverUrl: 'http://ward.example.com', email: EMAIL }),
    ).rejects.toMatchObject({
      code: 'bad-server-url',
    });
    await call('sync.start', { serverUrl: `${server.url}/`, email: EMAIL });
    const status = await call<SyncStatus>('sync.verify', {
      serverUrl: server.url,
      email: EMAIL,
      code: server.code(EMAIL),
      deviceName: 'Fake browser',
    });
    expect(status).toMatchObject({ state: 'synced', pending: 0, email: EMAIL, serverUrl: server.url });

    const stored = await local();
    expect(stored.syncAccount).toMatchObject({ email: EMAIL, token: expect.stringMatching(/^[\w-]{43}$/) });
    const records = stored.records as Record<
      string,
      { blob: string; dirty: boolean; version: number; base?: string }
    >;
    expect(Object.values(records)).toEqual([expect.objectContaining({ dirty: false, version: 1 })]);
    // A clean record is its own merge base: no second copy of the ciphertext.
    expect(Object.values(records)[0]?.base).toBeUndefined();
    expect(stored.syncCursor).toMatchObject({ seq: expect.any(Number) });
    expect(await call<SyncStatus>('sync.status')).toMatchObject({ state: 'synced' });
    // An edit goes up at once on an explicit sync (the debounced run would do it 1.5 s later).
    const [e] = await call<{ id: string }[]>('entries.list');
    await call('entries.update', { id: e?.id, patch: { note: 'pushed' } });
    // The edit keeps the server copy it started from, for a three-way merge if another device wrote.
    const edited = Object.values(
      (await local()).records as Record<string, { base?: string; dirty: boolean }>,
    );
    expect(edited[0]).toMatchObject({ dirty: true, base: Object.values(records)[0]?.blob });
    expect(await call<SyncStatus>('sync.now')).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('a revoked device signs out, erases records, slots, cursor and token, and says why', async () => {
    const acct = (await local()).syncAccount as { token: string; deviceId: string };
    const del = await fetch(`${server.url}/v1/devices/${acct.deviceId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${acct.token}` },
    });
    expect(del.status).toBe(204);
    const s = await call<SyncStatus>('sync.now');
    expect(s).toMatchObject({ state: 'signed-out', reason: 'revoked' });
    const stored = await local();
    for (const key of ['records', 'vault', 'syncAccount', 'syncCursor', 'syncSetAside'])
      expect(stored[key]).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).not.toHaveProperty('keys');
    expect((await call<VaultState>('vault.state')).status).toBe('none');
    expect(await call<SyncStatus>('sync.status')).toMatchObject({ reason: 'revoked' });
  });
});
