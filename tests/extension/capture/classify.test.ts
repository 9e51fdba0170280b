import { describe, expect, it } from 'vitest';
import { toMigrationUris } from '../../../crypto-core/migration';
import { classifyTexts } from '../../../extension/capture/classify';
import { dataUrlToBlob } from '../../../extension/capture/rgba';
import { regionToFrameRect } from '../../../extension/capture/scan';

// Google's Key Uri Format example (github.com/google/google-authenticator/wiki/Key-Uri-Format).
const KEY_URI = 'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

describe('classifyTexts: what a scanned QR code holds', () => {
  it('turns an otpauth:// code into an entry with the capturing page’s domain', () => {
    const found = classifyTexts([KEY_URI], 'example.com');
    expect(found.errors).toEqual([]);
    expect(found.others).toEqual([]);
    expect(found.entries).toHaveLength(1);
    expect(found.entries[0]).toMatchObject({
      type: 'totp',
      issuer: 'Example',
      account: 'alice@google.com',
      secret: 'JBSWY3DPEHPK3PXP',
      domains: ['example.com'],
    });
  });

  it('leaves domains empty when the page has no web domain', () => {
    expect(classifyTexts([KEY_URI], null).entries[0]?.domains).toBeUndefined();
  });

  it('lists every account of a migration code, without the page’s domain', () => {
    const entries = [
      { ...classifyTexts([KEY_URI], null).entries[0], issuer: 'One' },
      {
        ...classifyTexts([KEY_URI], null).entries[0],
        issuer: 'Two',
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      },
    ] as Parameters<typeof toMigrationUris>[0];
    const [uri] = toMigrationUris(entries);
    const found = classifyTexts([uri as string], 'example.com');
    expect(found.entries.map((e) => e.issuer)).toEqual(['One', 'Two']);
    expect(found.entries.every((e) => e.domains === undefined)).toBe(true);
  });

  it('shows other codes as text, and names broken setup codes without echoing them', () => {
    const broken = 'otpauth://totp/Bad?secret=not*base32';
    const found = classifyTexts(['https://example.com/menu', broken, KEY_URI], 'example.com');
    expect(found.others).toEqual(['https://example.com/menu']);
    expect(found.entries).toHaveLength(1);
    expect(found.errors).toHaveLength(1);
    expect(found.errors[0]).toMatch(/^QR code 2: /);
    expect(found.errors[0]).not.toContain('not*base32');
  });

  it('reports a damaged migration code as one error', () => {
    const found = classifyTexts(['otpauth-migration://offline?data=%%%'], null);
    expect(found.entries).toEqual([]);
    expect(found.errors).toHaveLength(1);
  });

  it('bounds very long other texts', () => {
    const found = classifyTexts(['x'.repeat(5000)], null);
    expect(found.others[0]?.length).toBeLessThan(2100);
  });
});

describe('capture helpers', () => {
  it('maps a CSS-pixel selection onto a capture at device-pixel resolution', () => {
    const region = { x: 100, y: 50, width: 200, height: 100, viewportWidth: 960, viewportHeight: 540 };
    expect(regionToFrameRect(region, { width: 1920, height: 1080 })).toEqual({
      x: 200,
      y: 100,
      width: 400,
      height: 200,
    });
  });

  it('reads data: URLs (base64 and percent-encoded) into blobs, and refuses others', async () => {
    const png = dataUrlToBlob('data:image/png;base64,iVBORw0KGgo=');
    expect(png.type).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);
    const svg = dataUrlToBlob('data:image/svg+xml,%3Csvg%2F%3E');
    expect(await svg.text()).toBe('<svg/>');
    expect(() => dataUrlToBlob('https://example.com/qr.png')).toThrow(/data: URL/);
  });
});
