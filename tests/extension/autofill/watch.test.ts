// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchOtpFields } from '../../../extension/autofill/watch';

const OTP = '<form><h1>Two-factor authentication</h1><input name="otp" autocomplete="one-time-code"></form>';

function collector() {
  const found: HTMLInputElement[][] = [];
  return { found, onFound: (places: HTMLInputElement[][]) => found.push(...places) };
}

let stop: (() => void) | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
});
afterEach(() => {
  stop?.();
  stop = undefined;
  vi.useRealTimers();
});

/** Lets MutationObserver callbacks (microtasks) run, then advances the clock. */
async function elapse(ms: number): Promise<void> {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}

describe('watchOtpFields', () => {
  it('reports fields already on the page at once', () => {
    document.body.innerHTML = OTP;
    const c = collector();
    stop = watchOtpFields(document, c.onFound);
    expect(c.found.map((p) => p[0]?.name)).toEqual(['otp']);
  });

  it('reports a field added by script later, once', async () => {
    const c = collector();
    stop = watchOtpFields(document, c.onFound, { settleMs: 20 });
    expect(c.found).toEqual([]);
    document.body.insertAdjacentHTML('beforeend', OTP);
    await elapse(300);
    expect(c.found.map((p) => p[0]?.name)).toEqual(['otp']);
    // unrelated changes do not report it again
    document.body.insertAdjacentHTML('beforeend', '<p>hello</p>');
    (document.querySelector('input') as HTMLInputElement).setAttribute('class', 'focused');
    await elapse(1000);
    expect(c.found).toHaveLength(1);
  });

  it('reports a field that becomes visible', async () => {
    document.body.innerHTML = `<div id="step" hidden>${OTP}</div>`;
    const c = collector();
    stop = watchOtpFields(document, c.onFound, { settleMs: 10 });
    expect(c.found).toEqual([]);
    document.getElementById('step')?.removeAttribute('hidden');
    await elapse(300);
    expect(c.found).toHaveLength(1);
  });

  it('bounds the work on a page that mutates constantly', async () => {
    document.body.innerHTML = '<div id="clock"></div>';
    const detect = vi.fn(() => [] as HTMLInputElement[][]);
    stop = watchOtpFields(document, () => {}, { detect, maxScansPerSecond: 4, settleMs: 10 });
    const clock = document.getElementById('clock') as HTMLElement;
    // 1,000 mutations a second for 5 seconds
    for (let ms = 0; ms < 5000; ms++) {
      clock.textContent = String(ms);
      clock.setAttribute('style', `width:${ms % 100}px`);
      await elapse(1);
    }
    // one scan at start, then at most 4 a second
    expect(detect.mock.calls.length).toBeGreaterThan(5);
    expect(detect.mock.calls.length).toBeLessThanOrEqual(1 + 4 * 5 + 1);
  });

  it('does not rescan for its own button host coming, moving into a dialog and going', async () => {
    document.body.innerHTML = '<dialog id="d"><p>Confirm</p></dialog>';
    const detect = vi.fn(() => [] as HTMLInputElement[][]);
    stop = watchOtpFields(document, () => {}, { detect, settleMs: 10 });
    expect(detect).toHaveBeenCalledTimes(1);
    const host = document.createElement('ward-autofill');
    document.documentElement.append(host);
    await elapse(500);
    document.getElementById('d')?.append(host);
    await elapse(500);
    host.remove();
    await elapse(500);
    expect(detect).toHaveBeenCalledTimes(1);
    // anything else the page adds is still looked at
    document.body.append(document.createElement('p'));
    await elapse(500);
    expect(detect).toHaveBeenCalledTimes(2);
  });

  it('slows down when scans are expensive', async () => {
    document.body.innerHTML = '<div id="x"></div>';
    const detect = vi.fn(() => {
      vi.advanceTimersByTime(50); // each scan "takes" 50 ms
      return [] as HTMLInputElement[][];
    });
    stop = watchOtpFields(document, () => {}, {
      detect,
      maxScansPerSecond: 10,
      settleMs: 0,
      maxBusyFraction: 0.1,
    });
    const x = document.getElementById('x') as HTMLElement;
    for (let ms = 0; ms < 5000; ms += 5) {
      x.textContent = String(ms);
      await elapse(5);
    }
    // 50 ms per scan at 10 % of the time: one scan per 500 ms, not 10 per second
    expect(detect.mock.calls.length).toBeLessThanOrEqual(1 + 5000 / 500 + 1);
  });

  it('reports again after an SPA navigation reuses the same input', async () => {
    document.body.innerHTML = OTP;
    const c = collector();
    stop = watchOtpFields(document, c.onFound, { settleMs: 10 });
    expect(c.found).toHaveLength(1);
    history.pushState(null, '', '/settings/security');
    (document.querySelector('h1') as HTMLElement).textContent = 'Confirm it is you: two-factor code';
    await elapse(500);
    expect(c.found).toHaveLength(2);
    expect(c.found[1]?.[0]).toBe(c.found[0]?.[0]);
  });

  it('rescans on back/forward navigation', async () => {
    const c = collector();
    const detect = vi.fn(() => [] as HTMLInputElement[][]);
    stop = watchOtpFields(document, c.onFound, { detect, settleMs: 10 });
    const before = detect.mock.calls.length;
    window.dispatchEvent(new PopStateEvent('popstate'));
    await elapse(500);
    expect(detect.mock.calls.length).toBe(before + 1);
  });

  it('stops: no scans, no reports after stop()', async () => {
    const c = collector();
    const detect = vi.fn(() => [] as HTMLInputElement[][]);
    const s = watchOtpFields(document, c.onFound, { detect, settleMs: 10 });
    s();
    document.body.insertAdjacentHTML('beforeend', OTP);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await elapse(1000);
    expect(detect).toHaveBeenCalledTimes(1);
  });
});

describe('watchOtpFields and shadow roots', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    document.body.innerHTML = '<div id="host"></div>';
  });
  afterEach(() => {
    stop?.();
    stop = undefined;
    vi.useRealTimers();
  });

  it('sees a field added inside an existing open shadow root', async () => {
    const shadow = (document.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div id="slot"></div>';
    const c = collector();
    stop = watchOtpFields(document, c.onFound, { settleMs: 10 });
    expect(c.found).toEqual([]);
    (shadow.getElementById('slot') as HTMLElement).innerHTML = OTP;
    await elapse(500);
    expect(c.found.map((p) => p[0]?.name)).toEqual(['otp']);
  });
});
