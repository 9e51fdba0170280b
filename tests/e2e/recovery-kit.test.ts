import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, launchWard, message, PASSPHRASE, type Ward } from './harness';

const NEW_PASS = 'seven purple lanterns drift over quiet harbours';

describe('recovery kit and recovery-key check (popup and kit tab)', () => {
  let ward: Ward;
  let words: string[];
  beforeAll(async () => {
    ward = await launchWard();
    const popup = await ward.openPopup();
    words = await createVault(popup);
    await popup.close();
  });
  afterAll(async () => {
    await ward?.close();
  });

  it('Settings shows when the recovery key was confirmed and checks it again', async () => {
    const popup = await ward.openPopup();
    await popup.getByRole('button', { name: 'Settings' }).click();
    await popup
      .getByTestId('recovery-confirmed')
      .getByText(/Last confirmed/)
      .waitFor();
    await popup.getByRole('button', { name: 'Confirm again…' }).click();
    const box = popup.getByLabel('Your 24 recovery words');
    await box.fill([...words].reverse().join(' '));
    await popup.getByRole('button', { name: 'Check the words' }).click();
    await popup.getByText(/not a valid recovery key|checksum|not this vault/i).waitFor();
    await box.fill(words.join(' '));
    await popup.getByRole('button', { name: 'Check the words' }).click();
    await popup.getByRole('button', { name: 'Confirm again…' }).waitFor();
    await popup.close();
  });

  it('makes a printable 2-of-3 kit and recovers from two shares typed as words', async () => {
    const tab = await ward.context.newPage();
    await tab.goto(`chrome-extension://${ward.extensionId}/recovery-kit.html`);
    await tab.getByLabel('Your 24 recovery words').fill(words.join(' '));
    await tab.getByLabel('Shares to print').selectOption('3');
    await tab.getByLabel('Shares needed to recover').selectOption('2');
    await tab.getByRole('button', { name: 'Make the kit' }).click();
    const pages = tab.getByTestId('kit-page');
    await pages.nth(2).waitFor();
    expect(await pages.count()).toBe(3);
    expect(await pages.nth(0).getByRole('heading').textContent()).toBe('Ward recovery kit · share 1 of 3');
    await pages.nth(0).getByRole('img', { name: 'QR code of share 1' }).waitFor();
    const shares = await Promise.all(
      [0, 2].map(async (i) =>
        (await pages.nth(i).getByTestId('kit-words').locator('li').allTextContents()).join(' '),
      ),
    );
    expect(shares[0]?.split(' ')).toHaveLength(33);
    await tab.close();

    const popup = await ward.openPopup();
    await message(popup, 'vault.lock');
    await popup.reload();
    await popup.getByRole('button', { name: 'Use a recovery kit' }).click();
    await popup.getByLabel('Share 1').fill(shares[0] as string);
    await popup.getByLabel('Share 2').fill(shares[1] as string);
    await popup.getByLabel('Share 2').blur();
    await popup.getByText('share 3 of 3, any 2 recover').waitFor();
    await popup.getByLabel('Passphrase', { exact: true }).fill(NEW_PASS);
    await popup.getByLabel('Passphrase again').fill(NEW_PASS);
    await popup.getByText(/Strength: (Strong|Very strong)/).waitFor();
    await popup.getByRole('button', { name: 'Unlock and set passphrase' }).click();
    await popup.getByRole('heading', { name: 'No accounts yet' }).waitFor({ timeout: 30_000 });

    await message(popup, 'vault.lock');
    await message(popup, 'vault.unlock', { passphrase: NEW_PASS });
    await message(popup, 'vault.lock');
    await expect(message(popup, 'vault.unlock', { passphrase: PASSPHRASE })).rejects.toThrow(
      /wrong-passphrase/,
    );
    await popup.close();
  });
});
