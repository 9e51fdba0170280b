/**
 * Passkey browser-test helpers: a Chromium DevTools virtual authenticator on one tab (WebAuthn
 * domain), and the passkey tab's register / unlock flows as a user drives them.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { Ward } from './harness';
import { PASSPHRASE } from './harness';

export interface VirtualAuthenticator {
  cdp: CDPSession;
  id: string;
}

/** Adds a CTAP2 platform authenticator with user verification (and PRF unless `hasPrf: false`) to `page`. */
export async function addAuthenticator(page: Page, hasPrf = true): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf,
    },
  });
  return { cdp, id: authenticatorId };
}

export async function removeAuthenticator(a: VirtualAuthenticator): Promise<void> {
  await a.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: a.id });
}

export const passkeyUrl = (ward: Ward, mode: 'register' | 'unlock') =>
  `chrome-extension://${ward.extensionId}/passkey.html?${mode}`;

/** Settings' "Add a passkey" tab: name, passphrase, Add; returns the status line's final text. */
export async function registerPasskey(ward: Ward, tab: Page, name: string, passphrase = PASSPHRASE) {
  await tab.goto(passkeyUrl(ward, 'register'));
  await tab.getByLabel('Name for this passkey').fill(name);
  await tab.getByLabel('Your passphrase').fill(passphrase);
  await tab.getByRole('button', { name: 'Add passkey' }).click();
  const status = tab.getByTestId('passkey-status');
  await status.filter({ hasText: /added|cannot|No passkey|wrong|Wrong/ }).waitFor({ timeout: 60_000 });
  return (await status.textContent()) ?? '';
}
