// The devices side of the service worker through its message handler (WXT fake browser, real server
// on loopback): "keep me signed in" off keeps the token in storage.session only; devices, session
// lifetime and activity; exports reach the audit log; rotation by message; a second device's
// approval request shows up with its words.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fingerprintPhrase } from '../../../crypto-core/pairing';
import { recordExportEvent } from '../../../extension/capture/audit';
import type { DeviceView, PairingRequestView, RotateReply } from '../../../extension/devices/messages';
import { setupDevices } from '../../../extension/devices/service';
import type { SyncStatus, VaultState } from '../../../extension/messages';
import { entry } from '../sync/device';
import { loopbackServerForFile } from '../sync/server-for-file';
import { call, freshBrowser, local, PASS, session } from '../worker-harness';

const { fastPassphraseSlots } = await vi.hoisted(() => import('../fast-slots'));
vi.mock('../../../crypto-core/keyslots', fastPassphraseSlots);

const EMAIL = 'devices@example.com';

const server = loopbackServerForFile();
beforeAll(() => {
  freshBrowser();
  setupDevices();
});

/** Another device signing in to the same account by plain HTTP: its token. */
async function otherDevice(name: string): Promise<string> {
  await fetch(`${server.url}/v1/auth/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL }),
  });
  const res = await fetch(`${server.url}/v1/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, code: server.code(EMAIL), device: { name } }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe('devices and account security in the service worker', () => {
  it('with "keep me signed in" off, the token lives in storage.session only', async () => {
    await call('vault.create', { passphrase: PASS });
    await call('vault.confirmCreate');
    await call('entries.add', { entry: entry('ACME', 'alice@example.com') });
    await call('entries.add', { entry: entry('Globex', 'bob@example.com') });
    await call('sync.start', { serverUrl: server.url, email: EMAIL });
    const s = await call<SyncStatus>('sync.verify', {
      serverUrl: server.url,
      email: EMAIL,
      code: server.code(EMAIL),
      deviceName: 'Fake browser',
      persistent: false,
    });
    expect(s.state).toBe('synced');
    expect((await local()).syncAccount).toMatchObject({ token: '', persistent: false });
    expect((await session()).syncToken).toMatch(/^[\w-]{43}$/);
  });

  it('lists devices with this one marked, renames one, and removes another', async () => {
    const token = await otherDevice('Old phone');
    let list = await call<DeviceView[]>('devices.list');
    expect(list.map((d) => [d.name, d.current])).toEqual([
      ['Fake browser', true],
      ['Old phone', false],
    ]);
    const phone = list[1] as DeviceView;
    await call('devices.rename', { id: phone.id, name: 'Lost phone' });
    await expect(call('devices.rename', { id: phone.id, name: '' })).rejects.toMatchObject({
      code: 'bad-request',
    });
    await call('devices.revoke', { id: phone.id });
    list = await call<DeviceView[]>('devices.list');
    expect(list.map((d) => d.name)).toEqual(['Fake browser']);
    // The removed device is refused at its next request.
    const res = await fetch(`${server.url}/v1/vault`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
  });

  it('refuses account changes while the vault is locked', async () => {
    await call('vault.lock');
    await expect(call('devices.list')).rejects.toMatchObject({ code: 'locked' });
    await expect(call('account.setSessionDays', { days: 1 })).rejects.toMatchObject({ code: 'locked' });
    await call('vault.unlock', { passphrase: PASS });
  });

  it('sets the session lifetime within 1–365 days', async () => {
    expect(await call('account.get')).toEqual({ email: EMAIL, sessionDays: 30 });
    expect(await call('account.setSessionDays', { days: 7 })).toEqual({ sessionDays: 7 });
    await expect(call('account.setSessionDays', { days: 0 })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(call('account.setSessionDays', { days: 366 })).rejects.toMatchObject({
      code: 'bad-request',
    });
  });

  it('reports an export to the audit log and shows activity newest first', async () => {
    recordExportEvent('otpauth');
    await vi.waitFor(async () => {
      const { events } = await call<{ events: { type: string }[] }>('audit.page', { before: null });
      expect(events[0]?.type).toBe('export');
    });
    const { events } = await call<{ events: { type: string; detail: unknown }[] }>('audit.page', {
      before: null,
    });
    expect(events[0]?.detail).toMatchObject({
      format: 'otpauth',
      entries: 2,
      encrypted: false,
      reported: true,
    });
    const types = events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['session-lifetime-changed', 'device-revoked', 'device-renamed', 'sign-in']),
    );
    expect(types.indexOf('session-lifetime-changed')).toBeLessThan(types.indexOf('device-revoked'));
  });

  it('shows a new device’s approval request with the words of its key', async () => {
    const token = await otherDevice('New laptop');
    const pub = 'hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo';
    const res = await fetch(`${server.url}/v1/pairing/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ publicKey: pub }),
    });
    expect(res.status).toBe(201);
    const list = await call<PairingRequestView[]>('pairing.requests');
    expect(list).toEqual([
      expect.objectContaining({ deviceName: 'New laptop', phrase: fingerprintPhrase(pub) }),
    ]);
    await expect(
      call('pairing.approve', { id: list[0]?.id, phrase: list[0]?.phrase, passphrase: 'not the passphrase' }),
    ).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await call('pairing.deny', { id: list[0]?.id });
    expect(await call('pairing.requests')).toEqual([]);
  });

  it('rotates the vault key by message: same passphrase, same entries, new recovery words', async () => {
    const before = (await call<{ issuer: string }[]>('entries.list')).map((e) => e.issuer).sort();
    // A wrong passphrase sets a short delay before the next attempt, as at unlock: wait it out.
    const waitOut = async () => {
      const t = await call<VaultState>('vault.state');
      if (t.retryAt > Date.now()) await new Promise((r) => setTimeout(r, t.retryAt - Date.now() + 10));
    };
    await waitOut();
    await expect(call('vault.rotate', { passphrase: 'wrong passphrase!' })).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await waitOut();
    const r = await call<RotateReply>('vault.rotate', { passphrase: PASS });
    expect(r.records).toBe(2);
    expect(r.recoveryWords).toHaveLength(24);
    await call('vault.lock');
    await call('vault.unlock', { passphrase: PASS });
    expect((await call<{ issuer: string }[]>('entries.list')).map((e) => e.issuer).sort()).toEqual(before);
    expect(await call<SyncStatus>('sync.now')).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('after a browser restart the non-persistent session is gone; the vault stays', async () => {
    await fakeBrowser.storage.session.clear();
    const s = await call<SyncStatus>('sync.now');
    expect(s.state).toBe('signed-out');
    expect((await local()).syncAccount).toBeUndefined();
    expect((await local()).vault).toBeDefined();
    expect(Object.keys((await local()).records as object)).toHaveLength(2);
  });
});
