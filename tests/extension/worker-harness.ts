// The service worker's message router driven the way Ward's own pages drive it, on WXT's fake browser.
import { expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Reply } from '../../extension/messages';
import { handleMessage, type SenderInfo } from '../../extension/vault/router';

export const EXTENSION_ID = 'test-extension-id';
export const popup = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
export const PASS = 'correct horse battery staple orbit';

export const local = () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>;
export const session = () => fakeBrowser.storage.session.get(null) as Promise<Record<string, unknown>>;

/** Empty storage and listeners, with the manifest the worker reads its version from. */
export function freshBrowser(): void {
  fakeBrowser.reset();
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Ward', version: '0.1.0' });
}

/** Messages to the worker from one of Ward's pages. */
export function workerAs(page: SenderInfo) {
  /** The reply's value; a refusal is thrown as an Error carrying its code. */
  async function call<T>(type: string, body: unknown = {}): Promise<T> {
    const reply = (await handleMessage({ type, body }, page)) as Reply<T>;
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.value;
  }

  /** The refusal, or null if the message went through; `sender` tries the guard with other senders. */
  const fail = (type: string, body: unknown = {}, sender: SenderInfo = page) =>
    handleMessage({ type, body }, sender).then((r) => (r.ok ? null : r.error));

  /** Module state (decrypted records, cached keys) must not leak between tests: lock, then start clean. */
  async function resetWorker(): Promise<void> {
    freshBrowser();
    await handleMessage({ type: 'vault.lock', body: {} }, page);
    freshBrowser();
  }

  /** A new, unlocked vault; returns its 24 recovery words. */
  async function createUnlocked(): Promise<string[]> {
    const { recoveryWords } = await call<{ recoveryWords: string[] }>('vault.create', { passphrase: PASS });
    expect(recoveryWords).toHaveLength(24);
    await call('vault.confirmCreate');
    return recoveryWords;
  }

  return { call, fail, resetWorker, createUnlocked };
}

export const { call, fail, resetWorker, createUnlocked } = workerAs(popup);
