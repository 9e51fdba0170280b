/**
 * "Locked vault → unlock → fill": remembers which frames asked, opens the unlock UI (the action
 * popup where `action.openPopup()` works, else a popup.html tab) and, once the record key lands
 * in storage.session, tells those frames to fill.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { FILL_EVENT, type FillEvent } from './protocol';

/** How long a waiting frame stays waiting: longer than anyone takes to type a passphrase. */
export const UNLOCK_WAIT_MS = 5 * 60_000;

interface Waiting {
  tabId: number;
  frameId: number;
  at: number;
  /** the popup.html tab Ward opened for this unlock, closed again afterwards */
  openedTabId?: number;
}

export const waitingItem = storage.defineItem<Waiting[]>('session:autofillWaiting', {
  fallback: [],
  version: 1,
});

/** Opens Ward's popup (or a tab of it when the browser refuses); returns the tab id if one was opened. */
export async function openWardUi(openerTabId?: number): Promise<number | undefined> {
  try {
    await browser.action.openPopup();
    return undefined;
  } catch {
    const tab = await browser.tabs.create({
      url: browser.runtime.getURL('/popup.html'),
      ...(openerTabId !== undefined ? { openerTabId } : {}),
    });
    return tab.id;
  }
}

/** A frame asked for a code while locked: remember it and show the unlock UI. */
export async function requestUnlock(tabId: number, frameId: number, now = Date.now()): Promise<void> {
  const waiting = (await waitingItem.getValue()).filter(
    (w) => now - w.at < UNLOCK_WAIT_MS && !(w.tabId === tabId && w.frameId === frameId),
  );
  const openedTabId = await openWardUi(tabId);
  waiting.push({ tabId, frameId, at: now, ...(openedTabId !== undefined ? { openedTabId } : {}) });
  await waitingItem.setValue(waiting);
}

/** The vault was unlocked: each waiting frame fills (or shows its menu); tabs Ward opened close. */
export async function resumeAfterUnlock(now = Date.now()): Promise<void> {
  const waiting = (await waitingItem.getValue()).filter((w) => now - w.at < UNLOCK_WAIT_MS);
  await waitingItem.setValue([]);
  const event: FillEvent = { event: FILL_EVENT, source: 'unlocked' };
  for (const w of waiting) {
    if (w.openedTabId !== undefined) {
      await browser.tabs.remove(w.openedTabId).catch(() => undefined);
      await browser.tabs.update(w.tabId, { active: true }).catch(() => undefined);
    }
    await browser.tabs.sendMessage(w.tabId, event, { frameId: w.frameId }).catch(() => undefined);
  }
}
