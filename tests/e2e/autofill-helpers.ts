/**
 * Browser-test helpers for autofill: a local HTTP server for tests/e2e/pages/autofill (reached
 * under *.test hostnames through Chromium's --host-resolver-rules), entries with known secrets,
 * and clicks on the inline Ward button, which lives in a closed shadow root (so by coordinates).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { Entry } from '../../crypto-core/entry';
import { generateCode } from '../../crypto-core/otp';

export const RESOLVE_TEST_HOSTS = '--host-resolver-rules=MAP *.test 127.0.0.1';
const PAGES = join(import.meta.dirname, 'pages', 'autofill');

/** Serves the fixture pages on 127.0.0.1 (any host name); returns the port and a close function. */
export async function servePages(): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    try {
      const body = readFileSync(join(PAGES, path || 'login.html'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { port, close: () => new Promise((r) => server.close(() => r())) };
}

/** A TOTP entry with a random secret, saved for `domains`. */
export function totpEntry(issuer: string, domains: string[]): Entry {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const secret = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % 32]).join('');
  return {
    type: 'totp',
    issuer,
    account: `${issuer.toLowerCase().replace(/\W/g, '')}@example.com`,
    secret,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    domains,
  };
}

/** The codes an entry had a period ago, has now and will have next (a fill may straddle a rollover). */
export function codesAround(entry: Entry, now = Date.now()): string[] {
  return [-30_000, 0, 30_000].map((d) => generateCode(entry, now + d));
}

/** Waits until the content script has drawn its host element in this frame. */
export async function waitForWardUi(frame: Page | Frame): Promise<void> {
  await frame.waitForFunction(() => document.querySelector('ward-autofill') !== null, undefined, {
    timeout: 15_000,
  });
}

/**
 * Clicks the Ward button of a field (a trusted click, like a person's): inside the right edge of a
 * single field, right of the last box of a split code. `last` is the last box for split codes.
 */
export async function clickWardButton(page: Page, field: Locator, last: Locator = field): Promise<void> {
  const first = await field.boundingBox();
  const end = await last.boundingBox();
  if (!first || !end) throw new Error('The field has no box on screen.');
  const split = field !== last;
  const size = 22;
  const x = split ? end.x + end.width + 4 + size / 2 : end.x + end.width - 6 - size / 2;
  await page.mouse.click(x, end.y + end.height / 2);
}
