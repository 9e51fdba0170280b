// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInlineUi } from '../../../extension/autofill/inline-ui';
import { parseFillEvent, parseFrameRequest } from '../../../extension/autofill/protocol';

afterEach(() => {
  document.documentElement.querySelector('ward-autofill')?.remove();
  document.body.innerHTML = '';
});

describe('inline UI', () => {
  it('lives in a closed shadow root on a zero-size host, and ignores clicks a page script makes', () => {
    document.body.innerHTML = '<input id="otp" autocomplete="one-time-code">';
    const otp = document.getElementById('otp') as HTMLInputElement;
    const onButton = vi.fn();
    const ui = createInlineUi(document, onButton);
    ui.show([otp]);
    const host = document.querySelector('ward-autofill') as HTMLElement;
    expect(host).not.toBeNull();
    expect(host.shadowRoot).toBeNull(); // closed: the page gets no handle on Ward's buttons
    expect(host.style.position).toBe('absolute');
    expect([host.style.width, host.style.height]).toEqual(['0px', '0px']);
    // a page can only reach the host; a synthetic click there (untrusted) never reaches Ward
    host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(onButton).not.toHaveBeenCalled();
    ui.destroy();
    expect(document.querySelector('ward-autofill')).toBeNull();
  });
});

describe('autofill protocol guards', () => {
  it('accepts exactly the known frame requests', () => {
    expect(parseFrameRequest({ type: 'matches' })).toEqual({ type: 'matches' });
    expect(parseFrameRequest({ type: 'code', id: 'x' })).toEqual({ type: 'code', id: 'x' });
    for (const bad of [
      null,
      [],
      { type: 'code' },
      { type: 'code', id: '' },
      { type: 'code', id: 'x'.repeat(65) },
      { type: 'matches', url: 'https://github.com' },
      { type: 'code', id: 'x', site: 'github.com' },
      { type: 'secret', id: 'x' },
    ]) {
      expect(parseFrameRequest(bad)).toBeNull();
    }
  });

  it('accepts only well-formed worker events', () => {
    expect(parseFillEvent({ event: 'ward.autofill.fill', source: 'shortcut' })).toEqual({
      event: 'ward.autofill.fill',
      source: 'shortcut',
    });
    expect(parseFillEvent({ event: 'ward.autofill.fill', source: 'popup', id: 'a' })).toMatchObject({
      id: 'a',
    });
    for (const bad of [
      { event: 'other', source: 'menu' },
      { event: 'ward.autofill.fill', source: 'page' },
      { event: 'ward.autofill.fill', source: 'menu', id: 5 },
    ]) {
      expect(parseFillEvent(bad)).toBeNull();
    }
  });
});
