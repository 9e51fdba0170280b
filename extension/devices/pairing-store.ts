/**
 * Worker storage for device approval. The new device's request key lives in storage.session:
 * memory only, cleared when the browser closes, and (like the unlocked keys) readable by trusted
 * extension contexts only. The number of requests waiting for an answer feeds the toolbar badge.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { PairingKeyStore, PendingPairing } from './pairing-request';

const pendingPairingItem = storage.defineItem<PendingPairing | null>('session:pairingRequest', {
  fallback: null,
  version: 1,
});

/** The open request of this (new) device. */
export const pairingKeys: PairingKeyStore = {
  get: () => pendingPairingItem.getValue(),
  set: (v) => (v ? pendingPairingItem.setValue(v) : pendingPairingItem.removeValue()),
};

/** Shows how many device approvals wait (empty badge for none). */
export async function setPendingRequests(count: number): Promise<void> {
  try {
    await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
    if (count > 0) await browser.action.setBadgeBackgroundColor({ color: '#b45309' });
  } catch {
    // No action API in this context (tests): the popup still lists the requests when opened.
  }
}
