/** Showing a scan's findings when no popup is open (shortcut, context menu, region overlay). */
import { browser } from 'wxt/browser';

/**
 * Opens Ward's popup on the findings. action.openPopup works from a user gesture (Chrome 127+,
 * Firefox); where it is refused, a small window with the popup page does the same job.
 */
export async function openScanResult(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    await browser.windows
      .create({ url: browser.runtime.getURL('/popup.html'), type: 'popup', width: 380, height: 600 })
      .catch(() => undefined);
  }
}
