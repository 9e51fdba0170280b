// Draws Ward's toolbar icons (a keyhole shield on blue) into extension/public/icon/<size>.png.
// Run by hand when the design changes: `node scripts/make-icons.mjs`. The PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const SIZES = [16, 32, 48, 128];
const SUPERSAMPLE = 4;
const BLUE = [26, 86, 219];
const WHITE = [255, 255, 255];

// Shapes in a 24-unit box, as the inline button's SVG icon.
function inRoundedSquare(x, y) {
  const r = 5;
  const cx = Math.min(Math.max(x, r), 24 - r);
  const cy = Math.min(Math.max(y, r), 24 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function inShield(x, y) {
  if (y < 3 || y > 21.5) return false;
  const half =
    y < 6 ? 7 * ((y - 3) / 3) ** 0.5 : y <= 12 ? 7 : 7 * Math.sqrt(Math.max(0, 1 - ((y - 12) / 9.5) ** 2));
  return Math.abs(x - 12) <= half;
}
function inKeyhole(x, y) {
  return (x - 12) ** 2 + (y - 10) ** 2 <= 2.6 ** 2 || (Math.abs(x - 12) <= 1.1 && y >= 10 && y <= 16);
}

mkdirSync('extension/public/icon', { recursive: true });
for (const size of SIZES) {
  const png = new PNG({ width: size, height: size });
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0;
      let white = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = ((px + (sx + 0.5) / n) * 24) / size;
          const y = ((py + (sy + 0.5) / n) * 24) / size;
          if (!inRoundedSquare(x, y)) continue;
          cover++;
          if (inShield(x, y) && !inKeyhole(x, y)) white++;
        }
      }
      const i = (py * size + px) * 4;
      const w = cover ? white / cover : 0;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(BLUE[c] * (1 - w) + WHITE[c] * w);
      png.data[i + 3] = Math.round((255 * cover) / (n * n));
    }
  }
  writeFileSync(`extension/public/icon/${size}.png`, PNG.sync.write(png));
}
console.log(`wrote ${SIZES.map((s) => `${s}.png`).join(', ')} to extension/public/icon/`);
