/**
 * Browser-test helpers for QR capture: a test web server with setup pages (QR PNGs made by the
 * qrcode package), served under *.test host names mapped to 127.0.0.1, and a launch of Ward
 * whose manifest also holds `<all_urls>`. That one change stands in for activeTab, which only a
 * real click on the toolbar button, a menu or the shortcut grants and which a headless test
 * cannot give; the code paths after the grant are the same.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import QRCode from 'qrcode';
import { EXTENSION_DIR, launchWard, type Ward } from './harness';

const PAGES = resolve(import.meta.dirname, 'pages/capture');

/** The otpauth:// URI each served code holds, by its `for` name. */
export const CODES: Record<string, string> = {
  setup: 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
  hidden: 'otpauth://totp/Hidden%20Co:bob?secret=KRSXG5CTMVRXEZLUKN2XAZLSNBQW4ZDT&issuer=Hidden%20Co',
  private: 'otpauth://totp/Private:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Private',
  text: 'https://example.test/welcome',
  paste: 'otpauth://totp/Pasted:dave?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Pasted',
};

/** A PNG of the QR code holding `text` (4-module quiet zone, 6 px modules). */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', margin: 4, scale: 6, errorCorrectionLevel: 'M' });
}

export interface PageServer {
  /** base URL under a *.test host, e.g. http://accounts.example.test:PORT */
  origin: string;
  close(): Promise<void>;
}

/** Serves pages/capture/*.html, /qr.png?for=NAME and /private.png (cookie required). */
export async function servePages(host = 'accounts.example.test'): Promise<PageServer> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    try {
      if (url.pathname === '/qr.png' || url.pathname === '/private.png') {
        const name = url.pathname === '/private.png' ? 'private' : (url.searchParams.get('for') ?? '');
        if (name === 'private' && !/session=1/.test(req.headers.cookie ?? '')) {
          res.writeHead(403).end('login required');
          return;
        }
        const text = CODES[name];
        if (!text) {
          res.writeHead(404).end();
          return;
        }
        res
          .writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' })
          .end(await qrPng(text));
        return;
      }
      const html = readFileSync(join(PAGES, `${url.pathname.replace(/[^a-z-]/g, '')}.html`));
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'session=1; Path=/' })
        .end(html);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Ward from a copy of the build whose manifest adds `<all_urls>` (see the file comment). */
export async function launchWardForCapture(): Promise<Ward & { cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ward-capture-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), '<all_urls>'];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  const ward = await launchWard({
    extensionDir: dir,
    args: ['--host-resolver-rules=MAP *.test 127.0.0.1', '--force-device-scale-factor=1'],
  });
  return {
    ...ward,
    async cleanup() {
      await ward.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
