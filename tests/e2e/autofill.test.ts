// Autofill in real Chromium with the built extension (`npm run build:chrome` first). Pages are
// served on 127.0.0.1 and reached as github.test, bank.test, … through --host-resolver-rules.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../crypto-core/entry';
import type { EntrySummary } from '../../extension/messages';
import {
  clickWardButton,
  codesAround,
  RESOLVE_TEST_HOSTS,
  servePages,
  totpEntry,
  waitForWardUi,
} from './autofill-helpers';
import { createVault, dumpStorage, launchWard, message, PASSPHRASE, type Ward } from './harness';

const github = totpEntry('GitHub', ['github.test']);
const bank = totpEntry('Bank', ['bank.test']);
const shop = totpEntry('Shop', ['outer.test']);
const split = totpEntry('Split', ['split.test']);
const app = totpEntry('App', ['app.test']);
const later = totpEntry('Later', ['later.test']);
const work = totpEntry('Work', ['multi.test']);
const home = totpEntry('Home', ['multi.test']);
const modal = totpEntry('Modal', ['modal.test']);
const ALL = [github, bank, shop, split, app, later, work, home, modal];

let ward: Ward;
let server: { port: number; close: () => Promise<void> };
let popup: Page;
const ids = new Map<Entry, string>();

/** How many popup.html targets are open (action popups are not Playwright pages). */
async function popupTargets(): Promise<number> {
  const cdp = await ward.context.browser()?.newBrowserCDPSession();
  if (!cdp) throw new Error('no browser CDP session');
  const { targetInfos } = await cdp.send('Target.getTargets');
  await cdp.detach();
  return targetInfos.filter((t) => t.url.startsWith(ward.popupUrl)).length;
}

async function waiting(): Promise<number> {
  const session = JSON.parse(await dumpStorage(popup, 'session')) as { autofillWaiting?: unknown[] };
  return session.autofillWaiting?.length ?? 0;
}

const url = (host: string, page: string) => `http://${host}:${server.port}/${page}`;
const settle = (ms = 800) => new Promise((r) => setTimeout(r, ms));

async function open(host: string, page = 'login.html'): Promise<Page> {
  const p = await ward.context.newPage();
  await p.goto(url(host, page));
  return p;
}

async function expectCode(read: () => Promise<string>, entry: Entry): Promise<string> {
  let value = '';
  for (let i = 0; i < 50 && !value; i++) {
    value = await read();
    if (!value) await settle(100);
  }
  expect(codesAround(entry)).toContain(value);
  return value;
}

describe('autofill in Chromium', () => {
  beforeAll(async () => {
    server = await servePages();
    ward = await launchWard({ args: [RESOLVE_TEST_HOSTS] });
    popup = await ward.openPopup();
    await createVault(popup);
    for (const e of ALL) ids.set(e, (await message<EntrySummary>(popup, 'entries.add', { entry: e })).id);
  });

  afterAll(async () => {
    await ward?.close();
    await server?.close();
  });

  it('fills the code on the matching site from the inline button, without moving the page', async () => {
    const page = await open('github.test');
    const field = page.locator('#otp');
    const before = await page.locator('#layout').boundingBox();
    await waitForWardUi(page);
    expect(await page.locator('#layout').boundingBox()).toEqual(before);
    await clickWardButton(page, field);
    await expectCode(() => field.inputValue(), github);
    await expect(page.evaluate(() => location.pathname)).resolves.toBe('/login.html'); // never submitted
    await page.close();
  });

  it('offers nothing on a look-alike domain (github.test.evil.test)', async () => {
    const page = await open('github.test.evil.test');
    const field = page.locator('#otp');
    await waitForWardUi(page);
    await clickWardButton(page, field);
    // the menu offers only "Choose an account…" and "Hide"; the first is focused, nothing is filled
    await settle();
    expect(await field.inputValue()).toBe('');
    await page.bringToFront();
    await field.focus();
    await message(popup, 'test.autofillTrigger', { kind: 'shortcut' });
    // even asked outright to fill the GitHub entry here, the worker refuses this frame
    const site = await message<{ site: string; matchIds: string[] }>(popup, 'autofill.activeSite');
    expect(site).toMatchObject({ site: 'evil.test', matchIds: [] });
    await message(popup, 'autofill.fill', { id: ids.get(github) });
    await settle();
    expect(await field.inputValue()).toBe('');
    await page.close();
  });

  it('types a split code into six boxes with auto-advance', async () => {
    const page = await open('split.test', 'split.html');
    const boxes = page.locator('.boxes input');
    await waitForWardUi(page);
    await clickWardButton(page, boxes.first(), boxes.last());
    const read = async () => {
      const v = (await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).join('');
      return v.length === 6 ? v : '';
    };
    await expectCode(read, split);
    await page.close();
  });

  it('gives a React-style controlled input a code its state really receives', async () => {
    const page = await open('app.test', 'controlled.html');
    await waitForWardUi(page);
    await clickWardButton(page, page.locator('#code'));
    const value = await expectCode(() => page.locator('#state').innerText(), app);
    expect(await page.locator('#code').inputValue()).toBe(value);
    await page.close();
  });

  it('fills a cross-origin iframe with its own domain’s code, never the top page’s', async () => {
    const page = await open('outer.test', 'outer.html');
    const frame = page.frameLocator('#bank');
    const field = frame.locator('#otp');
    await field.waitFor();
    const inner = page.frames().find((f) => f.url().includes('bank.test'));
    if (!inner) throw new Error('no bank frame');
    await waitForWardUi(inner);
    await clickWardButton(page, field);
    const value = await expectCode(() => field.inputValue(), bank);
    expect(codesAround(shop)).not.toContain(value);
    await page.close();
  });

  it('finds a field the page adds after load', async () => {
    const page = await open('later.test', 'later.html');
    const field = page.locator('#totp');
    await field.waitFor();
    await waitForWardUi(page);
    await clickWardButton(page, field);
    await expectCode(() => field.inputValue(), later);
    await page.close();
  });

  it('draws its button inside a modal dialog, where the rest of the page cannot be clicked', async () => {
    const page = await open('modal.test', 'modal.html');
    const field = page.locator('#otp');
    await field.waitFor({ state: 'visible' });
    await waitForWardUi(page);
    await settle(300);
    // the host sits in the dialog (top layer, not inert), not behind it
    expect(await page.evaluate(() => document.querySelector('dialog ward-autofill') !== null)).toBe(true);
    await clickWardButton(page, field);
    await expectCode(() => field.inputValue(), modal);
    // once the dialog closes, the host goes back to the page
    await page.evaluate(() => document.querySelector('dialog')?.close());
    await page.waitForFunction(
      () => document.documentElement.lastElementChild?.localName === 'ward-autofill',
    );
    await page.close();
  });

  it('shows a menu when several entries match, and fills the one picked', async () => {
    const page = await open('multi.test');
    await waitForWardUi(page);
    await clickWardButton(page, page.locator('#otp'));
    await settle(300);
    // the menu is keyboard-driven: first entry focused; ArrowDown moves to the second
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const listed = await message<EntrySummary[]>(popup, 'entries.list');
    const second = listed.filter((e) => e.domains.includes('multi.test'))[1];
    await expectCode(() => page.locator('#otp').inputValue(), second?.issuer === 'Home' ? home : work);
    await page.close();
  });

  it('hides the button on a site when the user asks, until turned back on in the popup', async () => {
    const page = await open('quiet.test');
    await waitForWardUi(page);
    await clickWardButton(page, page.locator('#otp'));
    await settle(300);
    await page.keyboard.press('ArrowDown'); // past "Choose an account…" to "Hide the Ward button on quiet.test"
    await page.keyboard.press('Enter');
    await settle();
    const again = await open('quiet.test');
    await settle(1500);
    expect(await again.evaluate(() => document.querySelector('ward-autofill'))).toBeNull();
    await message(popup, 'autofill.setSite', { site: 'quiet.test', patch: { hidden: false } });
    await again.reload();
    await waitForWardUi(again);
    await page.close();
    await again.close();
  });

  it('fills (and submits) by itself only on a site where the user turned that on', async () => {
    await message(popup, 'autofill.setSite', {
      site: 'github.test',
      patch: { autoFill: true, autoSubmit: true },
    });
    const page = await open('github.test');
    await page.waitForURL(/\/submitted\?otp=\d{6}$/, { timeout: 15_000 });
    expect(codesAround(github)).toContain(new URL(page.url()).searchParams.get('otp'));
    await message(popup, 'autofill.setSite', {
      site: 'github.test',
      patch: { autoFill: false, autoSubmit: false },
    });
    await page.close();
  });

  it('fills from the keyboard shortcut (the command the shortcut runs)', async () => {
    const page = await open('github.test');
    await waitForWardUi(page);
    await page.bringToFront();
    await page.locator('#otp').focus();
    const commands = await popup.evaluate(() =>
      (
        chrome as unknown as { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } }
      ).commands.getAll(),
    );
    expect(commands).toContainEqual(expect.objectContaining({ name: 'fill-code', shortcut: 'Alt+Shift+F' }));
    await message(popup, 'test.autofillTrigger', { kind: 'shortcut' });
    await expectCode(() => page.locator('#otp').inputValue(), github);
    await page.close();
  });

  it('fills from the context-menu item on the right-clicked field', async () => {
    const page = await open('github.test');
    await waitForWardUi(page);
    await page.bringToFront();
    await page.locator('#otp').click({ button: 'right' });
    await page.keyboard.press('Escape');
    await message(popup, 'test.autofillTrigger', { kind: 'menu' });
    await expectCode(() => page.locator('#otp').inputValue(), github);
    await page.close();
  });

  it('fills from "Fill" on the entry row in the popup', async () => {
    const page = await open('github.test');
    await waitForWardUi(page);
    await page.bringToFront();
    const list = await ward.context.newPage();
    await page.bringToFront();
    await list.goto(ward.popupUrl);
    await page.bringToFront();
    await list.reload();
    await list.getByRole('button', { name: 'Fill GitHub code in the page' }).click();
    await expectCode(() => page.locator('#otp').inputValue(), github);
    await list.close();
    await page.close();
  });

  it('opens the unlock UI from the button when locked, then fills after unlocking', async () => {
    await message(popup, 'vault.lock');
    const page = await open('github.test');
    await waitForWardUi(page);
    const before = await popupTargets();
    await clickWardButton(page, page.locator('#otp'));
    // the frame waits for the unlock, and Ward's unlock UI opened: the action popup (headless
    // Chromium opens it, but Playwright cannot drive it) or, where the browser refuses, a tab of it
    await expect.poll(async () => waiting(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => popupTargets(), { timeout: 10_000 }).toBeGreaterThan(before);
    await message(popup, 'vault.unlock', { passphrase: PASSPHRASE }); // what the user does in that popup
    await expectCode(() => page.locator('#otp').inputValue(), github);
    expect(await waiting()).toBe(0);
    await page.close();
  });

  it('"Choose an account…" asks in Ward’s window, then remembers the site and fills', async () => {
    const page = await open('new.test');
    await waitForWardUi(page);
    const chooser = ward.context.waitForEvent('page', {
      predicate: (p) => p.url().includes('choose.html'),
      timeout: 15_000,
    });
    await clickWardButton(page, page.locator('#otp'));
    await settle(300);
    await page.keyboard.press('Enter'); // "Choose an account…" is the first item when nothing matches
    const choose = await chooser;
    await expect(choose.getByTestId('site').innerText()).resolves.toBe('new.test');
    await choose.getByRole('radio', { name: /GitHub/ }).check();
    await choose.getByRole('button', { name: 'Use GitHub on new.test' }).click();
    await expectCode(() => page.locator('#otp').inputValue(), github);
    const listed = await message<EntrySummary[]>(popup, 'entries.list');
    expect(listed.find((e) => e.id === ids.get(github))?.domains).toEqual(['github.test', 'new.test']);
    await page.close();
  });
});
