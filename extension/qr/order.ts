/** Reading order for decoded codes: rows top to bottom, left to right within a row; each text once. */
import type { Position } from 'zxing-wasm/reader';

/** A decoded code and the four corners ZXing found for it. */
export interface Located {
  text: string;
  position: Position;
}

/**
 * Sorts codes the way a person reads a page and drops repeated texts (the first in reading order
 * stays). Codes whose centres lie within the first code's vertical extent share a row, so two
 * codes side by side read left to right even when one sits a few pixels higher.
 */
export function readingOrder(codes: Located[]): string[] {
  const boxes = codes.map((c) => {
    const ys = [
      c.position.topLeft.y,
      c.position.topRight.y,
      c.position.bottomLeft.y,
      c.position.bottomRight.y,
    ];
    const xs = [
      c.position.topLeft.x,
      c.position.topRight.x,
      c.position.bottomLeft.x,
      c.position.bottomRight.x,
    ];
    return {
      text: c.text,
      top: Math.min(...ys),
      bottom: Math.max(...ys),
      cx: xs.reduce((a, b) => a + b) / 4,
      cy: ys.reduce((a, b) => a + b) / 4,
    };
  });
  boxes.sort((a, b) => a.cy - b.cy || a.cx - b.cx);
  const ordered: typeof boxes = [];
  while (boxes.length) {
    const first = boxes[0] as (typeof boxes)[number];
    const row = boxes.filter((b) => b.cy >= first.top && b.cy <= first.bottom);
    row.sort((a, b) => a.cx - b.cx || a.cy - b.cy);
    ordered.push(...row);
    for (const b of row) boxes.splice(boxes.indexOf(b), 1);
  }
  return [...new Set(ordered.map((b) => b.text))]; // a Set keeps first-insertion order
}
