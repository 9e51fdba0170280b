/**
 * Puts a code into a page's field the way a person typing would (UI Events key events, Input
 * Events `beforeinput`/`input`, HTML `change`), so framework-controlled inputs notice it.
 */

/** Why a fill did not happen (or not completely). */
export type FillFailure = 'empty-code' | 'no-fields' | 'length-mismatch' | 'not-fillable' | 'rejected';

/** What fillCode did. */
export interface FillResult {
  ok: boolean;
  mode: 'single' | 'split';
  /** characters that ended up in the field(s) */
  filled: number;
  /** characters whose key event the page handled itself (it called preventDefault and typed them) */
  handledByPage: number;
  reason?: FillFailure;
}

type View = Window & typeof globalThis;

/**
 * Sets `value` through HTMLInputElement.prototype's own setter. React (and others) put a value
 * tracker on the instance's `value` property and drop 'input' events whose value equals what the
 * tracker last saw; going past the instance setter keeps the tracker's old value, so the change
 * is seen.
 */
export function setNativeValue(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView as View | null;
  const proto = view?.HTMLInputElement?.prototype ?? Object.getPrototypeOf(input);
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
}

function keyEvent(view: View, type: string, ch: string): KeyboardEvent {
  const digit = /^\d$/.test(ch);
  const ev = new view.KeyboardEvent(type, {
    key: ch,
    code: digit ? `Digit${ch}` : /^[a-z]$/i.test(ch) ? `Key${ch.toUpperCase()}` : '',
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  // legacy fields many OTP widgets still read
  const legacy = type === 'keypress' ? ch.charCodeAt(0) : ch.toUpperCase().charCodeAt(0);
  for (const prop of ['keyCode', 'which', 'charCode'] as const) {
    const v = prop === 'charCode' && type !== 'keypress' ? 0 : legacy;
    try {
      Object.defineProperty(ev, prop, { get: () => v });
    } catch {}
  }
  return ev;
}

function inputEvent(view: View, type: 'beforeinput' | 'input', data: string, cancelable: boolean): Event {
  const init = { bubbles: true, cancelable, composed: true, inputType: 'insertText', data };
  return typeof view.InputEvent === 'function' ? new view.InputEvent(type, init) : new view.Event(type, init);
}

function usable(input: HTMLInputElement): boolean {
  return input.isConnected && !input.disabled && !input.readOnly;
}

function focus(input: HTMLInputElement): void {
  const active = (input.getRootNode() as Document | ShadowRoot).activeElement;
  if (active !== input) input.focus({ preventScroll: true });
}

/**
 * Types one character into `input` as a keyboard would. Returns 'page' when the page cancelled
 * the key and handled it itself (so it must not be typed again).
 */
function typeChar(input: HTMLInputElement, ch: string): 'typed' | 'page' {
  const view = input.ownerDocument.defaultView as View;
  if (!input.dispatchEvent(keyEvent(view, 'keydown', ch))) return 'page';
  if (!input.dispatchEvent(keyEvent(view, 'keypress', ch))) return 'page';
  if (!input.dispatchEvent(inputEvent(view, 'beforeinput', ch, true))) return 'page';
  // a box holds one character: typing into a full box replaces it, as OTP widgets do
  setNativeValue(input, ch);
  input.dispatchEvent(inputEvent(view, 'input', ch, false));
  input.dispatchEvent(keyEvent(view, 'keyup', ch));
  return 'typed';
}

function fillSingle(input: HTMLInputElement, code: string): FillResult {
  const base = { mode: 'single' as const, handledByPage: 0 };
  if (input.maxLength > 0 && code.length > input.maxLength) {
    return { ...base, ok: false, filled: 0, reason: 'length-mismatch' };
  }
  const view = input.ownerDocument.defaultView as View;
  focus(input);
  const last = code.slice(-1);
  // One value write and one 'input' event, like a paste or a browser's autofill: pages that
  // reformat or auto-submit on each keystroke see the whole code at once.
  input.dispatchEvent(keyEvent(view, 'keydown', last));
  setNativeValue(input, code);
  input.dispatchEvent(inputEvent(view, 'input', code, false));
  input.dispatchEvent(keyEvent(view, 'keyup', last));
  input.dispatchEvent(new view.Event('change', { bubbles: true }));
  const ok = input.value.replace(/\s/g, '') === code;
  return { ...base, ok, filled: ok ? code.length : 0, ...(ok ? {} : { reason: 'rejected' as const }) };
}

function fillSplit(boxes: HTMLInputElement[], code: string): FillResult {
  const result: FillResult = { ok: false, mode: 'split', filled: 0, handledByPage: 0 };
  if (code.length !== boxes.length) return { ...result, reason: 'length-mismatch' };
  const view = (boxes[0] as HTMLInputElement).ownerDocument.defaultView as View;
  for (let i = 0; i < boxes.length; i++) {
    const box = boxes[i] as HTMLInputElement;
    const ch = code[i] as string;
    // the page may already have moved focus here itself (auto-advance); focusing again is harmless
    // but must not type twice, so each box gets exactly one character from us
    focus(box);
    const outcome = typeChar(box, ch);
    if (outcome === 'page') result.handledByPage++;
    else box.dispatchEvent(new view.Event('change', { bubbles: true }));
  }
  result.filled = boxes.filter((b, i) => b.value === code[i]).length;
  result.ok = result.filled === boxes.length;
  if (!result.ok) result.reason = 'rejected';
  return result;
}

/**
 * Fills a place returned by findOtpFields with `code` (spaces removed). A single input gets the
 * whole code through the native value setter plus key/input/change events; split boxes are typed
 * one character each, in order. Never submits the form.
 */
export function fillCode(place: readonly HTMLInputElement[], code: string): FillResult {
  const clean = code.replace(/\s+/g, '');
  const mode = place.length > 1 ? 'split' : 'single';
  if (!clean) return { ok: false, mode, filled: 0, handledByPage: 0, reason: 'empty-code' };
  if (place.length === 0) return { ok: false, mode, filled: 0, handledByPage: 0, reason: 'no-fields' };
  if (!place.every(usable)) return { ok: false, mode, filled: 0, handledByPage: 0, reason: 'not-fillable' };
  return place.length === 1 ? fillSingle(place[0] as HTMLInputElement, clean) : fillSplit([...place], clean);
}
