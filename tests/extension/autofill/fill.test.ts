// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fillCode } from '../../../extension/autofill/fill';

const nativeValue = Object.getOwnPropertyDescriptor(
  HTMLInputElement.prototype,
  'value',
) as PropertyDescriptor;

/**
 * React's value tracking, reduced to what matters: the instance gets its own `value` property
 * that remembers the last value set through it, and the 'input' listener only reports a change
 * when the DOM value differs from that remembered value.
 */
function reactControlled(input: HTMLInputElement): { state: string; changes: number } {
  const model = { state: '', changes: 0 };
  let tracked = input.value;
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() {
      return nativeValue.get?.call(this);
    },
    set(v: string) {
      tracked = String(v);
      nativeValue.set?.call(this, v);
    },
  });
  input.addEventListener('input', () => {
    const next = nativeValue.get?.call(input) as string;
    if (next === tracked) return;
    tracked = next;
    model.state = next;
    model.changes++;
    // a controlled input re-renders with its state
    input.value = model.state;
  });
  return model;
}

function html(markup: string): void {
  document.body.innerHTML = markup;
}
const $ = (sel: string) => document.querySelector(sel) as HTMLInputElement;
const $$ = (sel: string) => [...document.querySelectorAll<HTMLInputElement>(sel)];

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('fillCode into a single input', () => {
  it('fills a plain input and fires input and change', () => {
    html('<input id="otp">');
    const seen: string[] = [];
    for (const t of ['keydown', 'input', 'keyup', 'change'])
      $('#otp').addEventListener(t, () => seen.push(t));
    const r = fillCode([$('#otp')], '123456');
    expect(r).toEqual({ ok: true, mode: 'single', filled: 6, handledByPage: 0 });
    expect($('#otp').value).toBe('123456');
    expect(seen).toEqual(['keydown', 'input', 'keyup', 'change']);
    expect(document.activeElement).toBe($('#otp'));
  });

  it('removes spaces from a displayed code', () => {
    html('<input id="otp" maxlength="6">');
    expect(fillCode([$('#otp')], '123 456').ok).toBe(true);
    expect($('#otp').value).toBe('123456');
  });

  it('updates a React-controlled input’s state (where a plain assignment would not)', () => {
    html('<input id="naive"><input id="otp">');
    const naive = reactControlled($('#naive'));
    $('#naive').value = '111111';
    $('#naive').dispatchEvent(new Event('input', { bubbles: true }));
    expect(naive.state).toBe(''); // the trap: React never hears of it

    const model = reactControlled($('#otp'));
    const r = fillCode([$('#otp')], '987654');
    expect(r.ok).toBe(true);
    expect(model.state).toBe('987654');
    expect(model.changes).toBe(1);
    expect($('#otp').value).toBe('987654');
  });

  it('updates a Vue-style v-model bound to the input event', () => {
    html('<input id="otp">');
    const model = { code: '' };
    $('#otp').addEventListener('input', (e) => {
      if ((e as InputEvent).isComposing) return;
      model.code = (e.target as HTMLInputElement).value;
    });
    fillCode([$('#otp')], '246810');
    expect(model.code).toBe('246810');
  });

  it('sends a real InputEvent with the inserted text', () => {
    html('<input id="otp">');
    let ev: InputEvent | undefined;
    $('#otp').addEventListener('input', (e) => {
      ev = e as InputEvent;
    });
    fillCode([$('#otp')], '135790');
    expect(ev).toBeInstanceOf(InputEvent);
    expect(ev?.bubbles).toBe(true);
    expect(ev?.inputType).toBe('insertText');
    expect(ev?.data).toBe('135790');
  });

  it('refuses a code longer than the field allows instead of truncating it', () => {
    html('<input id="otp" maxlength="6" value="">');
    const r = fillCode([$('#otp')], '12345678');
    expect(r).toMatchObject({ ok: false, reason: 'length-mismatch', filled: 0 });
    expect($('#otp').value).toBe('');
  });

  it('refuses disabled, read-only or detached inputs and empty codes', () => {
    html('<input id="d" disabled><input id="r" readonly>');
    expect(fillCode([$('#d')], '123456').reason).toBe('not-fillable');
    expect(fillCode([$('#r')], '123456').reason).toBe('not-fillable');
    expect(fillCode([document.createElement('input')], '123456').reason).toBe('not-fillable');
    expect(fillCode([$('#r')], '  ').reason).toBe('empty-code');
    expect(fillCode([], '123456').reason).toBe('no-fields');
    expect($('#r').value).toBe('');
  });

  it('reports a page that rejects the value', () => {
    html('<input id="otp">');
    $('#otp').addEventListener('input', () => {
      $('#otp').value = '';
    });
    expect(fillCode([$('#otp')], '123456')).toMatchObject({ ok: false, reason: 'rejected' });
  });

  it('never submits the form', () => {
    html('<form id="f"><input id="otp"><button>Go</button></form>');
    let submitted = false;
    $('#f').addEventListener('submit', (e) => {
      submitted = true;
      e.preventDefault();
    });
    fillCode([$('#otp')], '123456');
    expect(submitted).toBe(false);
  });
});

describe('fillCode into split boxes', () => {
  const boxes = (n: number) =>
    Array.from({ length: n }, (_, i) => `<input class="b" maxlength="1" data-i="${i}">`).join('');

  it('types one digit per box in order, with key events for each', () => {
    html(boxes(6));
    const keys: string[] = [];
    for (const b of $$('.b'))
      b.addEventListener('keydown', (e) => keys.push(`${b.dataset.i}:${(e as KeyboardEvent).key}`));
    const r = fillCode($$('.b'), '402913');
    expect(r).toEqual({ ok: true, mode: 'split', filled: 6, handledByPage: 0 });
    expect($$('.b').map((b) => b.value)).toEqual(['4', '0', '2', '9', '1', '3']);
    expect(keys).toEqual(['0:4', '1:0', '2:2', '3:9', '4:1', '5:3']);
  });

  it('works with boxes that auto-advance focus on input', () => {
    html(boxes(6));
    const all = $$('.b');
    const focusCalls: number[] = [];
    all.forEach((b, i) => {
      b.addEventListener('focus', () => focusCalls.push(i));
      b.addEventListener('input', () => {
        if (b.value.length === 1) all[i + 1]?.focus();
      });
    });
    const r = fillCode(all, '123456');
    expect(r.ok).toBe(true);
    expect(all.map((b) => b.value).join('')).toBe('123456');
    // each box focused once: by us for the first, by the page for the rest
    expect(focusCalls).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('does not type twice into boxes whose page handles the keys itself', () => {
    html(boxes(6));
    const all = $$('.b');
    const model: string[] = [];
    all.forEach((b, i) => {
      b.addEventListener('keydown', (e) => {
        const k = (e as KeyboardEvent).key;
        if (!/^\d$/.test(k)) return;
        e.preventDefault();
        model[i] = k;
        b.value = k;
        all[i + 1]?.focus();
      });
      b.addEventListener('input', () => {
        throw new Error('input must not fire for a key the page cancelled');
      });
    });
    const r = fillCode(all, '975310');
    expect(r).toMatchObject({ ok: true, filled: 6, handledByPage: 6 });
    expect(model.join('')).toBe('975310');
    expect(all.map((b) => b.value).join('')).toBe('975310');
  });

  it('updates React-controlled boxes', () => {
    html(boxes(4));
    const models = $$('.b').map(reactControlled);
    expect(fillCode($$('.b'), '8642').ok).toBe(true);
    expect(models.map((m) => m.state).join('')).toBe('8642');
  });

  it('replaces old digits and keeps Steam’s letters', () => {
    html(boxes(5));
    for (const b of $$('.b')) b.value = '9';
    expect(fillCode($$('.b'), 'K7R2T').ok).toBe(true);
    expect(
      $$('.b')
        .map((b) => b.value)
        .join(''),
    ).toBe('K7R2T');
  });

  it('refuses a code whose length does not match the boxes', () => {
    html(boxes(6));
    expect(fillCode($$('.b'), '12345678')).toMatchObject({ ok: false, reason: 'length-mismatch', filled: 0 });
    expect(
      $$('.b')
        .map((b) => b.value)
        .join(''),
    ).toBe('');
  });
});
