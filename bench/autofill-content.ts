// The built content script in real Chromium (`npm run build:chrome` first): its gzipped size, and
// the CPU it uses on a page that mutates 1,000 times a second for 5 s, from a V8 CPU profile of
// the tab (samples inside content-scripts/content.js and everything it calls).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { RESOLVE_TEST_HOSTS, totpEntry } from '../tests/e2e/autofill-helpers';
import { EXTENSION_DIR, launchWard, message, PASSPHRASE } from '../tests/e2e/harness';

/** Gzipped (level 9) bytes of the built content script. */
export function contentScriptSize(): { raw: number; gzip: number } {
  const file = join(EXTENSION_DIR, 'content-scripts', 'content.js');
  if (!existsSync(file)) throw new Error('Run `npm run build:chrome` first.');
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** ms of samples inside the content script (its own frames and whatever they call), and in all JS. */
function attribute(profile: Profile, scriptUrl: string): { content: number; busy: number } {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // a sample's time is the gap to the next sample
    const dt = (deltas[i + 1] ?? 0) / 1000;
    self.set(samples[i] as number, (self.get(samples[i] as number) ?? 0) + dt);
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let content = 0;
  let busy = 0;
  const walk = (id: number, inside: boolean) => {
    const node = byId.get(id);
    if (!node) return;
    const here = inside || node.callFrame.url === scriptUrl;
    const t = self.get(id) ?? 0;
    if (here) content += t;
    if (!['(idle)', '(program)', '(garbage collector)', '(root)'].includes(node.callFrame.functionName))
      busy += t;
    for (const c of node.children ?? []) walk(c, here);
  };
  walk(profile.nodes[0]?.id ?? 1, false);
  return { content, busy };
}

const STORM = `(async () => {
  const clock = document.createElement('div');
  document.body.appendChild(clock);
  const began = performance.now();
  for (let tick = 0; tick < 500; tick++) {
    for (let k = 0; k < 10; k++) clock.textContent = String(tick * 10 + k);
    await new Promise((r) => setTimeout(r, 10));
  }
  return (performance.now() - began) / 1000;
})()`;

async function profiled(page: Page, cdp: CDPSession, run: () => Promise<number>) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const seconds = await run();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.send('Profiler.disable');
  void page;
  return { seconds, profile };
}

export interface ContentCost {
  seconds: number;
  contentMs: number;
  pageJsMs: number;
  idleContentMs: number;
  version: string;
}

/** Content-script CPU on a static page (5 s) and on a page mutating 1,000 times a second (5 s). */
export async function contentScriptCost(html: string): Promise<ContentCost> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const ward = await launchWard({ args: [RESOLVE_TEST_HOSTS] });
  try {
    const popup = await ward.openPopup();
    await message(popup, 'vault.create', { passphrase: PASSPHRASE });
    await message(popup, 'vault.confirmCreate');
    await message(popup, 'entries.add', { entry: totpEntry('Example', ['example.test']) });
    const page = await ward.context.newPage();
    await page.goto(`http://example.test:${port}/`);
    // the content script has scanned and drawn its button
    await page.waitForFunction(() => document.querySelector('ward-autofill') !== null, undefined, {
      timeout: 30_000,
    });
    const scriptUrl = `chrome-extension://${ward.extensionId}/content-scripts/content.js`;
    const cdp = await ward.context.newCDPSession(page);
    const idle = await profiled(page, cdp, async () => {
      await new Promise((r) => setTimeout(r, 5000));
      return 5;
    });
    const storm = await profiled(page, cdp, () => page.evaluate(STORM) as Promise<number>);
    const a = attribute(storm.profile, scriptUrl);
    return {
      seconds: storm.seconds,
      contentMs: a.content,
      pageJsMs: a.busy - a.content,
      idleContentMs: attribute(idle.profile, scriptUrl).content,
      version: ward.context.browser()?.version() ?? '?',
    };
  } finally {
    await ward.close();
    await new Promise((r) => server.close(() => r(undefined)));
  }
}
