// Two Chromium profiles with the built extension syncing through one real server on loopback:
// sign-in by mailed code in Settings, a second browser joining the vault, edits made while the
// server is down, both profiles editing the same entry offline, and finally the server's SQLite
// file searched for anything readable.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntrySummary, SyncStatus } from '../../extension/messages';
import { type LoopbackServer, startLoopbackServer } from '../extension/sync/server';
import { createVault, launchWard, message, PASSPHRASE, type Ward } from './harness';
import { signIn } from './sync-helpers';

const EMAIL = 'sync-e2e@example.com';
// RFC 6238 appendix B seeds in base32, and one more made-up key.
const SECRETS = {
  acme: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  globex: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  initech: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};
const NAMES = ['AcmeSecure', 'GlobexBank', 'InitechMail', 'alice.work', 'bob.home', 'carol.mail'];
const link = (issuer: string, account: string, secret: string) =>
  `otpauth://totp/${issuer}:${account}?secret=${secret}&issuer=${issuer}`;

async function addByLink(page: Page, uri: string, issuer: string) {
  await page
    .getByRole('button', { name: /Add an (entry|account)/ })
    .first()
    .click();
  await page.getByLabel('otpauth:// or otpauth-migration:// link').fill(uri);
  await page.getByRole('button', { name: 'Add from link' }).click();
  await page.locator('.entry', { hasText: issuer }).waitFor();
}

const syncNow = (page: Page) => message<SyncStatus>(page, 'sync.now');
const list = (page: Page) => message<EntrySummary[]>(page, 'entries.list');
const summary = (entries: EntrySummary[]) => entries.map((e) => `${e.issuer}|${e.account}|${e.note}`).sort();

describe('Ward in Chromium: two browsers syncing through one server', () => {
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

  it('the first browser signs in from Settings and uploads its vault', async () => {
    pageA = await a.openPopup();
    await createVault(pageA);
    await addByLink(pageA, link('AcmeSecure', 'alice.work', SECRETS.acme), 'AcmeSecure');
    await pageA.getByRole('button', { name: 'Settings' }).click();
    await signIn(pageA, server, EMAIL, 'Browser A');
    await expect.poll(() => pageA.getByTestId('sync-detail').textContent()).toMatch(/Synced/);
    expect((await syncNow(pageA)).pending).toBe(0);
  });

  it('the second browser joins with the vault passphrase and shows the same codes', async () => {
    pageB = await b.openPopup();
    await pageB.getByRole('button', { name: /Already use Ward sync/ }).click();
    await signIn(pageB, server, EMAIL, 'Browser B');
    await pageB.getByLabel('Passphrase of the synced vault').fill(PASSPHRASE);
    await pageB.getByRole('button', { name: 'Use the synced vault' }).click();
    const row = pageB.locator('.entry', { hasText: 'AcmeSecure' });
    await row
      .getByTestId('code')
      .filter({ hasText: /\d{3} \d{3}/ })
      .waitFor({ timeout: 60_000 });
    const rowA = pageA.locator('.entry', { hasText: 'AcmeSecure' });
    await pageA.goto(a.popupUrl);
    await rowA.getByTestId('code').filter({ hasText: /\d/ }).waitFor();
    // Same secret, same moment: the same code (retry across a period boundary).
    await expect
      .poll(
        async () =>
          (await row.getByTestId('code').textContent()) === (await rowA.getByTestId('code').textContent()),
      )
      .toBe(true);
    await pageB.getByTestId('sync-status').filter({ hasText: 'Synced' }).waitFor();
  });

  it('edits made while the server is down are kept, then sync when it is back', async () => {
    await server.stop();
    await addByLink(pageA, link('GlobexBank', 'bob.home', SECRETS.globex), 'GlobexBank');
    // Both browsers edit the same entry while offline: different fields.
    const acme = (await list(pageA)).find((e) => e.issuer === 'AcmeSecure') as EntrySummary;
    await message(pageA, 'entries.update', { id: acme.id, patch: { note: 'edited on A' } });
    await message(pageB, 'entries.update', { id: acme.id, patch: { tags: ['from-b'] } });
    await addByLink(pageB, link('InitechMail', 'carol.mail', SECRETS.initech), 'InitechMail');
    expect((await syncNow(pageA)).state).toBe('offline');
    const offline = await syncNow(pageB);
    expect(offline).toMatchObject({ state: 'offline' });
    expect(offline.pending).toBeGreaterThanOrEqual(2);
    await pageB.goto(b.popupUrl);
    await pageB
      .getByTestId('sync-status')
      .filter({ hasText: /Offline/ })
      .waitFor();

    await server.start();
    for (const p of [pageA, pageB, pageA, pageB]) expect((await syncNow(p)).state).toBe('synced');
    const want = ['AcmeSecure|alice.work|edited on A', 'GlobexBank|bob.home|', 'InitechMail|carol.mail|'];
    expect(summary(await list(pageA))).toEqual(want);
    expect(summary(await list(pageB))).toEqual(want);
    for (const p of [pageA, pageB]) {
      expect((await list(p)).find((e) => e.issuer === 'AcmeSecure')?.tags).toEqual(['from-b']);
    }
    // The list on screen follows: a reopened popup shows all three entries.
    await pageA.goto(a.popupUrl);
    await pageA.locator('.entry', { hasText: 'InitechMail' }).waitFor();
  });

  it('the server database holds no secret, issuer or account name', async () => {
    await server.stop();
    const dir = dirname(server.dbPath);
    const files = readdirSync(dir).filter((f) => f.startsWith('ward.db'));
    expect(files).toContain('ward.db');
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
    const text = bytes.toString('latin1').toLowerCase();
    // The file is the one that served the sync (it knows the sign-in address)...
    expect(text).toContain(EMAIL);
    for (const needle of [...Object.values(SECRETS), ...NAMES, 'edited on A', 'from-b', PASSPHRASE]) {
      expect(text).not.toContain(needle.toLowerCase());
    }
    // Nor the raw seed bytes of the RFC 6238 SHA1 key.
    expect(bytes.includes(Buffer.from('12345678901234567890'))).toBe(false);
    await server.start();
  });
});
