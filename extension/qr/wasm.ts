/**
 * Loads ZXing-C++'s reader WebAssembly from the extension package (or, under node, from
 * node_modules) — never from a network — and checks it against the SHA-256 that zxing-wasm
 * publishes for its own build, so glue code and binary always match.
 */
import { ZXING_WASM_SHA256 } from 'zxing-wasm/reader';
import { WardError } from '../../crypto-core/errors';

/** Where the build puts `zxing-wasm/reader/zxing_reader.wasm` inside the extension package. */
export const READER_WASM_PATH = '/wasm/zxing_reader.wasm';

interface ExtensionRuntime {
  getURL(path: string): string;
}
/** The globals the loader looks at; tests pass their own to exercise the extension path. */
export interface LoaderGlobals {
  browser?: { runtime?: Partial<ExtensionRuntime> };
  chrome?: { runtime?: Partial<ExtensionRuntime> };
  process?: { versions?: { node?: string }; getBuiltinModule?: (name: string) => unknown };
}

/** Reads the reader WASM bytes from wherever this code runs; never touches a network. */
export async function loadReaderWasm(g: LoaderGlobals = globalThis as LoaderGlobals): Promise<Uint8Array> {
  // Node first: vitest's WXT plugin stubs `chrome`/`browser` with a fake, so their presence
  // does not mean we are inside an extension.
  const bytes = g.process?.versions?.node ? await readFromNodeModules(g) : await fetchFromPackage(g);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (hex !== ZXING_WASM_SHA256) {
    throw new WardError(
      'corrupt',
      'the QR decoder file does not match this build of Ward: reinstall the extension',
    );
  }
  return bytes;
}

async function fetchFromPackage(g: LoaderGlobals): Promise<Uint8Array> {
  const getURL = g.browser?.runtime?.getURL ?? g.chrome?.runtime?.getURL;
  if (typeof getURL !== 'function') {
    throw new WardError('corrupt', 'QR decoding needs the extension runtime (or node) to load its decoder');
  }
  const url = new URL(getURL(READER_WASM_PATH));
  // getURL yields chrome-extension:// or moz-extension://; refuse anything that would go out.
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    throw new WardError('invalid-argument', 'the QR decoder must come from the extension package');
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new WardError('corrupt', `the QR decoder file is missing from the extension (${response.status})`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function readFromNodeModules(g: LoaderGlobals): Promise<Uint8Array> {
  // process.getBuiltinModule (Node ≥ 20.16) reaches fs without any import() that the extension
  // bundler would follow or keep in the service worker.
  const builtin = g.process?.getBuiltinModule;
  if (typeof builtin !== 'function') {
    throw new WardError(
      'corrupt',
      'QR decoding under node needs Node 20.16 or newer (process.getBuiltinModule)',
    );
  }
  const { readFile } = builtin('fs/promises') as typeof import('node:fs/promises');
  const { createRequire } = builtin('module') as typeof import('node:module');
  const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  return new Uint8Array(await readFile(path));
}
