// `npm run bench capture`: "Scan QR on this page" end to end in headless Chromium with the built
// extension: a 1920×1080 tab showing a setup QR code → capture.scan (captureVisibleTab PNG,
// createImageBitmap + OffscreenCanvas → RGBA, zxing-wasm decode, classify) → capture.add.
import type { Page } from 'playwright-core';
import { launchWardForCapture, servePages } from '../../tests/e2e/capture-helpers';
import { createVault, message } from '../../tests/e2e/harness';
import type { BenchSection } from '../types';

const RUNS = 10;
const WIDTH = 1920;
const HEIGHT = 1080;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function timed(popup: Page, type: string, body: unknown): Promise<number> {
  return popup.evaluate(
    async ([t, b]) => {
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: t, body: b });
      if (!reply?.ok) throw new Error(`${reply?.error?.code}: ${reply?.error?.message}`);
      return performance.now() - t0;
    },
    [type, body] as const,
  );
}

export default async (): Promise<BenchSection> => {
  const server = await servePages();
  const ward = await launchWardForCapture();
  try {
    const popup = await ward.openPopup();
    await createVault(popup);
    const site = await ward.context.newPage();
    await site.setViewportSize({ width: WIDTH, height: HEIGHT });
    await site.goto(`${server.origin}/setup`);
    await site.bringToFront();
    // The size the worker really captures (Playwright's viewport applies to the tab's rendering).
    const worker = ward.context.serviceWorkers()[0];
    if (!worker) throw new Error('Ward has no service worker');
    const size = await worker.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { tabs: { captureVisibleTab(w?: number, o?: object): Promise<string> } };
        }
      ).chrome;
      const url = await api.tabs.captureVisibleTab(undefined, { format: 'png' });
      const bitmap = await createImageBitmap(await (await fetch(url)).blob());
      return `${bitmap.width}×${bitmap.height}`;
    });
    await new Promise((r) => setTimeout(r, 1100));
    await timed(popup, 'capture.scan', {}); // warm-up: the first scan instantiates the WASM decoder
    const scans: number[] = [];
    const adds: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Chrome allows two captures a second: space the runs so none waits for its quota.
      await new Promise((r) => setTimeout(r, 1100));
      scans.push(await timed(popup, 'capture.scan', {}));
      adds.push(await timed(popup, 'capture.add', { pick: [0], duplicates: 'keep' }));
    }
    const entries = await message<unknown[]>(popup, 'entries.list');
    if (entries.length !== RUNS) throw new Error(`expected ${RUNS} entries, got ${entries.length}`);
    const s = median(scans);
    const a = median(adds);
    return {
      title: 'QR capture to entry (headless Chromium, built extension)',
      columns: ['step', 'tab', `ms (median of ${RUNS})`],
      rows: [
        ['capture.scan: captureVisibleTab + PNG → RGBA + decode', size, Math.round(s)],
        ['capture.add: seal and store the entry', size, Math.round(a)],
        ['capture to entry', size, Math.round(s + a)],
      ],
      notes: [
        'Measured from the popup page as message round trips, after one warm-up scan (WASM instantiation).',
        'Headless Chromium renders with software; captureVisibleTab there is slower than on a desktop GPU.',
      ],
    };
  } finally {
    await ward.cleanup();
    await server.close();
  }
};
