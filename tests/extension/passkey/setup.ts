/** Shared helpers for the passkey and recovery worker tests: the router with a fake browser. */
import { expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Reply } from '../../../extension/messages';
import { handleMessage } from '../../../extension/vault/router';

export const page = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/passkey.html' };
export const PASS = 'correct horse battery staple orbit';

export async function call<T>(type: string, body: unknown = {}): Promise<T> {
  const reply = (await handleMessage({ type, body }, page)) as Reply<T>;
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.value;
}

export const fail = (type: string, body: unknown = {}) =>
  handleMessage({ type, body }, page).then((r) => (r.ok ? null : r.error));

export async function resetBrowser(): Promise<void> {
  fakeBrowser.reset();
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Ward', version: '0.1.0' });
  await handleMessage({ type: 'vault.lock', body: {} }, page);
  fakeBrowser.reset();
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Ward', version: '0.1.0' });
}

/** A new, unlocked vault; returns its 24 recovery words. */
export async function createUnlocked(): Promise<string[]> {
  const { recoveryWords } = await call<{ recoveryWords: string[] }>('vault.create', { passphrase: PASS });
  expect(recoveryWords).toHaveLength(24);
  await call('vault.confirmCreate');
  return recoveryWords;
}

export async function status(): Promise<string> {
  return (await call<{ status: string }>('vault.state')).status;
}
