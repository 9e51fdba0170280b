/**
 * The last scan's findings, waiting for the user to confirm them in the popup. They are kept in
 * storage.session (memory only, extension pages only, gone when the browser closes) because a
 * scan started from the shortcut, the context menu or the region overlay finishes while no popup
 * is open. Findings older than PENDING_TTL_MS are dropped.
 */
import { storage } from 'wxt/utils/storage';
import type { ScanFindings } from './classify';

/** Where the findings came from (the popup words its message by it). */
export type ScanSource = 'tab' | 'region' | 'image';

export interface StoredScan extends ScanFindings {
  source: ScanSource;
  createdAt: number;
}

/** Long enough to unlock the vault and look; short enough that secrets do not linger. */
export const PENDING_TTL_MS = 10 * 60_000;

const pendingItem = storage.defineItem<StoredScan | null>('session:capturePending', {
  fallback: null,
  version: 1,
});

/** Remembers a scan's findings for the popup (replacing any earlier one). */
export async function savePending(findings: ScanFindings, source: ScanSource, now = Date.now()) {
  await pendingItem.setValue({ ...findings, source, createdAt: now });
}

/** The waiting findings, or null when there are none or they are too old. */
export async function loadPending(now = Date.now()): Promise<StoredScan | null> {
  const found = await pendingItem.getValue();
  if (!found) return null;
  if (now - found.createdAt > PENDING_TTL_MS || now < found.createdAt) {
    await pendingItem.setValue(null);
    return null;
  }
  return found;
}

/** Forgets the waiting findings (added, or dismissed by the user). */
export async function clearPending(): Promise<void> {
  await pendingItem.setValue(null);
}
