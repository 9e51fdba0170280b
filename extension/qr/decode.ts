/** QR decoding (ISO/IEC 18004) of RGBA frames with ZXing-C++ compiled to WebAssembly (zxing-wasm). */
import { prepareZXingModule, type ReaderOptions, readBarcodes } from 'zxing-wasm/reader';
import { assertFrame, type RgbaFrame } from './frame';
import { readingOrder } from './order';
import { loadReaderWasm } from './wasm';

export type { RgbaFrame } from './frame';

/** QR only: asking for every format costs about 4× the time (docs/BENCHMARKS.md). */
const READER_OPTIONS: ReaderOptions = { formats: ['QRCode'] };

let ready: Promise<unknown> | undefined;

/** Instantiates the decoder once, from packaged bytes (zxing-wasm would otherwise fetch a CDN copy). */
export function initQrDecoder(): Promise<unknown> {
  ready ??= loadReaderWasm()
    .then((bytes) =>
      prepareZXingModule({
        overrides: {
          wasmBinary: bytes.buffer.slice(
            bytes.byteOffset,
            bytes.byteOffset + bytes.byteLength,
          ) as ArrayBuffer,
        },
        fireImmediately: true,
      }),
    )
    .catch((e: unknown) => {
      ready = undefined; // let a later call try again
      throw e;
    });
  return ready;
}

/**
 * Returns the text of every QR code in an RGBA frame, each text once, top-to-bottom then
 * left-to-right; [] when there is none. Throws WardError 'invalid-argument' for a malformed frame
 * (wrong data length, zero or huge size): a caller bug, not an image without a code.
 */
export async function decodeQr(frame: RgbaFrame): Promise<string[]> {
  assertFrame(frame);
  await initQrDecoder();
  const results = await readBarcodes(frame as unknown as ImageData, READER_OPTIONS);
  return readingOrder(results.filter((r) => r.isValid).map((r) => ({ text: r.text, position: r.position })));
}
