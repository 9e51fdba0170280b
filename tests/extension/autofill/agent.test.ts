// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AgentIo, startAgent } from '../../../extension/autofill/agent';
import type { InlineUi, MenuItem } from '../../../extension/autofill/inline-ui';
import type { FillEvent, FrameReply, FrameRequest, SiteSettings } from '../../../extension/autofill/protocol';

const OTP_FORM =
  '<form id="f"><h2>Two-factor authentication</h2><label for="otp">Authentication code</label>' +
  '<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></form>';

type Matches = Extract<FrameReply, { type: 'matches' }>;
const settings = (s: Partial<SiteSettings> = {}): SiteSettings => ({
  hidden: false,
  autoFill: false,
  autoSubmit: false,
  ...s,
});
const matches = (m: Partial<Matches> = {}): Matches => ({
  type: 'matches',
  status: 'unlocked',
  site: 'github.com',
  entries: [{ id: 'a', issuer: 'GitHub', account: 'alice' }],
  settings: settings(),
  ...m,
});

/** A worker stand-in that answers from scripted replies and records what it was asked. */
function fakeWorker(replies: { matches: Matches; codes?: FrameReply[] }) {
  const asked: FrameRequest[] = [];
  let emit: (e: FillEvent) => void = () => undefined;
  const codes = [...(replies.codes ?? [{ type: 'code', code: '123456' }])];
  const io: AgentIo = {
    async request(req) {
      asked.push(req);
      if (req.type === 'matches') return replies.matches;
      if (req.type === 'code') return codes.shift() ?? { type: 'code', code: '123456' };
      return { type: 'done' };
    },
    onEvent(listener) {
      emit = listener;
      return () => undefined;
    },
  };
  return { io, asked, emit: (e: FillEvent) => emit(e) };
}

/** A UI stand-in: remembers shown places, menus and status lines; `click` plays the user. */
function fakeUi() {
  const state = {
    shown: [] as HTMLInputElement[][],
    menus: [] as { title: string; items: MenuItem[] }[],
    said: [] as string[],
    click: (_place: HTMLInputElement[]) => undefined as unknown,
  };
  const factory = (_doc: Document, onButton: (p: HTMLInputElement[]) => void): InlineUi => {
    state.click = onButton;
    return {
      show: (p) => void state.shown.push(p),
      menu: (_p, title, items) => void state.menus.push({ title, items }),
      say: (_p, text) => void state.said.push(text),
      clear: () => {
        state.shown = [];
      },
      destroy: () => undefined,
    };
  };
  return { state, factory };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  document.body.innerHTML = '';
});

function start(m: Matches, codes?: FrameReply[]) {
  document.body.innerHTML = OTP_FORM;
  const worker = fakeWorker({ matches: m, ...(codes ? { codes } : {}) });
  const ui = fakeUi();
  const sleep = vi.fn(async () => undefined);
  stop = startAgent(document, worker.io, { ui: ui.factory, sleep });
  const otp = document.getElementById('otp') as HTMLInputElement;
  return { worker, ui: ui.state, otp, sleep };
}

describe('content-script agent', () => {
  it('shows the Ward button on a detected field and fills the only match on click, without submitting', async () => {
    const { worker, ui, otp } = start(matches());
    const submit = vi.fn((e: Event) => e.preventDefault());
    document.getElementById('f')?.addEventListener('submit', submit);
    await tick();
    expect(ui.shown).toEqual([[otp]]);
    ui.click([otp]);
    await tick();
    expect(otp.value).toBe('123456');
    expect(worker.asked).toContainEqual({ type: 'code', id: 'a' });
    expect(ui.said).toContain('Code filled');
    expect(submit).not.toHaveBeenCalled();
  });

  it('shows no button without a vault or on a site where the user hid it', async () => {
    for (const m of [
      matches({ status: 'none', entries: [] }),
      matches({ settings: settings({ hidden: true }) }),
    ]) {
      const { ui } = start(m);
      await tick();
      expect(ui.shown).toEqual([]);
      stop?.();
    }
  });

  it('opens a menu when several entries match, and offers "Choose an account…" when none do', async () => {
    const two = matches({
      entries: [
        { id: 'a', issuer: 'GitHub', account: 'alice' },
        { id: 'b', issuer: 'GitHub', account: 'work' },
      ],
    });
    const { ui, otp, worker } = start(two);
    await tick();
    ui.click([otp]);
    await tick();
    const menu = ui.menus[0];
    expect(menu?.title).toBe('Fill a code for github.com');
    expect(menu?.items.map((i) => [i.label, i.detail])).toEqual([
      ['GitHub', 'alice'],
      ['GitHub', 'work'],
      ['Choose an account…', 'Save one for github.com (you confirm in Ward)'],
      ['Hide the Ward button on github.com', undefined],
    ]);
    menu?.items[1]?.run();
    await tick();
    expect(worker.asked).toContainEqual({ type: 'code', id: 'b' });
    expect(otp.value).toBe('123456');
    stop?.();

    const none = start(matches({ site: 'evil.test', entries: [] }));
    await tick();
    none.ui.click([none.otp]);
    await tick();
    expect(none.ui.menus[0]?.title).toBe('No account is saved for evil.test');
    none.ui.menus[0]?.items[0]?.run();
    expect(none.worker.asked).toContainEqual({ type: 'choose' });
    expect(none.otp.value).toBe('');
  });

  it('asks the worker to open the unlock UI when the vault is locked', async () => {
    const { ui, otp, worker } = start(matches({ status: 'locked', entries: [] }));
    await tick();
    expect(ui.shown).toEqual([[otp]]);
    ui.click([otp]);
    await tick();
    expect(worker.asked).toContainEqual({ type: 'unlock' });
    expect(ui.said[0]).toMatch(/Unlock Ward/);
  });

  it('says it waits for the next code when this one is about to expire, then fills the next', async () => {
    const { ui, otp, sleep } = start(matches(), [
      { type: 'wait', ms: 2100 },
      { type: 'code', code: '654321' },
    ]);
    await tick();
    ui.click([otp]);
    await tick();
    await tick();
    expect(ui.said[0]).toBe('This code is about to expire: filling the next one in 3 s…');
    expect(sleep).toHaveBeenCalledWith(2100);
    expect(otp.value).toBe('654321');
  });

  it('fills by itself only when the site allows it and exactly one entry matches; submits only if allowed', async () => {
    const submitted = vi.fn();
    HTMLFormElement.prototype.requestSubmit = submitted;
    const auto = start(matches({ settings: settings({ autoFill: true, autoSubmit: true }) }));
    await tick();
    await tick();
    expect(auto.otp.value).toBe('123456');
    expect(submitted).toHaveBeenCalledTimes(1);
    stop?.();
    const two = start(
      matches({
        settings: settings({ autoFill: true }),
        entries: [
          { id: 'a', issuer: 'A', account: '' },
          { id: 'b', issuer: 'B', account: '' },
        ],
      }),
    );
    await tick();
    await tick();
    expect(two.otp.value).toBe('');
  });

  it('acts on worker events: the context menu fills the right-clicked field; "Fill" refusals stay quiet', async () => {
    const { worker, ui, otp } = start(matches());
    await tick();
    otp.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true }));
    worker.emit({ event: 'ward.autofill.fill', source: 'menu' });
    await tick();
    await tick();
    expect(otp.value).toBe('123456');
    stop?.();

    const other = start(matches({ site: 'evil.test', entries: [] }), [
      { type: 'error', code: 'forbidden', message: 'That account is not saved for this site.' },
    ]);
    await tick();
    other.worker.emit({ event: 'ward.autofill.fill', source: 'popup', id: 'a' });
    await tick();
    await tick();
    expect(other.otp.value).toBe('');
    expect(other.ui.said).toEqual([]);
    expect(ui.said).toContain('Code filled');
  });
});
