// decodeQr on small synthetic screenshots. Codes are encoded by independent encoders (the `qrcode`
// package and @zxing/library's writer), never by the code under test. The full corpus, at
// 1280×800 to 3840×2160, runs in `npm run bench qr`.
import { runInNewContext } from 'node:vm';
import { BarcodeFormat, EncodeHintType, QRCodeWriter } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { migrationUri, otpauthUri, type PageSpec, qrMatrix, renderPage, rng } from '../../../bench/qr-corpus';
import { isWardError } from '../../../crypto-core/errors';
import { decodeQr } from '../../../extension/qr/decode';

const random = rng(42);
const OTPAUTH =
  'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30';

function page(codes: PageSpec['codes'], extra: Partial<PageSpec> = {}) {
  return renderPage({ name: 't', width: 640, height: 400, background: 'white', codes, seed: 3, ...extra })
    .frame;
}

describe('decodeQr reads what a user would scan', () => {
  it('reads an otpauth:// setup code exactly', async () => {
    expect(await decodeQr(page([{ text: OTPAUTH, module: 3, x: 60, y: 40 }]))).toEqual([OTPAUTH]);
  });

  it('reads a Google Authenticator export (otpauth-migration://, version 15+)', async () => {
    const uri = migrationUri(random, 10);
    expect(qrMatrix(uri).version).toBeGreaterThanOrEqual(15);
    const frame = page([{ text: uri, module: 3, x: 40, y: 20 }], { width: 480, height: 420 });
    expect(await decodeQr(frame)).toEqual([uri]);
  });

  it('reads unicode text as written (UTF-8 without an ECI header)', async () => {
    const text = 'Ünïcödé — 二要素認証 🔐 Ωmega';
    expect(await decodeQr(page([{ text, module: 3, x: 100, y: 60 }]))).toEqual([text]);
  });

  it('reads a light-on-dark code on a dark-mode page', async () => {
    const frame = page([{ text: OTPAUTH, module: 3, x: 200, y: 50, inverted: true }], { background: 'dark' });
    expect(await decodeQr(frame)).toEqual([OTPAUTH]);
  });

  it('reads a code that is rotated, blurred and noisy on a grey page', async () => {
    const text = otpauthUri(random);
    const frame = page([{ text, module: 3, x: 150, y: 60, angle: -7 }], {
      background: 'grey',
      blur: 1,
      noise: 12,
    });
    expect(await decodeQr(frame)).toEqual([text]);
  });

  it('reads a low-contrast code (a dimmed image on a dark page)', async () => {
    const text = otpauthUri(random);
    const frame = page([{ text, module: 3, x: 250, y: 80, colors: [70, 150] }], { background: 'dark' });
    expect(await decodeQr(frame)).toEqual([text]);
  });

  it('returns both codes of a page, left to right', async () => {
    const [a, b] = [otpauthUri(random, 'Left'), otpauthUri(random, 'Right')];
    // the right-hand code sits a little higher: it is still the same row, so it comes second
    const frame = page([
      { text: a, module: 2, x: 40, y: 80 },
      { text: b, module: 2, x: 340, y: 70, inverted: true },
    ]);
    expect(await decodeQr(frame)).toEqual([a, b]);
  });

  it('returns stacked codes top to bottom', async () => {
    const [a, b] = [otpauthUri(random, 'Top'), otpauthUri(random, 'Bottom')];
    const frame = page(
      [
        { text: b, module: 2, x: 260, y: 220 },
        { text: a, module: 2, x: 40, y: 10 },
      ],
      { width: 520, height: 440 },
    );
    expect(await decodeQr(frame)).toEqual([a, b]);
  });

  it('lists a text shown twice once', async () => {
    const frame = page([
      { text: OTPAUTH, module: 2, x: 30, y: 60 },
      { text: OTPAUTH, module: 2, x: 330, y: 60 },
    ]);
    expect(await decodeQr(frame)).toEqual([OTPAUTH]);
  });

  it('returns [] for a page without a code', async () => {
    expect(await decodeQr(page([], { noise: 10 }))).toEqual([]);
    expect(await decodeQr(page([], { background: 'dark' }))).toEqual([]);
  });

  it('reads codes from a second, independent encoder (@zxing/library QRCodeWriter)', async () => {
    const text = 'otpauth://hotp/Example:bob?secret=JBSWY3DPEHPK3PXP&counter=7&issuer=Example';
    const hints = new Map([[EncodeHintType.CHARACTER_SET, 'UTF-8']]);
    const matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
    const module = 4;
    const side = (matrix.getWidth() + 8) * module;
    const data = new Uint8ClampedArray(side * side * 4).fill(255);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const mx = Math.floor(x / module) - 4;
        const my = Math.floor(y / module) - 4;
        if (mx >= 0 && my >= 0 && mx < matrix.getWidth() && my < matrix.getHeight() && matrix.get(mx, my)) {
          data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
        }
      }
    }
    expect(await decodeQr({ data, width: side, height: side })).toEqual([text]);
  });

  it('accepts Uint8Array data and views into larger buffers', async () => {
    const frame = page([{ text: OTPAUTH, module: 3, x: 60, y: 40 }]);
    const bytes = new Uint8Array(frame.data.length + 1);
    bytes.set(frame.data, 1);
    expect(await decodeQr({ ...frame, data: bytes.subarray(1) })).toEqual([OTPAUTH]);
  });
});

describe('decodeQr rejects malformed frames with a clear WardError', () => {
  const bad: [string, unknown][] = [
    ['null', null],
    ['no data', { width: 2, height: 2 }],
    ['data not bytes', { data: [0, 0, 0, 255], width: 1, height: 1 }],
    ['data too short', { data: new Uint8ClampedArray(15), width: 2, height: 2 }],
    ['RGB, not RGBA', { data: new Uint8ClampedArray(4 * 4 * 3), width: 4, height: 4 }],
    ['data too long', { data: new Uint8ClampedArray(4 * 4 * 4 + 4), width: 4, height: 4 }],
    ['zero width', { data: new Uint8ClampedArray(0), width: 0, height: 10 }],
    ['negative height', { data: new Uint8ClampedArray(0), width: 10, height: -1 }],
    ['fractional width', { data: new Uint8ClampedArray(40), width: 2.5, height: 4 }],
    ['NaN', { data: new Uint8ClampedArray(0), width: Number.NaN, height: 1 }],
    ['huge dimensions', { data: new Uint8ClampedArray(4), width: 100_000, height: 100_000 }],
    ['too many pixels', { data: new Uint8ClampedArray(4), width: 16_000, height: 16_000 }],
  ];
  it.each(bad)('%s', async (_name, frame) => {
    const error = await decodeQr(frame as never).catch((e: unknown) => e);
    expect(isWardError(error, 'invalid-argument')).toBe(true);
    expect((error as Error).message).toMatch(/frame/);
  });

  it('accepts pixels from another realm (an offscreen page, a test DOM)', async () => {
    const data = runInNewContext('new Uint8ClampedArray([255, 255, 255, 255])') as Uint8ClampedArray;
    expect(data instanceof Uint8ClampedArray).toBe(false);
    expect(await decodeQr({ data, width: 1, height: 1 })).toEqual([]);
  });

  it('decodes a 1×1 frame to []', async () => {
    expect(
      await decodeQr({ data: new Uint8ClampedArray([255, 255, 255, 255]), width: 1, height: 1 }),
    ).toEqual([]);
  });
});
