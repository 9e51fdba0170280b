// Synthetic "screenshots" holding QR codes, for the QR decoder's tests and benchmark.
// Matrices come from the `qrcode` package (an independent encoder); everything else — page
// background, text-like noise, rotation, blur, sensor-style noise — is drawn here, seeded, so
// every run sees the same pixels.
import QRCode from 'qrcode';
import type { RgbaFrame } from '../extension/qr/frame';

/** One QR code to place on a page. */
export interface CodeSpec {
  text: string;
  /** module size in pixels; fractional sizes are drawn antialiased, like a scaled screenshot */
  module: number;
  /** top-left corner of the quiet zone */
  x: number;
  y: number;
  /** light modules on a dark ground (a dark-mode page's QR code) */
  inverted?: boolean;
  /** degrees, clockwise */
  angle?: number;
  /** quiet-zone width in modules (the standard asks for 4; pages often give less) */
  quiet?: number;
  ecl?: 'L' | 'M' | 'Q' | 'H';
  /** grey levels of dark and light modules, overriding the defaults (and `inverted`) */
  colors?: [dark: number, light: number];
}

/** A page to draw. */
export interface PageSpec {
  name: string;
  width: number;
  height: number;
  background: 'white' | 'grey' | 'dark';
  codes: CodeSpec[];
  /**
   * tent-blur radius in pixels (0 = sharp). Radius 1 is what bilinear scaling of a QR image does
   * to a screenshot; radius 2 on 2 px modules is unreadable for every decoder we tried.
   */
  blur?: number;
  /** standard deviation of added per-pixel noise */
  noise?: number;
  seed?: number;
}

/** A drawn page with the texts a decoder should find. */
export interface CorpusFrame {
  name: string;
  frame: RgbaFrame;
  expected: string[];
  /** QR versions of the codes, for the report */
  versions: number[];
}

/** mulberry32: a small seeded PRNG, so corpora are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BACKGROUND = { white: 255, grey: 218, dark: 32 } as const;

/** Encodes `text` as a QR matrix (ISO/IEC 18004 via the `qrcode` package). */
export function qrMatrix(
  text: string,
  ecl: CodeSpec['ecl'] = 'M',
): { size: number; dark: Uint8Array; version: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: ecl });
  return { size: qr.modules.size, dark: qr.modules.data, version: qr.version };
}

/** The outer size in pixels of a code including its quiet zone. */
export function codeExtent(text: string, module: number, quiet = 4, ecl: CodeSpec['ecl'] = 'M'): number {
  return Math.ceil((qrMatrix(text, ecl).size + 2 * quiet) * module);
}

/** Draws a page as an RGBA frame. */
export function renderPage(spec: PageSpec): CorpusFrame {
  const { width, height } = spec;
  const random = rng(spec.seed ?? 1);
  const grey = new Float32Array(width * height).fill(BACKGROUND[spec.background]);
  drawTextLines(grey, width, height, spec.background, random);
  const versions: number[] = [];
  for (const code of spec.codes) versions.push(drawCode(grey, width, height, code));
  if (spec.blur) tentBlur(grey, width, height, spec.blur);
  const data = new Uint8ClampedArray(width * height * 4);
  const sigma = spec.noise ?? 0;
  // A faint colour cast per channel so the decoders' RGB → luma conversion is exercised.
  for (let i = 0, p = 0; i < grey.length; i++, p += 4) {
    const v = (grey[i] as number) + (sigma ? gaussian(random) * sigma : 0);
    data[p] = v + 3;
    data[p + 1] = v;
    data[p + 2] = v - 4;
    data[p + 3] = 255;
  }
  return {
    name: spec.name,
    frame: { data, width, height },
    expected: spec.codes.map((c) => c.text),
    versions,
  };
}

function gaussian(random: () => number): number {
  // Irwin–Hall approximation: cheap and bounded, good enough for sensor-like noise.
  return random() + random() + random() + random() - 2;
}

// Rows of "words": dark blocks on light pages, light blocks on dark ones, the way text looks to
// a binariser. Codes drawn afterwards cover whatever lies beneath them.
function drawTextLines(
  grey: Float32Array,
  width: number,
  height: number,
  bg: PageSpec['background'],
  random: () => number,
): void {
  const ink = bg === 'dark' ? 205 : 40;
  const lineHeight = 22;
  for (let y = 30; y + lineHeight < height - 30; y += lineHeight + Math.floor(random() * 14)) {
    if (random() < 0.25) continue; // paragraph gap
    let x = 40 + Math.floor(random() * 60);
    const end = width - 40 - Math.floor(random() * width * 0.3);
    while (x < end) {
      const word = 12 + Math.floor(random() * 70);
      const glyph = 9 + Math.floor(random() * 4);
      // each "word" is a row of glyph-sized strokes so it has edges like real text
      for (let gx = x; gx < Math.min(x + word, end); gx += 7) {
        fillRect(grey, width, height, gx, y + (lineHeight - glyph), 4 + Math.floor(random() * 2), glyph, ink);
      }
      x += word + 8 + Math.floor(random() * 6);
    }
  }
  // a few filled panels (buttons, images) of mid tones
  for (let i = 0; i < 6; i++) {
    const w = 80 + Math.floor(random() * 300);
    const h = 30 + Math.floor(random() * 160);
    const tone = 60 + Math.floor(random() * 150);
    fillRect(grey, width, height, Math.floor(random() * width), Math.floor(random() * height), w, h, tone);
  }
}

function fillRect(
  grey: Float32Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
  v: number,
): void {
  for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
    grey.fill(v, y * width + Math.max(0, x0), y * width + Math.min(width, x0 + w));
  }
}

// Draws a code by inverse mapping: each pixel of the (rotated) bounding box samples the module
// grid at 3×3 points, which antialiases fractional module sizes and rotated edges.
function drawCode(grey: Float32Array, width: number, height: number, code: CodeSpec): number {
  const { size, dark, version } = qrMatrix(code.text, code.ecl);
  const quiet = code.quiet ?? 4;
  const total = size + 2 * quiet;
  const side = total * code.module;
  const [fg, bg] = code.colors ?? (code.inverted ? [235, 24] : [20, 252]);
  const theta = ((code.angle ?? 0) * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const cx = code.x + side / 2;
  const cy = code.y + side / 2;
  const half = (side / 2) * (Math.abs(cos) + Math.abs(sin));
  const sub = [1 / 6, 1 / 2, 5 / 6];
  for (let py = Math.max(0, Math.floor(cy - half)); py < Math.min(height, Math.ceil(cy + half)); py++) {
    for (let px = Math.max(0, Math.floor(cx - half)); px < Math.min(width, Math.ceil(cx + half)); px++) {
      let sum = 0;
      let inside = 0;
      for (const sy of sub) {
        for (const sx of sub) {
          const dx = px + sx - cx;
          const dy = py + sy - cy;
          // rotate back into the code's own frame
          const u = (dx * cos + dy * sin + side / 2) / code.module;
          const v = (-dx * sin + dy * cos + side / 2) / code.module;
          if (u < 0 || v < 0 || u >= total || v >= total) continue;
          inside++;
          const mx = Math.floor(u) - quiet;
          const my = Math.floor(v) - quiet;
          const isDark = mx >= 0 && my >= 0 && mx < size && my < size && dark[my * size + mx] === 1;
          sum += isDark ? fg : bg;
        }
      }
      if (inside === 0) continue;
      const i = py * width + px;
      grey[i] = (sum + (9 - inside) * (grey[i] as number)) / 9;
    }
  }
  return version;
}

// Separable tent blur (weights 1, 2, …, r+1, …, 2, 1), edges clamped. Radius 1 is bilinear
// interpolation's footprint when a browser scales an image; radius 2 is a soft, defocused look.
function tentBlur(grey: Float32Array, width: number, height: number, r: number): void {
  const weights = Array.from({ length: 2 * r + 1 }, (_, k) => r + 1 - Math.abs(k - r));
  const total = weights.reduce((x, y) => x + y);
  const tmp = new Float32Array(grey.length);
  blur1d(grey, tmp, width, height, 1, width, weights, total);
  blur1d(tmp, grey, height, width, width, 1, weights, total);
}

function blur1d(
  src: Float32Array,
  dst: Float32Array,
  len: number,
  lines: number,
  step: number,
  lineStep: number,
  weights: number[],
  total: number,
): void {
  const r = (weights.length - 1) / 2;
  for (let l = 0; l < lines; l++) {
    const base = l * lineStep;
    for (let k = 0; k < len; k++) {
      let acc = 0;
      for (let j = -r; j <= r; j++) {
        acc +=
          (weights[j + r] as number) * (src[base + Math.min(len - 1, Math.max(0, k + j)) * step] as number);
      }
      dst[base + k * step] = acc / total;
    }
  }
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An otpauth:// URI (Key Uri Format) with a random 160-bit secret. */
export function otpauthUri(random: () => number, issuer = 'Example', account = 'alice@example.com'): string {
  let secret = '';
  for (let i = 0; i < 32; i++) secret += BASE32[Math.floor(random() * 32)];
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
}

/**
 * A Google Authenticator export URI (otpauth-migration://offline?data=…) holding `count` TOTP
 * accounts: protobuf MigrationPayload { otp_parameters = 1, version = 2, batch_size = 3,
 * batch_index = 4, batch_id = 5 }, encoded here by hand so the corpus does not depend on the code
 * under test. Ten accounts make a version 15+ symbol, as the app's own export screens do.
 */
export function migrationUri(random: () => number, count: number): string {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const secret = Array.from({ length: 20 }, () => Math.floor(random() * 256));
    const otp = [
      ...field(1, secret),
      ...field(2, utf8(`user${i}@example.com`)),
      ...field(3, utf8(['Google', 'GitHub', 'Proton', 'Bank', 'Cloud'][i % 5] as string)),
      ...varintField(4, 1), // SHA1
      ...varintField(5, 1), // six digits
      ...varintField(6, 2), // TOTP
    ];
    out.push(...field(1, otp));
  }
  out.push(...varintField(2, 1), ...varintField(3, 1), ...varintField(4, 0), ...varintField(5, 123456789));
  const b64 = btoa(String.fromCharCode(...out));
  return `otpauth-migration://offline?data=${encodeURIComponent(b64)}`;
}

function utf8(s: string): number[] {
  return [...new TextEncoder().encode(s)];
}
function varint(n: number): number[] {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return bytes;
}
function varintField(tag: number, n: number): number[] {
  return [...varint(tag << 3), ...varint(n)];
}
function field(tag: number, bytes: number[]): number[] {
  return [...varint((tag << 3) | 2), ...varint(bytes.length), ...bytes];
}

const SIZES = [
  [1280, 800],
  [1920, 1080],
  [2560, 1440],
  [3840, 2160],
] as const;
type Size = (typeof SIZES)[number];
const BACKGROUNDS = ['white', 'grey', 'dark'] as const;
const bgAt = (i: number): PageSpec['background'] => BACKGROUNDS[i % 3] as PageSpec['background'];

type Variant = Omit<CodeSpec, 'x' | 'y' | 'text'> & { text?: string; page?: Partial<PageSpec> };

/** Builds pages holding one code each, at a seeded random place clear of the edges. */
function pageMaker(random: () => number) {
  let n = 0;
  return {
    next: () => ++n,
    one(name: string, [w, h]: Size, background: PageSpec['background'], v: Variant): PageSpec {
      const { page, ...code } = v;
      const text = code.text ?? otpauthUri(random, `Issuer${n}`, `user${n}@example.com`);
      const extent = codeExtent(text, code.module, code.quiet, code.ecl) * 1.5;
      const x = Math.floor(40 + random() * Math.max(1, w - extent - 80));
      const y = Math.floor(40 + random() * Math.max(1, h - extent - 80));
      const label = `${name} ${w}×${h} ${background} ${code.module}px`;
      return {
        name: label,
        width: w,
        height: h,
        background,
        codes: [{ ...code, text, x, y }],
        seed: ++n,
        ...page,
      };
    },
  };
}

/**
 * The benchmark corpus (52 pages): every size × background with module sizes 2–10 px, then per
 * size an inverted, blurred, noisy, rotated, low-contrast, long-migration (version 15+),
 * combined-hard and empty page, and pages holding two or three codes.
 * Returned as specs so callers draw one frame at a time (a 4K frame is 33 MB).
 */
export function benchCorpus(seed = 2026): PageSpec[] {
  const random = rng(seed);
  const make = pageMaker(random);
  const specs: PageSpec[] = [];
  const modules = [2, 3, 4, 5, 6, 8, 10, 2.5, 3.5, 7, 9, 4.5];
  SIZES.forEach((size, i) => {
    BACKGROUNDS.forEach((bg, j) => {
      const module = modules[i * 3 + j] as number;
      // dark-mode pages usually keep a white tile behind the code; some invert it instead
      specs.push(make.one('plain', size, bg, { module, inverted: bg === 'dark' && i % 2 === 0 }));
    });
  });
  SIZES.forEach((size, i) => {
    const pick = (list: number[]) => list[i] as number;
    specs.push(
      make.one('inverted', size, i % 2 ? 'dark' : 'grey', { module: pick([2, 3, 5, 8]), inverted: true }),
    );
    specs.push(make.one('blur', size, bgAt(i), { module: pick([2, 4, 6, 9]), page: { blur: 1 } }));
    specs.push(make.one('noise', size, bgAt(i + 1), { module: pick([2, 3, 4, 6]), page: { noise: 18 } }));
    specs.push(
      make.one('rotated', size, bgAt(i + 2), { module: pick([3, 4, 5, 7]), angle: pick([3, -6, 9, -12]) }),
    );
    // a dimmed image on a dark page, a washed-out one on a light page
    const dim = i % 2 === 0;
    specs.push(
      make.one('low-contrast', size, dim ? 'dark' : 'white', {
        module: pick([3, 4, 3, 5]),
        colors: dim ? [70, 150] : [130, 235],
      }),
    );
    specs.push(
      make.one('migration', size, bgAt(i), {
        module: pick([3, 3, 4, 5]),
        text: migrationUri(random, pick([6, 10, 10, 12])),
      }),
    );
    specs.push(
      make.one('hard', size, 'grey', {
        module: pick([2.5, 3, 3, 4]),
        angle: pick([2, -4, 5, -3]),
        quiet: 2,
        page: { blur: 1, noise: 12 },
      }),
    );
    specs.push({
      name: `empty ${size[0]}×${size[1]} ${bgAt(i)}`,
      width: size[0],
      height: size[1],
      background: bgAt(i),
      codes: [],
      noise: i % 2 ? 10 : 0,
      seed: make.next(),
    });
  });
  // several codes on one page: rows of two or three, one stacked pair, one inverted neighbour
  SIZES.forEach(([w, h], i) => {
    const count = i % 2 ? 3 : 2;
    const module = [2, 3, 4, 4][i] as number;
    const codes: CodeSpec[] = [];
    for (let k = 0; k < count; k++) {
      const text = otpauthUri(random, `Multi${k}`, `user${i}.${k}@example.com`);
      const extent = codeExtent(text, module);
      const stacked = i === 3;
      codes.push({
        text,
        module,
        x: stacked ? 100 : 80 + k * (extent + 60),
        y: stacked ? 60 + k * (extent + 40) : 120 + k * 7,
        inverted: i === 2 && k === 1,
      });
    }
    const name = `multi×${count} ${w}×${h}`;
    specs.push({
      name,
      width: w,
      height: h,
      background: i === 2 ? 'dark' : 'white',
      codes,
      seed: make.next(),
    });
  });
  return specs;
}

/**
 * Pages past the goal, to show where each decoder stops: 2 px modules rotated, blurred and noisy
 * at once; modules under 2 px; very low contrast.
 */
export function limitsCorpus(seed = 7): PageSpec[] {
  const make = pageMaker(rng(seed));
  const size = SIZES[1];
  return [
    make.one('limit 2px+rot+blur+noise', size, 'grey', {
      module: 2,
      angle: 2,
      quiet: 2,
      page: { blur: 1, noise: 12 },
    }),
    make.one('limit 1.5px', size, 'white', { module: 1.5 }),
    make.one('limit 1px', size, 'white', { module: 1 }),
    make.one('limit contrast 30', size, 'white', { module: 3, colors: [190, 220] }),
    make.one('limit blur r2', size, 'white', { module: 2, page: { blur: 2 } }),
    make.one('limit blur r3', size, 'white', { module: 3, page: { blur: 3 } }),
  ];
}
