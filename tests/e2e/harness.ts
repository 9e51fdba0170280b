/**
 * Browser-test harness: Debian's Chromium with the built extension (`npm run build` first), one
 * fresh profile per launch, helpers to reach the popup page and the service worker.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

// The extension APIs as seen inside page.evaluate / worker.evaluate (those bodies run in the browser).
declare global {
  const chrome: {
    runtime: {
      sendMessage(
        m: unknown,
      ): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
    };
    storage: {
      local: { get(k: null): Promise<Record<string, unknown>> };
      session: { get(k: null): Promise<Record<string, unknown>> };
    };
  };
}

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const CHROMIUM = process.env.WARD_CHROMIUM ?? '/usr/bin/chromium';
/** A passphrase zxcvbn scores 4, used by every test that creates a vault. */
export const PASSPHRASE = 'correct horse battery staple orbit 1987';

export interface Ward {
  context: BrowserContext;
  extensionId: string;
  popupUrl: string;
  /** the DevTools target id of the running service worker (a new one after a restart), or null */
  workerTargetId(): Promise<string | null>;
  /**
   * Stops the service worker as Chrome does after 30 s idle: the DevTools protocol closes its target
   * (ServiceWorker.stopAllWorkers is not available on a browser session for extension workers).
   */
  stopWorker(): Promise<void>;
  /** opens popup.html in a new tab */
  openPopup(): Promise<Page>;
  close(): Promise<void>;
}

/** Options for special launches: a patched copy of the build, extra Chromium flags. */
export interface LaunchOptions {
  /** load the extension from here instead of EXTENSION_DIR */
  extensionDir?: string;
  /** extra Chromium flags, e.g. `--host-resolver-rules=MAP *.test 127.0.0.1` */
  args?: string[];
}

/** Launches Chromium with Ward loaded; throws a clear message when the build is missing. */
export async function launchWard(options: LaunchOptions = {}): Promise<Ward> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${EXTENSION_DIR}: run \`npm run build\` before the browser tests.`,
    );
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set WARD_CHROMIUM).`);
  const profile = mkdtempSync(join(tmpdir(), 'ward-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(options.args ?? []),
    ],
  });
  const first =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(first.url()).host;
  const origin = `chrome-extension://${extensionId}`;
  const popupUrl = `${origin}/popup.html`;

  // Playwright does not follow a restarted extension worker, so the harness uses the DevTools
  // protocol on the browser target to see and stop it.
  async function workerTargetId(): Promise<string | null> {
    const browser = context.browser();
    if (!browser) throw new Error('No browser handle to reach the DevTools protocol.');
    const cdp = await browser.newBrowserCDPSession();
    try {
      const { targetInfos } = await cdp.send('Target.getTargets');
      return (
        targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(origin))?.targetId ?? null
      );
    } finally {
      await cdp.detach();
    }
  }

  async function stopWorker(): Promise<void> {
    const targetId = await workerTargetId();
    if (!targetId) throw new Error('Ward has no running service worker to stop.');
    const cdp = await (
      context.browser() as NonNullable<ReturnType<BrowserContext['browser']>>
    ).newBrowserCDPSession();
    await cdp.send('Target.closeTarget', { targetId });
    await cdp.detach();
    for (let i = 0; i < 100 && (await workerTargetId()) === targetId; i++)
      await new Promise((r) => setTimeout(r, 50));
  }

  return {
    context,
    extensionId,
    popupUrl,
    workerTargetId,
    stopWorker,
    async openPopup() {
      const page = await context.newPage();
      await page.goto(popupUrl);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Creates a vault through the popup UI: passphrase twice, recovery words, 3-word confirmation. */
export async function createVault(page: Page, passphrase = PASSPHRASE): Promise<string[]> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Passphrase again').fill(passphrase);
  await page.getByText(/Strength: (Strong|Very strong)/).waitFor();
  await page.getByRole('button', { name: 'Create vault' }).click();
  const list = page.getByTestId('recovery-words');
  await list.waitFor({ timeout: 30_000 });
  const words = await list.locator('li').allTextContents();
  await page.getByRole('button', { name: 'I have saved it' }).click();
  for (const input of await page.locator('input[data-position]').all()) {
    const position = Number(await input.getAttribute('data-position'));
    await input.fill(words[position - 1] as string);
  }
  await page.getByRole('button', { name: 'Confirm and open vault' }).click();
  await page.getByRole('heading', { name: 'No accounts yet' }).waitFor({ timeout: 30_000 });
  return words;
}

/** Sends a message to the service worker from an extension page, as the popup does. */
export async function message<T>(page: Page, type: string, body: unknown = {}): Promise<T> {
  return page.evaluate(
    async ([t, b]) => {
      const reply = await chrome.runtime.sendMessage({ type: t, body: b });
      if (!reply?.ok) throw new Error(`${reply?.error?.code}: ${reply?.error?.message}`);
      return reply.value;
    },
    [type, body] as const,
  ) as Promise<T>;
}

/** Everything in one storage area as a JSON string, read from an extension page (a trusted context). */
export async function dumpStorage(page: Page, area: 'local' | 'session'): Promise<string> {
  return page.evaluate(async (a) => JSON.stringify(await chrome.storage[a].get(null)), area);
}
