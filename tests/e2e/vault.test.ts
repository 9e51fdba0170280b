import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../crypto-core/entry';
import { generateCode } from '../../crypto-core/otp';
import { createVault, dumpStorage, launchWard, message, PASSPHRASE, type Ward } from './harness';

// RFC 6238 appendix B's SHA1 seed ("12345678901234567890") in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const MANUAL_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const entryFor = (secret: string): Entry => ({
  type: 'totp',
  issuer: '',
  account: '',
  secret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
});

/** The codes valid around now (a period may roll over between reading the page and computing). */
function codesAround(secret: string): string[] {
  const now = Date.now();
  return [now - 30_000, now, now + 30_000].map((t) => generateCode(entryFor(secret), t));
}

describe('Ward in Chromium: local vault without a server', () => {
  let ward: Ward;
  beforeAll(async () => {
    ward = await launchWard();
  });
  afterAll(async () => {
    await ward?.close();
  });

  it('creates a vault, adds entries by URI and by hand, and shows the right codes', async () => {
    const page = await ward.openPopup();
    const words = await createVault(page);
    expect(words).toHaveLength(24);

    await page.getByRole('button', { name: 'Add an account' }).click();
    await page
      .getByLabel('otpauth:// or otpauth-migration:// link')
      .fill(`otpauth://totp/ACME%20Corp:alice@example.com?secret=${RFC_SECRET}&issuer=ACME%20Corp`);
    await page.getByRole('button', { name: 'Add from link' }).click();
    const acme = page.locator('.entry', { hasText: 'ACME Corp' });
    await acme.waitFor();

    await page.getByRole('button', { name: 'Add an entry' }).click();
    await page.getByLabel('Service (issuer)').fill('Handmade');
    await page.getByLabel('Account').fill('bob');
    await page.getByLabel('Secret key').fill(MANUAL_SECRET.toLowerCase().replace(/(.{4})/g, '$1 '));
    await page.getByText('Looks like a valid key.').waitFor();
    await page.getByRole('button', { name: 'Add account' }).click();
    const hand = page.locator('.entry', { hasText: 'Handmade' });
    await hand.waitFor();

    // A new row shows a placeholder until the worker's first codes arrive.
    const shownCode = async (row: typeof acme) => {
      const code = row.getByTestId('code').filter({ hasText: /\d{3} \d{3}/ });
      await code.waitFor();
      return (await code.textContent())?.replace(' ', '');
    };
    expect(codesAround(RFC_SECRET)).toContain(await shownCode(acme));
    expect(codesAround(MANUAL_SECRET)).toContain(await shownCode(hand));
    await page.close();
  });

  it('rejects a bad secret with a clear message', async () => {
    const page = await ward.openPopup();
    await page.getByRole('button', { name: 'Add an entry' }).click();
    await page.getByLabel('Secret key').fill('not base32 at all!');
    await expect.poll(() => page.locator('#m-secret-msg').getAttribute('class')).toBe('error');
    expect(await page.getByRole('button', { name: 'Add account' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('copies a code on Enter and says so', async () => {
    const page = await ward.openPopup();
    const row = page.locator('.entry', { hasText: 'ACME Corp' });
    await row
      .getByTestId('code')
      .filter({ hasText: /\d{3} \d{3}/ })
      .waitFor();
    await row.locator('.copy').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('live').textContent()).toMatch(/Copied/);
    await row.getByText('Copied').waitFor(); // visible too, not only for screen readers
    // Chromium cannot grant clipboard-read to an extension origin: paste into the search box instead.
    const search = page.getByLabel('Search entries');
    await search.focus();
    await page.keyboard.press('ControlOrMeta+V');
    const copied = await search.inputValue();
    expect(codesAround(RFC_SECRET)).toContain(copied);
    await page.close();
  });

  it('keeps no secret, issuer or account in storage.local', async () => {
    const page = await ward.openPopup();
    const dump = await dumpStorage(page, 'local');
    expect(dump).toContain('"records"');
    for (const needle of [RFC_SECRET, MANUAL_SECRET, 'ACME', 'alice@example.com', 'Handmade', PASSPHRASE]) {
      expect(dump.toLowerCase()).not.toContain(needle.toLowerCase());
    }
    // storage.session holds the record key while unlocked, never the passphrase or a seed.
    const session = await dumpStorage(page, 'session');
    expect(session).toContain('recordKey');
    for (const needle of [RFC_SECRET, MANUAL_SECRET, PASSPHRASE]) expect(session).not.toContain(needle);
    await page.close();
  });

  it('stays unlocked across a service-worker restart', async () => {
    const page = await ward.openPopup();
    await page.locator('.entry').first().waitFor();
    // Closed first: an open popup asks for codes every second and would wake the worker at once.
    await page.close();
    expect(await ward.workerTargetId()).not.toBeNull();
    await ward.stopWorker();
    expect(await ward.workerTargetId()).toBeNull();
    const again = await ward.openPopup();
    await again
      .locator('.entry', { hasText: 'ACME Corp' })
      .getByTestId('code')
      .filter({ hasText: /\d/ })
      .waitFor();
    // The worker was gone and a new one answered: the unlocked state came from storage.session.
    expect(await ward.workerTargetId()).not.toBeNull();
    await again.close();
  });

  it('locks on "Lock now", refuses a wrong passphrase with a growing delay, and unlocks', async () => {
    const page = await ward.openPopup();
    await page.getByRole('button', { name: 'Lock now' }).click();
    const input = page.getByLabel('Passphrase');
    await input.waitFor();
    await input.fill('not my passphrase at all');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Wrong passphrase').waitFor({ timeout: 30_000 });
    await page.getByText(/try again in \d+ s/).waitFor();

    // The delay survives closing and reopening the popup.
    await page.close();
    const again = await ward.openPopup();
    const state = await message<{ failures: number; retryAt: number }>(again, 'vault.state');
    expect(state.failures).toBe(1);

    await again.getByLabel('Passphrase').fill(PASSPHRASE);
    await again.getByRole('button', { name: 'Unlock' }).click({ timeout: 10_000 });
    await again.locator('.entry', { hasText: 'ACME Corp' }).waitFor({ timeout: 30_000 });
    await again.close();
  });

  it('locks by itself after the idle timeout', async () => {
    const page = await ward.openPopup();
    await page.locator('.entry').first().waitFor();
    await message(page, 'test.autoLockMs', { ms: 1500 });
    await page.waitForTimeout(2500);
    // The worker's own timer has locked: the session keys are gone before any message asks.
    expect(await dumpStorage(page, 'session')).not.toContain('recordKey');
    const state = await message<{ status: string }>(page, 'vault.state');
    expect(state.status).toBe('locked');
    await page.reload();
    await page.getByLabel('Passphrase').waitFor();
    await page.close();
  });
});
