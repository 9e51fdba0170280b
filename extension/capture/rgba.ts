/** Image bytes (PNG, JPEG, GIF, WebP, SVG…) → an RGBA frame for decodeQr, via createImageBitmap + OffscreenCanvas. */
import { WardError } from '../../crypto-core/errors';
import { MAX_PIXELS, MAX_SIDE, type RgbaFrame } from '../qr/frame';

/** Images bigger than this are scaled down first: QR modules stay well above 2 px on any real code. */
const MAX_DECODE_SIDE = 4096;

/**
 * Draws `image` over white (transparent PNG codes have black-on-nothing modules that would read
 * as all black) and returns its pixels, scaled down when larger than needed for decoding.
 */
export async function imageToFrame(image: Blob): Promise<RgbaFrame> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image);
  } catch (e) {
    throw new WardError(
      'invalid-argument',
      'This is not an image Ward can read (use PNG, JPEG, GIF or WebP).',
      {
        cause: e,
      },
    );
  }
  try {
    const scale = Math.min(1, MAX_DECODE_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
      throw new WardError('invalid-argument', 'The image is too large to scan.');
    }
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new WardError('invalid-argument', 'This browser cannot read images here.');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    // Nearest-neighbour when scaling keeps module edges sharp.
    ctx.imageSmoothingEnabled = scale === 1;
    ctx.drawImage(bitmap, 0, 0, width, height);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}

/** A data: URL (what tabs.captureVisibleTab returns) as a Blob, without any network. */
export function dataUrlToBlob(url: string): Blob {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(url);
  if (!match) throw new WardError('invalid-argument', 'Expected a data: URL holding an image.');
  const [, type = '', isBase64, payload = ''] = match;
  const bytes = isBase64
    ? Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))
    : new TextEncoder().encode(decodeURIComponent(payload));
  return new Blob([bytes], { type: type || 'application/octet-stream' });
}
