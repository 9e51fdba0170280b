/**
 * "Scan QR on this page": captures the visible tab (activeTab) at device-pixel resolution,
 * decodes every QR code in the service worker and keeps the findings for the popup. When the
 * page shows no code, the region-select overlay lets the user point at it; the selection is
 * decoded from a fresh capture at full resolution (scaled up when small, see qr/region.ts).
 */
import { browser } from 'wxt/browser';
import { registrableDomain } from '../autofill/match';
import { decodeQr } from '../qr/decode';
import type { Rect, RgbaFrame } from '../qr/frame';
import { decodeRegion } from '../qr/region';
import { VaultError } from '../vault/vault-error';
import { classifyTexts } from './classify';
import { OVERLAY_ATTRIBUTE, type SelectedRegion, selectRegionInPage } from './overlay';
import { type ScanSource, savePending } from './pending';
import { dataUrlToBlob, imageToFrame } from './rgba';

/** The tab being scanned: enough to capture it and to name its site. */
export interface ScanTab {
  id: number;
  windowId: number;
  url: string;
}

/** What the popup hears back right away. */
export type ScanStart =
  /** findings are waiting: read them with capture.pending */
  | { status: 'found' }
  /** no code in the visible tab: the overlay is up; findings arrive when the user selected */
  | { status: 'region' };

/** Chrome's limit is 2 captures per second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND). */
const CAPTURE_RETRY_MS = 1000;
const REGION_PROMPT = 'Drag a rectangle around the QR code · Esc cancels';

/** The active tab of the window the user last used; refuses pages a capture cannot read. */
export async function activeTab(): Promise<ScanTab> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return toScanTab(tab);
}

/** Checks a tab from an event (menu, shortcut) or a query. */
export function toScanTab(tab: { id?: number; windowId?: number; url?: string } | undefined): ScanTab {
  if (tab?.id === undefined || tab.windowId === undefined) {
    throw new VaultError('bad-request', 'There is no page to scan: open the page with the QR code first.');
  }
  const url = tab.url ?? '';
  if (url !== '' && !/^(https?|file):/i.test(url)) {
    throw new VaultError(
      'bad-request',
      'Ward cannot scan this kind of page: open the setup page and try again.',
    );
  }
  return { id: tab.id, windowId: tab.windowId, url };
}

/** The visible part of a tab as RGBA at the screen's device-pixel resolution. */
export async function captureTab(tab: ScanTab): Promise<RgbaFrame> {
  let url: string;
  try {
    url = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' }).catch(async (e: unknown) => {
      // Chrome allows two captures a second; a quick second scan waits its turn once.
      if (!/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, CAPTURE_RETRY_MS));
      return browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
    });
  } catch {
    throw new VaultError(
      'forbidden',
      'Ward may not capture this page: click the Ward button (or use its shortcut) on the page, then scan.',
    );
  }
  return imageToFrame(dataUrlToBlob(url));
}

/** A region in CSS pixels mapped onto a capture (whose size is the viewport × devicePixelRatio). */
export function regionToFrameRect(region: SelectedRegion, frame: { width: number; height: number }): Rect {
  const sx = frame.width / region.viewportWidth;
  const sy = frame.height / region.viewportHeight;
  return { x: region.x * sx, y: region.y * sy, width: region.width * sx, height: region.height * sy };
}

/** Keeps what `texts` hold for the popup; returns how many codes were found. */
export async function keepFindings(texts: string[], tab: ScanTab | null, source: ScanSource) {
  const domain = tab?.url ? registrableDomain(tab.url) : null;
  await savePending(classifyTexts(texts, domain), source);
  return texts.length;
}

/** Captures and decodes the tab; with nothing found, starts region select (resolved later). */
export async function scanTab(tab: ScanTab, onRegionDone: () => void = () => undefined): Promise<ScanStart> {
  const texts = await decodeQr(await captureTab(tab));
  if (texts.length > 0) {
    await keepFindings(texts, tab, 'tab');
    return { status: 'found' };
  }
  await assertScriptable(tab);
  void selectRegion(tab).then(onRegionDone, () => undefined);
  return { status: 'region' };
}

/** Fails now, with a message for the popup, on pages no extension may script (browser stores, PDFs). */
async function assertScriptable(tab: ScanTab): Promise<void> {
  try {
    await browser.scripting.executeScript({ target: { tabId: tab.id }, func: () => true });
  } catch {
    throw new VaultError(
      'forbidden',
      'No QR code is visible, and Ward may not show its selection tool on this page. Save the code as an image and paste it instead.',
    );
  }
}

/**
 * Shows the overlay in `tab` and decodes what the user selects. Resolves true when findings (or
 * "nothing there") were saved for the popup, false when the user cancelled.
 */
export async function selectRegion(tab: ScanTab): Promise<boolean> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId: tab.id },
    func: selectRegionInPage,
    args: [OVERLAY_ATTRIBUTE, REGION_PROMPT],
  });
  const region = (injection?.result ?? null) as SelectedRegion | null;
  if (!region) return false;
  const frame = await captureTab(tab);
  const texts = await decodeRegion(frame, regionToFrameRect(region, frame));
  await keepFindings(texts, tab, 'region');
  return true;
}
