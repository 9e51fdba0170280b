/**
 * Decoding one image: the one right-clicked on a page ("Add to Ward"), or one pasted, dropped or
 * picked in the popup. A page image is fetched by the worker only when Ward already holds the
 * host permission for its origin (never asked for here); data: URLs are read directly, blob:
 * URLs inside the page, and anything else is cut out of a capture of the tab.
 */
import { base64 } from '@scure/base';
import { browser } from 'wxt/browser';
import { decodeQr } from '../qr/decode';
import { decodeRegion } from '../qr/region';
import { VaultError } from '../vault/vault-error';
import { locateImageInPage, readBlobInPage, type SelectedRegion } from './overlay';
import { dataUrlToBlob, imageToFrame } from './rgba';
import { captureTab, keepFindings, regionToFrameRect, type ScanTab } from './scan';

/** Biggest image the worker fetches or accepts from the popup (a QR image is a few kB). */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

async function decodeBlob(blob: Blob): Promise<string[]> {
  if (blob.size > MAX_IMAGE_BYTES) throw new VaultError('bad-request', 'The image is too large to scan.');
  return decodeQr(await imageToFrame(blob));
}

/** Decodes image bytes the user pasted, dropped or picked in the popup; findings go to capture.pending. */
export async function scanImageBytes(data: string): Promise<number> {
  const bytes = base64.decode(data);
  return keepFindings(await decodeBlob(new Blob([bytes as Uint8Array<ArrayBuffer>])), null, 'image');
}

async function canFetch(url: URL): Promise<boolean> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  return browser.permissions.contains({ origins: [`${url.origin}/*`] }).catch(() => false);
}

async function fetchImage(url: URL): Promise<Blob> {
  // No cookies: the worker must not act as the user on another site.
  const response = await fetch(url, { credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw new VaultError('not-found', `The image could not be loaded (${response.status}).`);
  return response.blob();
}

async function inPage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch {
    throw new VaultError(
      'forbidden',
      `Ward may not read this page's image: use "Scan QR on this page" instead.`,
    );
  }
}

/** Decodes the image at `srcUrl` shown in `tab`; findings go to capture.pending. Returns the code count. */
export async function scanPageImage(tab: ScanTab, srcUrl: string): Promise<number> {
  let url: URL;
  try {
    url = new URL(srcUrl);
  } catch {
    throw new VaultError('bad-request', 'That image has no usable address.');
  }
  if (url.protocol === 'data:') return keepFindings(await decodeBlob(dataUrlToBlob(srcUrl)), tab, 'image');
  if (url.protocol === 'blob:') {
    const [done] = await inPage(() =>
      browser.scripting.executeScript({ target: { tabId: tab.id }, func: readBlobInPage, args: [srcUrl] }),
    );
    const dataUrl = done?.result;
    if (typeof dataUrl !== 'string') throw new VaultError('not-found', 'The image could not be read.');
    return keepFindings(await decodeBlob(dataUrlToBlob(dataUrl)), tab, 'image');
  }
  if (await canFetch(url)) {
    // An image behind a login does not load without the user's cookies: read it off the screen then.
    const blob = await fetchImage(url).catch(() => null);
    if (blob) return keepFindings(await decodeBlob(blob), tab, 'image');
  }
  // No permission for the image's site (or it would not load): cut it out of what the user sees.
  const [located] = await inPage(() =>
    browser.scripting.executeScript({ target: { tabId: tab.id }, func: locateImageInPage, args: [srcUrl] }),
  );
  const region = (located?.result ?? null) as SelectedRegion | null;
  if (!region) throw new VaultError('not-found', 'Ward could not find that image on the page.');
  const frame = await captureTab(tab);
  return keepFindings(await decodeRegion(frame, regionToFrameRect(region, frame)), tab, 'image');
}
