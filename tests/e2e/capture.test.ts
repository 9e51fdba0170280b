// Browser tests for QR capture: real Chromium, the built extension, setup pages served under a
// *.test host. Build first: `npm run build:chrome`.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntrySummary } from '../../extension/messages';
import { CODES, launchWardForCapture, type PageServer, qrPng, servePages } from './capture-helpers';
import { createVault, message } from './harness';

let ward: Awaited<ReturnType<typeof launchWardForCapture>>;
let server: PageServer;
let popup: Page;

/** Opens a served page in a new tab and makes it the active tab (the one a scan captures). */
async function openSite(path: string): Promise<Page> {
  const page = await ward.context.newPage();
  await page.goto(`${server.origin}${path}`);
  await page
    .locator('img')
    .first()
    .evaluate((img: HTMLImageElement) => img.decode());
  await page.bringToFront();
  return page;
}

const list = () => message<EntrySummary[]>(popup, 'entries.list');

/** Back to the popup's Add screen (a fresh load, as when the toolbar button is clicked). */
async function addScreen() {
  await popup.reload();
  await popup.getByRole('button', { name: 'Add an entry' }).click();
}

beforeAll(async () => {
  server = await servePages();
  ward = await launchWardForCapture();
  popup = await ward.openPopup();
  await createVault(popup);
});

afterAll(async () => {
  await ward?.cleanup();
  await server?.close();
});

describe('QR capture in the browser', () => {
  it('scans the visible tab and adds the account with the page’s domain', async () => {
    const site = await openSite('/setup');
    await addScreen();
    await popup.getByRole('button', { name: 'Scan QR on this page' }).click();
    await popup.getByRole('heading', { name: 'Add this account?' }).waitFor();
    await expect(popup.getByTestId('scan-issuer').textContent()).resolves.toBe('Example');
    await expect(popup.getByTestId('scan-account').textContent()).resolves.toBe('alice@example.com');
    await expect(popup.getByTestId('scan-code').textContent()).resolves.toMatch(/^\d{3} \d{3}$/);
    await expect(popup.getByLabel('Offer the code on (website)').inputValue()).resolves.toBe('example.test');
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByTestId('live').getByText('1 added').waitFor();
    const added = (await list()).find((e) => e.issuer === 'Example');
    expect(added?.account).toBe('alice@example.com');
    expect(added?.domains).toEqual(['example.test']);
    await site.close();
  });

  it('asks once about a duplicate and skips it when told to', async () => {
    const site = await openSite('/setup');
    await addScreen();
    await popup.getByRole('button', { name: 'Scan QR on this page' }).click();
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByRole('heading', { name: 'Already in Ward' }).waitFor();
    await popup.getByRole('button', { name: 'Skip it' }).click();
    await popup.getByTestId('live').getByText('1 skipped (already in Ward)').waitFor();
    expect((await list()).filter((e) => e.issuer === 'Example')).toHaveLength(1);
    await site.close();
  });

  it('falls back to region select when no code is visible, and reads the dragged rectangle', async () => {
    const site = await openSite('/hidden');
    await addScreen();
    await popup.getByRole('button', { name: 'Scan QR on this page' }).click();
    await popup.getByText(/Drag a rectangle around it/).waitFor();
    await site.locator('[data-ward-region-select]').waitFor({ state: 'attached' });
    // The code appears only now, so the first capture saw none (as on a page that draws it late).
    await site.evaluate(() => document.body.classList.add('shown'));
    const box = await site.locator('#qr').boundingBox();
    if (!box) throw new Error('no QR box');
    await site.mouse.move(box.x - 10, box.y - 10);
    await site.mouse.down();
    await site.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    await site.mouse.move(box.x + box.width + 10, box.y + box.height + 10, { steps: 4 });
    await site.mouse.up();
    await site.locator('[data-ward-region-select]').waitFor({ state: 'detached' });
    // The worker opens Ward with the result; here the popup tab is simply loaded again.
    await expect
      .poll(
        async () =>
          (await message<{ previews: unknown[] } | null>(popup, 'capture.pending'))?.previews.length,
      )
      .toBe(1);
    await popup.reload();
    await popup.getByRole('heading', { name: 'Add this account?' }).waitFor();
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByTestId('live').getByText('1 added').waitFor();
    expect((await list()).find((e) => e.issuer === 'Hidden Co')?.domains).toEqual(['example.test']);
    await site.close();
  });

  it('Esc cancels region select without adding anything', async () => {
    const site = await openSite('/hidden');
    await addScreen();
    const before = (await list()).length;
    await popup.getByRole('button', { name: 'Scan QR on this page' }).click();
    await site.locator('[data-ward-region-select]').waitFor({ state: 'attached' });
    await site.keyboard.press('Escape');
    await site.locator('[data-ward-region-select]').waitFor({ state: 'detached' });
    expect(await message(popup, 'capture.pending')).toBeNull();
    expect((await list()).length).toBe(before);
    await site.close();
  });

  // Headless Chromium cannot open context menus, so the test calls the menu's handler the way the
  // menu does (capture.image runs the same scanPageImage as the "Add to Ward" item).
  it('image context menu: a login-only image is cut out of a capture of the tab', async () => {
    const site = await openSite('/images');
    const src = await site.locator('#private').evaluate((img: HTMLImageElement) => img.currentSrc);
    await expect(message(popup, 'capture.image', { srcUrl: src })).resolves.toEqual({ found: 1 });
    await popup.reload();
    await popup.getByRole('heading', { name: 'Add this account?' }).waitFor();
    await expect(popup.getByTestId('scan-issuer').textContent()).resolves.toBe('Private');
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByTestId('live').getByText('1 added').waitFor();
    await site.close();
  });

  it('image context menu: a code that is not a 2FA setup code is shown with its text', async () => {
    const site = await openSite('/images');
    const src = await site.locator('#text').evaluate((img: HTMLImageElement) => img.currentSrc);
    await message(popup, 'capture.image', { srcUrl: src });
    await popup.reload();
    await popup.getByRole('heading', { name: 'This QR code is not a 2FA setup code' }).waitFor();
    await expect(popup.getByTestId('scan-other-text').textContent()).resolves.toBe(CODES.text);
    await popup.getByRole('button', { name: 'Back to the list' }).click();
    await popup.getByRole('button', { name: 'Add an entry' }).waitFor();
    expect(await message(popup, 'capture.pending')).toBeNull();
    await site.close();
  });

  it('Ctrl+V of an image in the Add screen reads its code', async () => {
    await addScreen();
    const png = [...(await qrPng(CODES.paste as string))];
    await popup.evaluate((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'code.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, png);
    await popup.getByRole('heading', { name: 'Add this account?' }).waitFor();
    await expect(popup.getByTestId('scan-issuer').textContent()).resolves.toBe('Pasted');
    // No page, so no site: the user types one, and Ward keeps its registrable domain.
    await expect(popup.getByLabel('Offer the code on (website)').inputValue()).resolves.toBe('');
    await popup.getByLabel('Offer the code on (website)').fill('login.pasted.co.uk');
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByTestId('live').getByText('1 added').waitFor();
    expect((await list()).find((e) => e.issuer === 'Pasted')?.domains).toEqual(['pasted.co.uk']);
  });
});

describe('image files in the popup', () => {
  it('dropping an image file on the Add screen reads its code', async () => {
    await addScreen();
    const png = [...(await qrPng(CODES.private as string))];
    await popup.getByTestId('image-drop').evaluate((zone, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'code.png', { type: 'image/png' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, png);
    await popup.getByRole('heading', { name: 'Add this account?' }).waitFor();
    await expect(popup.getByTestId('scan-issuer').textContent()).resolves.toBe('Private');
    // Already added from the page image: the duplicate question comes up.
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByRole('button', { name: 'Keep both' }).click();
    await popup.getByTestId('live').getByText('1 added').waitFor();
    expect((await list()).filter((e) => e.issuer === 'Private')).toHaveLength(2);
  });

  it('a file that is not an image is refused with a message', async () => {
    await addScreen();
    await popup.getByLabel('QR code image file').setInputFiles({
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not an image'),
    });
    await popup.getByText(/not an image Ward can read/).waitFor();
  });
});
