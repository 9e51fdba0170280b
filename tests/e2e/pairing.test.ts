// Two Chromium profiles with the built extension and one real server on loopback: profile B signs in
// and asks to be approved; profile A shows the request with the same five words and approves with
// its passphrase; B then shows every entry without typing the passphrase. A denied request and an
// expired one leave B with nothing. Finally the server's database is searched for the vault key.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPassphraseSlot, parseKeySlot } from '../../crypto-core/keyslots';
import type { EntrySummary, VaultState } from '../../extension/messages';
import { type LoopbackServer, startLoopbackServer } from '../extension/sync/server';
import { createVault, dumpStorage, launchWard, message, PASSPHRASE, type Ward } from './harness';
import { signIn } from './sync-helpers';

const EMAIL = 'pairing-e2e@example.com';
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SECRET2 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A fresh profile signed in to the account, asking for approval; returns the words it shows. */
async function newDeviceAsks(ward: Ward, server: LoopbackServer, name: string): Promise<[Page, string]> {
  const page = await ward.openPopup();
  await page.getByRole('button', { name: /Already use Ward sync/ }).click();
  await signIn(page, server, EMAIL, name);
  await page.getByRole('button', { name: 'Approve from another device instead' }).click();
  const phrase = (await page.getByTestId('pairing-phrase').textContent())?.trim() ?? '';
  expect(phrase.split(' ')).toHaveLength(5);
  return [page, phrase];
}

/** A's popup, reopened so it fetches the requests; the request card for `name`. */
async function requestOnA(a: Ward, name: string) {
  const page = await a.openPopup();
  const card = page.getByTestId('pairing-request').filter({ hasText: name });
  await card.waitFor({ timeout: 20_000 });
  return { page, card };
}

describe('Ward in Chromium: approving a new device', () => {
  let server: LoopbackServer;
  let a: Ward;
  let b: Ward;
  let c: Ward;
  let d: Ward;
  let pageA: Page;

  beforeAll(async () => {
    server = await startLoopbackServer();
    a = await launchWard();
  });
  afterAll(async () => {
    for (const w of [a, b, c, d]) await w?.close();
    await server?.close();
  });

  it('A has a vault with two entries and syncs it', async () => {
    pageA = await a.openPopup();
    await createVault(pageA);
    await message(pageA, 'entries.add', {
      entry: {
        type: 'totp',
        issuer: 'AcmeSecure',
        account: 'alice.work',
        secret: SECRET,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    });
    await message(pageA, 'entries.add', {
      entry: {
        type: 'totp',
        issuer: 'GlobexBank',
        account: 'bob.home',
        secret: SECRET2,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    });
    await pageA.getByRole('button', { name: 'Settings' }).click();
    await signIn(pageA, server, EMAIL, 'Browser A');
    await expect.poll(() => pageA.getByTestId('sync-detail').textContent()).toMatch(/Synced/);
  });

  it('B is approved from A and shows every entry without the passphrase', async () => {
    b = await launchWard();
    const [pageB, phrase] = await newDeviceAsks(b, server, 'Browser B');
    const { page, card } = await requestOnA(a, 'Browser B');
    await expect.poll(() => card.getByTestId('pairing-request-phrase').textContent()).toBe(phrase);
    await card.getByRole('button', { name: 'The words match' }).click();
    await card.getByLabel('Vault passphrase, to approve').fill(PASSPHRASE);
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByTestId('pairing-requests').waitFor({ state: 'detached', timeout: 30_000 });

    await pageB.getByTestId('pairing-approved').waitFor({ timeout: 60_000 });
    await pageB.getByRole('button', { name: 'Keep the current passphrase' }).click();
    const row = pageB.locator('.entry', { hasText: 'GlobexBank' });
    await row
      .getByTestId('code')
      .filter({ hasText: /\d{3} \d{3}/ })
      .waitFor({ timeout: 60_000 });
    const entries = await message<EntrySummary[]>(pageB, 'entries.list');
    expect(entries.map((e) => e.issuer).sort()).toEqual(['AcmeSecure', 'GlobexBank']);
    // The request's private key is gone from storage.session once answered.
    expect(await dumpStorage(pageB, 'session')).not.toContain('pairingRequest');
  });

  it('a denied request gives C nothing', async () => {
    c = await launchWard();
    const [pageC] = await newDeviceAsks(c, server, 'Browser C');
    const { card } = await requestOnA(a, 'Browser C');
    await card.getByRole('button', { name: 'Deny' }).click();
    await pageC.getByText(/denied on your other device/).waitFor({ timeout: 60_000 });
    expect((await message<VaultState>(pageC, 'vault.state')).status).toBe('none');
    expect(await dumpStorage(pageC, 'local')).not.toContain('"records"');
  });

  it('an expired request gives D nothing', async () => {
    d = await launchWard();
    const [pageD] = await newDeviceAsks(d, server, 'Browser D');
    server
      .db()
      .$client.prepare('UPDATE pairing_requests SET expires_at = ?')
      .run(Date.now() - 1000);
    await pageD.getByText(/expired after 10 minutes/).waitFor({ timeout: 60_000 });
    expect((await message<VaultState>(pageD, 'vault.state')).status).toBe('none');
  });

  it('the server database holds no vault key (VK opened from the passphrase slot, then searched for)', async () => {
    // No test hook: the test knows the passphrase, so it opens the vault's slot as any device would.
    const row = server.db().$client.prepare('SELECT id, key_slots FROM vaults').get() as {
      id: string;
      key_slots: string;
    };
    const wire = JSON.parse(row.key_slots) as { kind: string; data: string }[];
    const slot = parseKeySlot(wire.find((s) => s.kind === 'passphrase')?.data);
    const vk = Buffer.from(await openPassphraseSlot(slot, row.id, PASSPHRASE));
    await server.stop();
    const dir = dirname(server.dbPath);
    const bytes = Buffer.concat(
      readdirSync(dir)
        .filter((f) => f.startsWith('ward.db'))
        .map((f) => readFileSync(join(dir, f))),
    );
    expect(bytes.includes(vk)).toBe(false);
    for (const enc of ['hex', 'base64', 'base64url'] as const) {
      expect(bytes.includes(Buffer.from(vk.toString(enc).slice(0, 40)))).toBe(false);
    }
    vk.fill(0);
    await server.start();
  });
});
