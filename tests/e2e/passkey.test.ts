import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../crypto-core/otp';
import { createVault, launchWard, message, PASSPHRASE, type Ward } from './harness';
import { addAuthenticator, passkeyUrl, registerPasskey, removeAuthenticator } from './passkey-helpers';

// RFC 6238 appendix B's SHA1 seed in base32.
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const entry = {
  type: 'totp',
  issuer: 'ACME Corp',
  account: 'alice',
  secret: SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
} as const;
const codesAround = () => [-30_000, 0, 30_000].map((d) => generateCode(entry, Date.now() + d));

describe('passkey unlock (WebAuthn PRF, DevTools virtual authenticator)', () => {
  let ward: Ward;
  beforeAll(async () => {
    ward = await launchWard();
    const popup = await ward.openPopup();
    await createVault(popup);
    await message(popup, 'entries.add', { entry });
    await popup.close();
  });
  afterAll(async () => {
    await ward?.close();
  });

  it('registers a passkey, locks, and unlocks with it to the codes', async () => {
    const tab = await ward.context.newPage();
    const auth = await addAuthenticator(tab);
    expect(await registerPasskey(ward, tab, 'Test laptop')).toMatch(/Passkey “Test laptop” added/);

    const popup = await ward.openPopup();
    await popup.getByRole('button', { name: 'Settings' }).click();
    await popup.getByTestId('passkey-list').getByText('Test laptop').waitFor();
    await message(popup, 'vault.lock');
    await popup.reload();
    // The unlock screen offers the passkey first.
    await popup.getByRole('button', { name: 'Unlock with a passkey' }).waitFor();

    await tab.goto(passkeyUrl(ward, 'unlock'));
    await tab.waitForURL(/popup\.html/);
    // wait for digits: the row shows a placeholder until the first codes arrive
    const shown = tab
      .locator('.entry', { hasText: 'ACME Corp' })
      .getByTestId('code')
      .filter({ hasText: /\d{3} \d{3}/ });
    await shown.waitFor();
    const code = (await shown.textContent())?.replace(' ', '');
    expect(codesAround()).toContain(code);
    await auth.cdp.detach();
    await tab.close();
  });

  it('a passkey on another authenticator cannot unlock, and the passphrase still works', async () => {
    const popup = await ward.openPopup();
    await message(popup, 'vault.lock');
    const tab = await ward.context.newPage();
    const other = await addAuthenticator(tab);
    await tab.goto(passkeyUrl(ward, 'unlock'));
    const status = tab.getByTestId('passkey-status');
    await status.filter({ hasText: /cannot unlock this vault/ }).waitFor({ timeout: 60_000 });
    expect((await message<{ status: string }>(popup, 'vault.state')).status).toBe('locked');
    await removeAuthenticator(other);
    await message(popup, 'vault.unlock', { passphrase: PASSPHRASE });
    expect((await message<{ status: string }>(popup, 'vault.state')).status).toBe('unlocked');
    await tab.close();
    await popup.close();
  });

  it('an authenticator without PRF gets a clear message and adds nothing', async () => {
    const tab = await ward.context.newPage();
    await addAuthenticator(tab, false);
    const text = await registerPasskey(ward, tab, 'No PRF key');
    expect(text).toMatch(/no WebAuthn PRF support.*passphrase still works/);
    const popup = await ward.openPopup();
    const list = await message<{ name: string }[]>(popup, 'passkey.list');
    expect(list.map((p) => p.name)).toEqual(['Test laptop']);
    await tab.close();
    await popup.close();
  });

  it('Settings removes a passkey, which then no longer unlocks', async () => {
    const popup = await ward.openPopup();
    popup.on('dialog', (d) => void d.accept());
    await popup.getByRole('button', { name: 'Settings' }).click();
    await popup.getByRole('button', { name: 'Remove Test laptop' }).click();
    await popup.getByTestId('passkey-list').waitFor({ state: 'detached' });
    expect(await message<unknown[]>(popup, 'passkey.list')).toEqual([]);
    await message(popup, 'vault.lock');
    await popup.reload();
    await popup.getByLabel('Passphrase').waitFor();
    expect(await popup.getByRole('button', { name: 'Unlock with a passkey' }).count()).toBe(0);
    await popup.close();
  });
});
