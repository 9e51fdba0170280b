import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../crypto-core/entry';
import { toMigrationUris } from '../../crypto-core/migration';
import { generateCode } from '../../crypto-core/otp';
import { createVault, launchWard, message, PASSPHRASE, type Ward } from './harness';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const uri = (issuer: string, account: string) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${account}?secret=${SECRET}&issuer=${encodeURIComponent(issuer)}`;
const base: Entry = {
  type: 'totp',
  issuer: '',
  account: '',
  secret: SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

describe('the popup, by keyboard and by hand', () => {
  let ward: Ward;
  let words: string[];
  beforeAll(async () => {
    ward = await launchWard();
    const page = await ward.openPopup();
    words = await createVault(page);
    for (const name of ['Alpha', 'Bravo', 'Charlie']) {
      await message(page, 'entries.addParsed', {
        text: uri(name, `${name.toLowerCase()}@example.com`),
        pick: [0],
      });
    }
    await page.close();
  });
  afterAll(async () => {
    await ward?.close();
  });

  const names = (page: import('playwright-core').Page) => page.locator('.entry .names b').allTextContents();

  it('searches as you type and moves an entry with Alt+Arrow keys', async () => {
    const page = await ward.openPopup();
    await page.locator('.entry').first().waitFor();
    expect(await names(page)).toEqual(['Alpha', 'Bravo', 'Charlie']);

    const search = page.getByLabel('Search entries');
    await search.fill('brav');
    await expect.poll(() => names(page)).toEqual(['Bravo']);
    await search.fill('');
    await expect.poll(() => names(page)).toEqual(['Alpha', 'Bravo', 'Charlie']);

    // Keyboard only: from the search box into the list, then move Alpha down twice.
    await search.focus();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.entry')?.textContent))
      .toContain('Alpha');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => names(page)).toEqual(['Bravo', 'Alpha', 'Charlie']);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => names(page)).toEqual(['Bravo', 'Charlie', 'Alpha']);
    await expect.poll(() => page.getByTestId('live').textContent()).toMatch(/position 3 of 3/);

    await page.reload();
    await page.locator('.entry').first().waitFor();
    expect(await names(page)).toEqual(['Bravo', 'Charlie', 'Alpha']);
    await page.close();
  });

  it('edits an entry (name, website, pin) and shows the secret only on request', async () => {
    const page = await ward.openPopup();
    await page.getByRole('button', { name: 'Edit Charlie' }).click();
    await page.getByLabel('Service (issuer)').fill('Charlie Corp');
    await page.getByLabel('Websites (for filling codes)').fill('https://login.charlie.co.uk/x, charlie.com');
    await page.getByLabel('Pin to the top').check();
    expect(await page.getByTestId('secret').count()).toBe(0);
    await page.getByRole('button', { name: 'Show secret key' }).click();
    expect((await page.getByTestId('secret').textContent())?.replaceAll(' ', '')).toBe(SECRET);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => names(page)).toEqual(['Charlie Corp', 'Bravo', 'Alpha']);

    await page.getByLabel('Search entries').fill('charlie.co.uk');
    await expect.poll(() => names(page)).toEqual(['Charlie Corp']);
    await page.close();
  });

  it('deletes with undo', async () => {
    const page = await ward.openPopup();
    await page.getByRole('button', { name: 'Edit Bravo' }).click();
    await page.getByRole('button', { name: 'Delete entry' }).click();
    await expect.poll(() => names(page)).toEqual(['Charlie Corp', 'Alpha']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => names(page)).toEqual(['Charlie Corp', 'Bravo', 'Alpha']);
    await page.close();
  });

  it('adds chosen accounts from a Google Authenticator export link', async () => {
    const page = await ward.openPopup();
    const [link] = toMigrationUris([
      { ...base, issuer: 'Delta', account: 'd@example.com' },
      { ...base, issuer: 'Echo', account: 'e@example.com' },
    ]);
    await page.getByRole('button', { name: 'Add an entry' }).click();
    await page.getByLabel('otpauth:// or otpauth-migration:// link').fill(link as string);
    await page.getByRole('button', { name: 'Add from link' }).click();
    await page.getByRole('checkbox', { name: /Echo/ }).uncheck();
    await page.getByRole('button', { name: 'Add 1 selected' }).click();
    await expect.poll(() => names(page)).toEqual(['Charlie Corp', 'Bravo', 'Alpha', 'Delta']);
    await page.close();
  });

  it('offers to add a setup link pasted into the search box', async () => {
    const page = await ward.openPopup();
    await page.getByLabel('Search entries').fill(uri('Foxtrot', 'f@example.com'));
    await page.getByRole('button', { name: 'Add it as a new account' }).click();
    await page.getByRole('button', { name: 'Add from link' }).click();
    await page.locator('.entry', { hasText: 'Foxtrot' }).waitFor();
    await message(page, 'entries.delete', {
      id: await page.locator('.entry', { hasText: 'Foxtrot' }).getAttribute('data-id'),
    });
    await page.close();
  });

  it('reorders by drag and drop', async () => {
    const page = await ward.openPopup();
    await page.locator('.entry').first().waitFor();
    await page.locator('.entry', { hasText: 'Delta' }).dragTo(page.locator('.entry', { hasText: 'Bravo' }));
    await expect.poll(() => names(page)).toEqual(['Charlie Corp', 'Delta', 'Bravo', 'Alpha']);
    await page.reload();
    await page.locator('.entry').first().waitFor();
    expect(await names(page)).toEqual(['Charlie Corp', 'Delta', 'Bravo', 'Alpha']);
    await page.close();
  });

  it('advances an HOTP counter with "next code"', async () => {
    const page = await ward.openPopup();
    await message(page, 'entries.add', { entry: { ...base, type: 'hotp', issuer: 'Hotp', counter: 0 } });
    await page.reload();
    const row = page.locator('.entry', { hasText: 'Hotp' });
    // RFC 4226 appendix D: counter 0 → 755224, 1 → 287082.
    await expect.poll(() => row.getByTestId('code').textContent()).toBe('755 224');
    await page.getByRole('button', { name: 'Next code for Hotp' }).click();
    await expect.poll(() => row.getByTestId('code').textContent()).toBe('287 082');
    expect(generateCode({ ...base, type: 'hotp', counter: 1 })).toBe('287082');
    await page.close();
  });

  it('switches an open popup to the unlock screen when the idle timeout locks the vault', async () => {
    const page = await ward.openPopup();
    await page.locator('.entry').first().waitFor();
    await message(page, 'test.autoLockMs', { ms: 1000 });
    await page.getByLabel('Passphrase').waitFor({ timeout: 10_000 });
    expect(await page.locator('.entry').count()).toBe(0);
    // The hook only ever shortens the timeout: a huge value restores the normal one for later tests.
    await message(page, 'test.autoLockMs', { ms: 24 * 3_600_000 });
    await page.close();
  });

  it('recovers with the 24 words and a new passphrase', async () => {
    const page = await ward.openPopup();
    await page.getByRole('button', { name: /Forgot your passphrase/ }).click();
    await page.getByLabel('Your 24 recovery words').fill(words.join(' '));
    const fresh = `${PASSPHRASE} renewed`;
    await page.getByLabel('Passphrase', { exact: true }).fill(fresh);
    await page.getByLabel('Passphrase again').fill(fresh);
    await page.getByText(/Strength: (Strong|Very strong)/).waitFor();
    await page.getByRole('button', { name: 'Unlock and set passphrase' }).click();
    await page.locator('.entry').first().waitFor({ timeout: 30_000 });
    expect(await names(page)).toContain('Alpha');
    await page.close();
  });

  it('paints the theme chosen in Settings, and follows the system in "System"', async () => {
    const page = await ward.openPopup();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [light, dark] = ['rgb(255, 255, 255)', 'rgb(21, 23, 28)'];
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByLabel('Light').check();
    await expect.poll(background).toBe(light);
    await page.getByLabel('System').check();
    await expect.poll(background).toBe(dark);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(background).toBe(light);
    await page.getByLabel('Dark').check();
    await expect.poll(background).toBe(dark);
    // remembered: the next popup paints dark before the worker answers
    await page.close();
    const again = await ward.openPopup();
    expect(await again.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await message(again, 'settings.set', { theme: 'system' });
    await again.close();
  });
});
