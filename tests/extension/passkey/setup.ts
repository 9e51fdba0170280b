/** Shared helpers for the passkey and recovery worker tests: the router with a fake browser. */
import { EXTENSION_ID, workerAs } from '../worker-harness';

export { PASS } from '../worker-harness';

export const page = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/passkey.html` };

export const { call, fail, resetWorker: resetBrowser, createUnlocked } = workerAs(page);

export async function status(): Promise<string> {
  return (await call<{ status: string }>('vault.state')).status;
}
