/**
 * Which frames of a tab hold one-time-code fields, with their URLs as the browser reported them
 * (Port sender, never a page's claim). The popup needs it: without the `tabs` permission a tab's
 * URL is visible only under activeTab, and an iframe's never. A stale row is harmless: every code
 * request is checked again against the asking frame's own sender.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Frame } from './frame';

export const framesItem = storage.defineItem<Record<string, Record<string, string>>>(
  'session:autofillFrames',
  { fallback: {}, version: 1 },
);

/** Notes a frame that found a code field. */
export async function rememberFrame(frame: Frame): Promise<void> {
  const all = { ...(await framesItem.getValue()) };
  const tab = { ...(all[frame.tabId] ?? {}) };
  if (tab[frame.frameId] === frame.url) return;
  tab[frame.frameId] = frame.url;
  all[frame.tabId] = tab;
  await framesItem.setValue(all);
}

/** The remembered frame URLs of a tab (frameId → URL). */
export async function framesOf(tabId: number): Promise<Record<string, string>> {
  return (await framesItem.getValue())[tabId] ?? {};
}

async function forget(tabId: number): Promise<void> {
  const all = { ...(await framesItem.getValue()) };
  if (!(tabId in all)) return;
  delete all[tabId];
  await framesItem.setValue(all);
}

/** Drops a tab's frames when it navigates or closes. */
export function watchTabs(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void forget(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forget(tabId));
}
