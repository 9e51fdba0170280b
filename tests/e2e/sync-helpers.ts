// Browser steps shared by the sync, pairing and devices e2e tests.
import type { Page } from 'playwright-core';
import type { LoopbackServer } from '../extension/sync/server';

/** Settings → Sync (or the no-vault screen's sync page): server, email, the mailed code, device name. */
export async function signIn(
  page: Page,
  server: LoopbackServer,
  email: string,
  device: string,
): Promise<void> {
  await page.getByLabel('Server').fill(server.url);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send sign-in code' }).click();
  await page.getByLabel('Code from the mail').waitFor();
  await page.getByLabel('Code from the mail').fill(server.code(email));
  await page.getByLabel('Name of this device').fill(device);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as ${email}`).waitFor({ timeout: 30_000 });
}
