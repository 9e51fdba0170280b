// Frame helpers the region select relies on: exact pixels in, exact pixels out.
import { describe, expect, it } from 'vitest';
import { isWardError } from '../../../crypto-core/errors';
import { cropFrame, MAX_SIDE, padFrame, type RgbaFrame, scaleFrame } from '../../../extension/qr/frame';

// A w×h frame whose pixel (x, y) is [x, y, x + y, 255]: any misplaced copy shows.
function gradient(width: number, height: number): RgbaFrame {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x, y, x + y, 255], (y * width + x) * 4);
  }
  return { data, width, height };
}
const px = (f: RgbaFrame, x: number, y: number) => [
  ...f.data.subarray((y * f.width + x) * 4, (y * f.width + x) * 4 + 4),
];

function expectInvalid(fn: () => unknown, message: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(isWardError(e, 'invalid-argument')).toBe(true);
    expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected a WardError');
}

describe('cropFrame', () => {
  it('copies exactly the pixels inside the rectangle', () => {
    const crop = cropFrame(gradient(10, 8), { x: 3, y: 2, width: 4, height: 5 });
    expect([crop.width, crop.height]).toEqual([4, 5]);
    expect(px(crop, 0, 0)).toEqual([3, 2, 5, 255]);
    expect(px(crop, 3, 4)).toEqual([6, 6, 12, 255]);
  });

  it('rounds a fractional rectangle (CSS px × devicePixelRatio) outwards', () => {
    const crop = cropFrame(gradient(10, 8), { x: 2.5, y: 1.2, width: 3, height: 2.1 });
    expect([crop.width, crop.height]).toEqual([4, 3]); // x 2..6, y 1..4
    expect(px(crop, 0, 0)).toEqual([2, 1, 3, 255]);
  });

  it('clips a rectangle dragged past the edge of the capture', () => {
    const crop = cropFrame(gradient(10, 8), { x: -5, y: 6, width: 8, height: 20 });
    expect([crop.width, crop.height]).toEqual([3, 2]);
    expect(px(crop, 2, 1)).toEqual([2, 7, 9, 255]);
  });

  it('refuses an empty or outside region with a message for the user', () => {
    const f = gradient(10, 8);
    expectInvalid(() => cropFrame(f, { x: 4, y: 4, width: 0, height: 3 }), /region/);
    expectInvalid(() => cropFrame(f, { x: 20, y: 0, width: 5, height: 5 }), /region/);
    expectInvalid(() => cropFrame(f, { x: Number.NaN, y: 0, width: 5, height: 5 }), /rect/);
    expectInvalid(
      () =>
        cropFrame(
          { data: new Uint8ClampedArray(3), width: 1, height: 1 },
          { x: 0, y: 0, width: 1, height: 1 },
        ),
      /frame/,
    );
  });
});

describe('scaleFrame', () => {
  it('repeats each pixel factor × factor times (nearest neighbour, edges stay sharp)', () => {
    const big = scaleFrame(gradient(3, 2), 3);
    expect([big.width, big.height]).toEqual([9, 6]);
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 9; x++)
        expect(px(big, x, y)).toEqual(px(gradient(3, 2), Math.floor(x / 3), Math.floor(y / 3)));
    }
  });

  it('works on a view at an odd byte offset', () => {
    const f = gradient(4, 3);
    const shifted = new Uint8ClampedArray(f.data.length + 1);
    shifted.set(f.data, 1);
    const big = scaleFrame({ ...f, data: shifted.subarray(1) }, 2);
    expect(px(big, 7, 5)).toEqual([3, 2, 5, 255]);
  });

  it('returns the frame itself for factor 1 and refuses bad factors or huge results', () => {
    const f = gradient(4, 3);
    expect(scaleFrame(f, 1)).toBe(f);
    expectInvalid(() => scaleFrame(f, 0), /factor/);
    expectInvalid(() => scaleFrame(f, 1.5), /factor/);
    expectInvalid(() => scaleFrame(f, 17), /factor/);
    expectInvalid(() => scaleFrame(gradient(MAX_SIDE / 4 + 1, 1), 4), /too large/);
  });
});

describe('padFrame', () => {
  it('surrounds the frame with an opaque border of one grey level', () => {
    const padded = padFrame(gradient(2, 2), 3, 255);
    expect([padded.width, padded.height]).toEqual([8, 8]);
    expect(px(padded, 0, 0)).toEqual([255, 255, 255, 255]);
    expect(px(padded, 4, 4)).toEqual([1, 1, 2, 255]);
    expect(px(padFrame(gradient(1, 1), 1, 0), 0, 0)).toEqual([0, 0, 0, 255]);
  });
});
