/**
 * Wires the browser's entry points for scanning: the page and image context menus and the
 * "scan-qr" keyboard command. Each of them grants activeTab on the tab it was used on, which is
 * all a capture needs; failures are shown in the popup, since no page of ours is open.
 */
import { browser } from 'wxt/browser';
import { isWardError } from '../../crypto-core/errors';
import { VaultError } from '../vault/vault-error';
import { scanPageImage } from './image';
import { savePending } from './pending';
import { scanTab, toScanTab } from './scan';
import { openScanResult } from './show';

export const SCAN_COMMAND = 'scan-qr';
export const MENU_SCAN_PAGE = 'ward-scan-page';
export const MENU_ADD_IMAGE = 'ward-add-image';

type MenuTab = { id?: number; windowId?: number; url?: string } | undefined;

async function run(job: () => Promise<'show' | 'later'>) {
  try {
    if ((await job()) === 'show') await openScanResult();
  } catch (e) {
    const message =
      e instanceof VaultError || isWardError(e) ? e.message : 'Ward could not scan this page. Try again.';
    await savePending({ entries: [], errors: [message], others: [] }, 'tab');
    await openScanResult();
  }
}

/** Scans `tab` from a menu or the shortcut; region select shows its result when the user is done. */
export function scanFromGesture(tab: MenuTab): Promise<void> {
  return run(async () => {
    const start = await scanTab(toScanTab(tab), () => void openScanResult());
    return start.status === 'found' ? 'show' : 'later';
  });
}

/** The image context menu's handler ("Add to Ward"); browser tests call it through capture.image. */
export function addImageFromMenu(tab: MenuTab, srcUrl: string): Promise<void> {
  return run(async () => {
    await scanPageImage(toScanTab(tab), srcUrl);
    return 'show';
  });
}

/** Registers menus and the command; call once from the background entrypoint. */
export function setupCapture(): void {
  // Created at install, no removeAll(): autofill owns a menu item too. A duplicate id (an update that
  // kept the old items) only sets lastError, which the callback reads so Chrome does not log it.
  browser.runtime.onInstalled.addListener(() => {
    const ignoreDuplicate = () => void browser.runtime.lastError;
    browser.contextMenus.create(
      {
        id: MENU_SCAN_PAGE,
        title: 'Scan QR code on this page',
        contexts: ['page', 'frame', 'selection', 'link'],
      },
      ignoreDuplicate,
    );
    browser.contextMenus.create(
      { id: MENU_ADD_IMAGE, title: 'Add to Ward', contexts: ['image'] },
      ignoreDuplicate,
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_SCAN_PAGE) void scanFromGesture(tab);
    else if (info.menuItemId === MENU_ADD_IMAGE && info.srcUrl) void addImageFromMenu(tab, info.srcUrl);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === SCAN_COMMAND) void scanFromGesture(tab);
  });
}
