// Two Chromium profiles on one account (real server on loopback): Settings → Devices lists both with
// "this device", renames one; A rotates the vault key from Settings and gets new recovery words; B's
// next sync locks it, and its passphrase opens the new key with every entry; A removes B, which is
// signed out and erased at its next request; the activity log shows it all, newest first.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntrySummary, SyncStatus, VaultState } from '../../extension/messages';
import { type LoopbackServer, startLoopbackServer } from '../extension/sync/server';
import { createVault, launchWard, message, PASSPHRASE, type Ward } from './harness';
import { signIn } from './sync-helpers';

const EMAIL = 'devices-e2e@example.com';
const totp = (issuer: string, secret: string) => ({
  entry: {
    type: 'totp',
    issuer,
    account: 'me',
    secret,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  },
});

async function settings(ward: Ward): Promise<Page> {
  const page = await ward.openPopup();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByTestId('devices-view').waitFor();
  return page;
}

describe('Ward in Chromium: devices, rotation and account security', () => {
  let server: LoopbackServer;
  let a: Ward;
  let b: Ward;
  let pageA: Page;
  let pageB: Page;

  beforeAll(async () => {
    server = await startLoopbackServer();
    a = await launchWard();
    b = await launchWard();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close();
  });

  it('two browsers share the vault; Settings → Devices lists both and renames one', async () => {
    pageA = await a.openPopup();
    await createVault(pageA);
    await message(pageA, 'entries.add', totp('AcmeSecure', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'));
    await message(pageA, 'entries.add', totp('GlobexBank', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
    await pageA.getByRole('button', { name: 'Settings' }).click();
    await signIn(pageA, server, EMAIL, 'Browser A');
    pageB = await b.openPopup();
    await pageB.getByRole('button', { name: /Already use Ward sync/ }).click();
    await signIn(pageB, server, EMAIL, 'Browser B');
    await pageB.getByLabel('Passphrase of the synced vault').fill(PASSPHRASE);
    await pageB.getByRole('button', { name: 'Use the synced vault' }).click();
    await pageB.locator('.entry', { hasText: 'GlobexBank' }).waitFor({ timeout: 60_000 });

    pageA = await settings(a);
    const devices = pageA.getByTestId('device');
    await expect.poll(() => devices.count()).toBe(2);
    await expect(devices.filter({ hasText: 'this device' }).textContent()).resolves.toContain('Browser A');
    const rowB = devices.filter({ hasText: 'Browser B' });
    await rowB.getByRole('button', { name: 'Rename' }).click();
    // The row now holds the rename form (the name is in an input, which text filters do not see).
    await pageA.getByLabel('Device name').fill('Old laptop');
    await devices.getByRole('button', { name: 'Save' }).click();
    await devices.filter({ hasText: 'Old laptop' }).waitFor();
  });

  it('A rotates the vault key; B locks at its next sync and unlocks with the same passphrase', async () => {
    await pageA.getByLabel('Vault passphrase').fill(PASSPHRASE);
    await pageA.getByRole('button', { name: 'Rotate vault key' }).click();
    await pageA.getByTestId('rotate-done').waitFor({ timeout: 60_000 });
    await expect.poll(() => pageA.getByTestId('rotate-words').locator('li').count()).toBe(24);

    const s = await message<SyncStatus>(pageB, 'sync.now');
    expect(s.state).toBe('synced');
    expect((await message<VaultState>(pageB, 'vault.state')).status).toBe('locked');
    await pageB.goto(b.popupUrl);
    await pageB.getByLabel('Passphrase').fill(PASSPHRASE);
    await pageB.getByRole('button', { name: 'Unlock' }).click();
    await pageB.locator('.entry', { hasText: 'GlobexBank' }).waitFor({ timeout: 60_000 });
    const list = await message<EntrySummary[]>(pageB, 'entries.list');
    expect(list.map((e) => e.issuer).sort()).toEqual(['AcmeSecure', 'GlobexBank']);
  });

  it('A removes B: rotation is offered, and B is signed out and erased at its next request', async () => {
    pageA = await settings(a);
    const rowB = pageA.getByTestId('device').filter({ hasText: 'Old laptop' });
    await rowB.getByRole('button', { name: 'Remove' }).click();
    await rowB.getByRole('button', { name: 'Remove device' }).click();
    await pageA.getByText(/Old laptop was removed\. If it was lost or stolen, rotate/).waitFor();
    await expect.poll(() => pageA.getByTestId('device').count()).toBe(1);

    const s = await message<SyncStatus>(pageB, 'sync.now');
    expect(s).toMatchObject({ state: 'signed-out', reason: 'revoked' });
    expect((await message<VaultState>(pageB, 'vault.state')).status).toBe('none');
  });

  it('Activity lists the account’s events, newest first', async () => {
    await pageA.getByText('Activity').click();
    const events = pageA.getByTestId('activity-event');
    await events.first().waitFor();
    const types = await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(types[0], types.join(' ')).toBe('device-revoked');
    expect(types).toEqual(expect.arrayContaining(['vault-key-rotated', 'device-renamed', 'sign-in']));
    expect(types.indexOf('vault-key-rotated')).toBeLessThan(types.indexOf('device-renamed'));
    // Slots read back from chrome.storage (keys sorted) are not mistaken for edits: no slot writes
    // besides the rotation itself.
    expect(types).not.toContain('key-slots-changed');
  });
});
