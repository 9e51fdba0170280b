// Browser tests for import from other apps and the unencrypted exports: real Chromium, the built
// extension (`npm run build:chrome` first), files generated here (no fixtures copied in).
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntrySummary } from '../../extension/messages';
import { ACCOUNTS } from '../crypto-core/importers/accounts';
import { PASSWORD } from '../crypto-core/importers/fixture-kit';
import { aegisEncrypted } from '../crypto-core/importers/fixtures-phone';
import { createVault, launchWard, message, type Ward } from './harness';

let ward: Ward;
let popup: Page;
const encryptedAegis = {
  name: 'aegis-export.json',
  mimeType: 'application/json',
  buffer: Buffer.from(aegisEncrypted()),
};
const list = () => message<EntrySummary[]>(popup, 'entries.list');

async function openImport() {
  await popup.reload();
  await popup.getByRole('button', { name: 'Settings' }).click();
  await popup.getByRole('button', { name: 'Import from another app…' }).click();
  await popup.getByLabel('Export file').setInputFiles(encryptedAegis);
}

beforeAll(async () => {
  ward = await launchWard();
  popup = await ward.openPopup();
  await createVault(popup);
});

afterAll(async () => {
  await ward?.close();
});

describe('import and export in the browser', () => {
  it('imports an encrypted Aegis file after asking for its password, with a summary', async () => {
    await openImport();
    await popup.getByRole('button', { name: 'Import', exact: true }).click();
    await popup.getByText(/is encrypted: enter its password/).waitFor();
    await popup.getByLabel('File password').fill('not the password');
    await popup.getByRole('button', { name: 'Import', exact: true }).click();
    await popup.getByText('Wrong password for this file. Try again.').waitFor();
    await popup.getByLabel('File password').fill(PASSWORD);
    await popup.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = popup.getByTestId('import-summary');
    await summary.getByText(`Added: ${ACCOUNTS.length}`).waitFor();
    await summary.getByText('Skipped (already in Ward): 0').waitFor();
    const issuers = (await list()).map((e) => e.issuer).sort();
    expect(issuers).toEqual(ACCOUNTS.map((a) => a.entry.issuer).sort());
  });

  it('asks once about duplicates on a second import and skips them all when told to', async () => {
    await openImport();
    await popup.getByRole('button', { name: 'Import', exact: true }).click();
    await popup.getByLabel('File password').fill(PASSWORD);
    await popup.getByRole('button', { name: 'Import', exact: true }).click();
    await popup.getByRole('heading', { name: 'Already in Ward' }).waitFor();
    await expect(popup.getByRole('alertdialog').textContent()).resolves.toContain(
      `${ACCOUNTS.length} of ${ACCOUNTS.length} accounts have a secret that is already in your vault`,
    );
    expect(await list()).toHaveLength(ACCOUNTS.length); // nothing added before the answer
    await popup.getByRole('button', { name: 'Skip them' }).click();
    await popup
      .getByTestId('import-summary')
      .getByText(`Skipped (already in Ward): ${ACCOUNTS.length}`)
      .waitFor();
    expect(await list()).toHaveLength(ACCOUNTS.length);
  });

  it('shows one account as a QR code that holds its otpauth:// link', async () => {
    await popup.reload();
    await popup.getByRole('button', { name: 'Settings' }).click();
    await popup.getByRole('button', { name: 'Other export formats and QR codes…' }).click();
    const first = (await list())[0] as EntrySummary;
    await popup.getByLabel('Account', { exact: true }).selectOption(first.id);
    await popup.getByRole('button', { name: 'Show QR code' }).click();
    const canvas = popup.getByTestId('qr-canvas');
    await canvas.waitFor();
    const { width, height, data } = await canvas.evaluate((c: HTMLCanvasElement) => {
      const img = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height);
      return { width: img.width, height: img.height, data: [...img.data] };
    });
    const read = jsQR(new Uint8ClampedArray(data), width, height);
    expect(read?.data).toMatch(/^otpauth:\/\/(totp|hotp)\//);
    const { secret } = await message<{ secret: string }>(popup, 'entries.secret', { id: first.id });
    expect(new URL(read?.data ?? '').searchParams.get('secret')).toBe(secret);
  });

  it('downloads the otpauth:// list only after the confirmation word is typed', async () => {
    const button = popup.getByRole('button', { name: 'Download unencrypted file' });
    await expect(button.isDisabled()).resolves.toBe(true);
    await popup.getByLabel('Type EXPORT to confirm').fill('export');
    await expect(button.isDisabled()).resolves.toBe(true);
    await popup.getByLabel('Type EXPORT to confirm').fill('EXPORT');
    const [download] = await Promise.all([popup.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^ward-otpauth-\d{4}-\d{2}-\d{2}\.txt$/);
  });

  it('lists the accounts Google Authenticator migration codes cannot hold, with the reason', async () => {
    await popup.getByRole('button', { name: 'Show transfer QR codes' }).click();
    await popup.getByTestId('qr-canvas').first().waitFor();
    const skipped = popup.getByRole('list', { name: 'Accounts not included' });
    await expect(skipped.textContent()).resolves.toMatch(/Steam Guard/);
  });
});
