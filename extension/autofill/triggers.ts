/**
 * Wires autofill to browser events in the service worker: content-script Ports, the keyboard
 * shortcut (commands API), the context-menu item on editable fields, and "fill after unlock".
 */
import { browser } from 'wxt/browser';
import { touch } from '../vault/auto-lock';
import { sessionKeysItem } from '../vault/items';
import { lockVault } from '../vault/lock-state';
import { watchTabs } from './frame-cache';
import { FILL_EVENT, type FillEvent, PORT_NAME } from './protocol';
import { handleFrameRequest } from './service';
import { resumeAfterUnlock } from './unlock-flow';

/** The commands-API name of the shortcut (manifest `commands`). */
export const FILL_COMMAND = 'fill-code';
export const MENU_ID = 'ward-fill-code';

/** Asks the frames of a tab to fill: the shortcut goes to the focused field's frame, the menu to the clicked one. */
export async function sendTrigger(tabId: number, kind: 'shortcut' | 'menu', frameId?: number): Promise<void> {
  const event: FillEvent = { event: FILL_EVENT, source: kind };
  const options = frameId !== undefined ? { frameId } : undefined;
  await browser.tabs.sendMessage(tabId, event, options).catch(() => undefined);
}

function onActivity(): void {
  void touch(() => void lockVault());
}

/** Registers every autofill listener; called once from background.ts. */
export function setupAutofill(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PORT_NAME) return;
    port.onMessage.addListener((raw: unknown) => {
      void handleFrameRequest(raw, port.sender, { onActivity }).then((reply) => {
        try {
          port.postMessage(reply);
        } catch {
          // the frame navigated away meanwhile
        }
      });
    });
  });

  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== FILL_COMMAND) return;
    void (async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
      if (typeof id === 'number') await sendTrigger(id, 'shortcut');
    })();
  });

  const menus = browser.contextMenus;
  if (menus) {
    // created at install, no removeAll(): other features own menu items too
    browser.runtime.onInstalled.addListener(() => {
      menus.create(
        {
          id: MENU_ID,
          title: 'Fill one-time code',
          contexts: ['editable'],
          documentUrlPatterns: ['http://*/*', 'https://*/*'],
        },
        () => void browser.runtime.lastError,
      );
    });
    menus.onClicked.addListener((info, tab) => {
      if (info.menuItemId !== MENU_ID || typeof tab?.id !== 'number') return;
      void sendTrigger(tab.id, 'menu', info.frameId);
    });
  }

  watchTabs();
  sessionKeysItem.watch((keys, previous) => {
    if (keys && !previous) void resumeAfterUnlock();
  });
}
