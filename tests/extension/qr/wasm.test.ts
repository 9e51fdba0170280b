// The decoder's WASM comes from the package, never from a network: zxing-wasm's default is a CDN.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { purgeZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { renderPage } from '../../../bench/qr-corpus';
import { isWardError } from '../../../crypto-core/errors';
import { loadReaderWasm, READER_WASM_PATH } from '../../../extension/qr/wasm';

const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
const TEXT = 'otpauth://totp/Net:none?secret=JBSWY3DPEHPK3PXP';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('QR decoder initialisation', () => {
  it('decodes with every network access failing (and zxing-wasm alone would have gone to a CDN)', async () => {
    const fetchSpy = vi.fn((_input: RequestInfo | URL): Promise<Response> => {
      throw new TypeError('network disabled in this test');
    });
    vi.stubGlobal('fetch', fetchSpy);
    vi.spyOn(console, 'error').mockImplementation(() => {}); // emscripten reports the failed fetch
    const frame = renderPage({
      name: 'n',
      width: 300,
      height: 240,
      background: 'white',
      codes: [{ text: TEXT, module: 3, x: 40, y: 30 }],
    }).frame;

    // Control: a fresh zxing-wasm with default settings tries to download its binary.
    purgeZXingModule();
    await expect(readBarcodes(frame as unknown as ImageData, { formats: ['QRCode'] })).rejects.toBeDefined();
    expect(String(fetchSpy.mock.calls[0]?.[0])).toMatch(/^https:\/\/.*zxing_reader\.wasm$/);

    // Ward's decoder, loaded fresh, must not.
    fetchSpy.mockClear();
    purgeZXingModule();
    vi.resetModules();
    const { decodeQr } = await import('../../../extension/qr/decode');
    expect(await decodeQr(frame)).toEqual([TEXT]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('in the extension, fetches the packaged file from the extension origin', async () => {
    const bytes = await readFile(wasmPath);
    const fetchSpy = vi.fn(async (_input: RequestInfo | URL) => new Response(bytes));
    vi.stubGlobal('fetch', fetchSpy);
    const runtime = { getURL: (p: string) => `chrome-extension://abcdefghijklmnop${p}` };
    const loaded = await loadReaderWasm({ chrome: { runtime } });
    expect(loaded.length).toBe(bytes.length);
    expect(String(fetchSpy.mock.calls[0]?.[0])).toBe(
      `chrome-extension://abcdefghijklmnop${READER_WASM_PATH}`,
    );
    // Firefox's `browser` namespace is preferred when both exist
    const moz = { getURL: (p: string) => `moz-extension://1234-5678${p}` };
    await loadReaderWasm({ browser: { runtime: moz }, chrome: { runtime } });
    expect(String(fetchSpy.mock.calls[1]?.[0])).toMatch(/^moz-extension:/);
  });

  it('refuses a decoder URL on the web, a missing file, a tampered file and a missing runtime', async () => {
    const bytes = await readFile(wasmPath);
    const fetchSpy = vi.fn(async (_input: RequestInfo | URL) => new Response(bytes));
    vi.stubGlobal('fetch', fetchSpy);
    const web = { chrome: { runtime: { getURL: (p: string) => `https://cdn.example${p}` } } };
    const ext = { chrome: { runtime: { getURL: (p: string) => `chrome-extension://x${p}` } } };
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: unknown) => (isWardError(e) ? e.code : String(e)),
      );

    expect(await code(loadReaderWasm(web))).toBe('invalid-argument');
    expect(fetchSpy).not.toHaveBeenCalled();

    fetchSpy.mockImplementationOnce(async () => new Response('not found', { status: 404 }));
    expect(await code(loadReaderWasm(ext))).toBe('corrupt');

    const tampered = new Uint8Array(bytes);
    tampered[100] = (tampered[100] as number) ^ 1;
    fetchSpy.mockImplementationOnce(async () => new Response(tampered));
    expect(await code(loadReaderWasm(ext))).toBe('corrupt');

    expect(await code(loadReaderWasm({}))).toBe('corrupt');
  });
});
