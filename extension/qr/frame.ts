/** RGBA frames (the layout of the HTML Canvas ImageData): checks, crops and scaling for QR decoding. */
import { WardError } from '../../crypto-core/errors';

/** An RGBA image, 4 bytes per pixel, rows top to bottom: the shape of a canvas ImageData. */
export interface RgbaFrame {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** A rectangle in frame pixels (for a region the user dragged: CSS pixels × devicePixelRatio). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Largest side we accept: Chromium's canvas limit is 32,767 px, but a screenshot of a 8K screen is
 * 7680 px wide, so anything beyond 16,384 px is a caller bug, not a page.
 */
export const MAX_SIDE = 16_384;
/** Largest pixel count (≈ 8K × 2): bounds the WASM heap a single decode can ask for (~1 byte/px). */
export const MAX_PIXELS = 64 * 1024 * 1024;

/** Throws WardError 'invalid-argument' unless `frame` is a well-formed RGBA frame within our limits. */
export function assertFrame(frame: unknown, name = 'frame'): asserts frame is RgbaFrame {
  if (typeof frame !== 'object' || frame === null) {
    throw new WardError('invalid-argument', `${name} must be an object { data, width, height }`);
  }
  const { width, height } = frame as Partial<RgbaFrame>;
  const data = (frame as Partial<RgbaFrame>).data as RgbaFrame['data'];
  // A tag check rather than instanceof: frames may come from another realm (an offscreen page,
  // a test DOM), whose typed-array constructors are different objects.
  const tag = Object.prototype.toString.call(data);
  if (tag !== '[object Uint8ClampedArray]' && tag !== '[object Uint8Array]') {
    throw new WardError('invalid-argument', `${name}.data must be a Uint8ClampedArray of RGBA bytes`);
  }
  for (const [key, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_SIDE) {
      throw new WardError('invalid-argument', `${name}.${key} must be an integer from 1 to ${MAX_SIDE}`);
    }
  }
  const w = width as number;
  const h = height as number;
  if (w * h > MAX_PIXELS) {
    throw new WardError('invalid-argument', `${name} has ${w * h} pixels; at most ${MAX_PIXELS} are decoded`);
  }
  if (data.length !== w * h * 4) {
    throw new WardError(
      'invalid-argument',
      `${name}.data holds ${data.length} bytes but ${w}×${h} RGBA needs ${w * h * 4}: pass ImageData-style RGBA`,
    );
  }
}

/**
 * Copies the part of `frame` inside `rect` (rounded outwards to whole pixels and clipped to the
 * frame) into a new frame. Throws 'invalid-argument' when nothing of the rect lies in the frame.
 */
export function cropFrame(frame: RgbaFrame, rect: Rect): RgbaFrame {
  assertFrame(frame);
  const values = [rect?.x, rect?.y, rect?.width, rect?.height];
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new WardError('invalid-argument', 'rect must be { x, y, width, height } with finite numbers');
  }
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(frame.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(frame.height, Math.ceil(rect.y + rect.height));
  if (x1 <= x0 || y1 <= y0) {
    throw new WardError(
      'invalid-argument',
      'the selected region is empty or outside the image: select again',
    );
  }
  const width = x1 - x0;
  const height = y1 - y0;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * frame.width + x0) * 4;
    data.set(frame.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { data, width, height };
}

/**
 * Integer nearest-neighbour upscaling: keeps module edges sharp, which is what a decoder needs
 * from a screenshot of a small code (bilinear would smear 1–2 px modules into grey).
 */
export function scaleFrame(frame: RgbaFrame, factor: number): RgbaFrame {
  assertFrame(frame);
  if (!Number.isInteger(factor) || factor < 1 || factor > 16) {
    throw new WardError('invalid-argument', 'scale factor must be an integer from 1 to 16');
  }
  if (factor === 1) return frame;
  const width = frame.width * factor;
  const height = frame.height * factor;
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    throw new WardError('invalid-argument', 'the region is too large to scale up: select a smaller region');
  }
  const src = pixels32(frame);
  const out = new Uint32Array(width * height);
  for (let y = 0; y < frame.height; y++) {
    const row = out.subarray(y * factor * width, (y * factor + 1) * width);
    for (let x = 0; x < frame.width; x++)
      row.fill(src[y * frame.width + x] as number, x * factor, (x + 1) * factor);
    for (let k = 1; k < factor; k++)
      out.copyWithin((y * factor + k) * width, y * factor * width, (y * factor + 1) * width);
  }
  return { data: new Uint8ClampedArray(out.buffer), width, height };
}

// One 32-bit word per pixel (byte order does not matter: pixels are only copied whole).
function pixels32(frame: RgbaFrame): Uint32Array {
  const { data } = frame;
  const aligned = data.byteOffset % 4 === 0 ? data : data.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, frame.width * frame.height);
}

/** Surrounds `frame` with `margin` pixels of one grey level (a quiet zone for a tightly cropped code). */
export function padFrame(frame: RgbaFrame, margin: number, level: number): RgbaFrame {
  const width = frame.width + 2 * margin;
  const height = frame.height + 2 * margin;
  const data = new Uint8ClampedArray(width * height * 4).fill(level);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  for (let y = 0; y < frame.height; y++) {
    const from = y * frame.width * 4;
    data.set(frame.data.subarray(from, from + frame.width * 4), ((y + margin) * width + margin) * 4);
  }
  return { data, width, height };
}
