// Region select: the user drags a rectangle over a code the full-page scan missed.
import { describe, expect, it } from 'vitest';
import { codeExtent, otpauthUri, renderPage, rng } from '../../../bench/qr-corpus';
import { isWardError } from '../../../crypto-core/errors';
import { decodeQr } from '../../../extension/qr/decode';
import { cropFrame } from '../../../extension/qr/frame';
import { decodeRegion } from '../../../extension/qr/region';

describe('decodeRegion', () => {
  it('reads only the code inside the selected rectangle', async () => {
    const random = rng(9);
    const [left, right] = [otpauthUri(random, 'Left'), otpauthUri(random, 'Right')];
    const page = renderPage({
      name: 'two',
      width: 900,
      height: 400,
      background: 'grey',
      codes: [
        { text: left, module: 3, x: 40, y: 40 },
        { text: right, module: 3, x: 500, y: 40 },
      ],
    }).frame;
    expect(await decodeRegion(page, { x: 480, y: 20, width: 400, height: 360 })).toEqual([right]);
  });

  it('scales a small selection up when the code is too small to read at 1×', async () => {
    // 1.25 px modules, turned 4°: ZXing misses it in the crop as captured (checked below), and
    // reads it once the crop is enlarged with nearest-neighbour pixels.
    const text =
      'otpauth://totp/Example:alice%40example.com?secret=E7LASK7IB4AQW44FFYMW6VMNQQIEKKCT&issuer=Example';
    const side = codeExtent(text, 1.25);
    const page = renderPage({
      name: 'tiny',
      width: 320,
      height: 240,
      background: 'white',
      codes: [{ text, module: 1.25, x: 30, y: 20, angle: 4 }],
      seed: 19,
    }).frame;
    const rect = { x: 20, y: 10, width: side + 20, height: side + 20 };
    expect(await decodeQr(cropFrame(page, rect))).toEqual([]);
    expect(await decodeRegion(page, rect)).toEqual([text]);
  });

  it('returns [] for a region without a code, and refuses a region off the capture', async () => {
    const page = renderPage({ name: 'none', width: 400, height: 300, background: 'white', codes: [] }).frame;
    expect(await decodeRegion(page, { x: 10, y: 10, width: 200, height: 150 })).toEqual([]);
    const error = await decodeRegion(page, { x: 500, y: 10, width: 50, height: 50 }).catch((e: unknown) => e);
    expect(isWardError(error, 'invalid-argument')).toBe(true);
  });
});
