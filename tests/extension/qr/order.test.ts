// Reading order of several codes in one capture, from the corners ZXing reports.
import { describe, expect, it } from 'vitest';
import { type Located, readingOrder } from '../../../extension/qr/order';

// A code whose top-left corner is (x, y) and side s, optionally given 180° (corners swapped).
function at(text: string, x: number, y: number, s = 100, upsideDown = false): Located {
  const tl = { x, y };
  const br = { x: x + s, y: y + s };
  const tr = { x: x + s, y };
  const bl = { x, y: y + s };
  return {
    text,
    position: upsideDown
      ? { topLeft: br, topRight: bl, bottomLeft: tr, bottomRight: tl }
      : { topLeft: tl, topRight: tr, bottomLeft: bl, bottomRight: br },
  };
}

describe('readingOrder', () => {
  it('reads rows top to bottom and each row left to right', () => {
    const codes = [at('D', 300, 420), at('B', 400, 10), at('C', 10, 400), at('A', 20, 30)];
    expect(readingOrder(codes)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('keeps codes a little out of line in the same row', () => {
    expect(readingOrder([at('right', 500, 0), at('left', 0, 40)])).toEqual(['left', 'right']);
  });

  it('puts a code below another when it starts beneath its middle', () => {
    expect(readingOrder([at('right-low', 500, 160), at('left', 0, 0)])).toEqual(['left', 'right-low']);
  });

  it('uses the corners whatever the symbol orientation', () => {
    expect(readingOrder([at('second', 300, 0, 100, true), at('first', 0, 0)])).toEqual(['first', 'second']);
  });

  it('keeps the first of repeated texts and handles none', () => {
    expect(readingOrder([at('x', 500, 0), at('y', 0, 300), at('x', 0, 0)])).toEqual(['x', 'y']);
    expect(readingOrder([])).toEqual([]);
  });
});
