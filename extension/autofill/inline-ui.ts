/**
 * The inline Ward button, menu and status line, drawn in a CLOSED shadow root (DOM Standard) on a
 * zero-size absolutely positioned host, so the page cannot read or restyle it and its layout
 * never moves. Only trusted (user) clicks act: a page can dispatch events, not make them trusted.
 */
import { parentOf } from './collect';

/** One line of the menu. */
export interface MenuItem {
  label: string;
  detail?: string;
  /** drawn muted, after a rule (e.g. "Hide on this site") */
  quiet?: boolean;
  run: () => void;
}

/** What the content script draws over a page. */
export interface InlineUi {
  /** puts the Ward button at the end of a place (inside a single field, after split boxes) */
  show(place: HTMLInputElement[]): void;
  /** opens a menu under a place */
  menu(place: HTMLInputElement[], title: string, items: MenuItem[]): void;
  /** a short status line under a place; `sticky` keeps it until replaced */
  say(place: HTMLInputElement[], text: string, sticky?: boolean): void;
  /** removes every button and menu (the user hid Ward on this site) */
  clear(): void;
  destroy(): void;
}

/** The tag of the UI's host element; the field watcher ignores it coming and going. */
export const UI_HOST_TAG = 'ward-autofill';

const SIZE = 22;
const CSS = `
:host{all:initial}
button{font:13px/1.3 system-ui,sans-serif;cursor:pointer}
.ward{position:absolute;width:${SIZE}px;height:${SIZE}px;padding:0;margin:0;border:0;border-radius:6px;
background:#1d4ed8;color:#fff;display:grid;place-items:center;box-shadow:0 1px 3px #0004;opacity:.92}
.ward:hover,.ward:focus-visible{opacity:1;outline:2px solid #93c5fd}
.pop{position:absolute;min-width:220px;max-width:320px;background:#fff;color:#111;border:1px solid #cbd5e1;
border-radius:8px;box-shadow:0 6px 24px #0003;padding:4px;font:13px/1.3 system-ui,sans-serif}
.pop p{margin:6px 8px;color:#475569}
.pop button{display:block;width:100%;text-align:left;background:none;border:0;border-radius:6px;padding:7px 8px;color:#111}
.pop button:hover,.pop button:focus-visible{background:#e0e7ff;outline:none}
.pop small{display:block;color:#64748b}
.pop .quiet{color:#64748b;border-top:1px solid #e2e8f0;border-radius:0}
.say{position:absolute;background:#0f172a;color:#fff;border-radius:6px;padding:6px 9px;
font:12px/1.3 system-ui,sans-serif;max-width:300px;box-shadow:0 2px 8px #0004}
@media (prefers-color-scheme:dark){.pop{background:#1e293b;color:#f1f5f9;border-color:#334155}
.pop button{color:#f1f5f9}.pop button:hover,.pop button:focus-visible{background:#334155}.pop p,.pop small{color:#94a3b8}}
`;
const SVG_NS = 'http://www.w3.org/2000/svg';
const ICON_PATH =
  'M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Zm0 5a3 3 0 0 1 1 5.8V16h-2v-3.2A3 3 0 0 1 12 7Z';

// Built node by node: no markup string ever reaches a page (and store reviewers need not check one).
function shieldIcon(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  const attributes = { width: '14', height: '14', viewBox: '0 0 24 24', 'aria-hidden': 'true' };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', ICON_PATH);
  svg.appendChild(path);
  return svg;
}

function styleRoot(root: ShadowRoot, doc: Document): void {
  // a constructed sheet is not subject to the page's style-src CSP; <style> is the fallback
  try {
    const View = doc.defaultView as (Window & typeof globalThis) | null;
    const sheet = new (View?.CSSStyleSheet ?? CSSStyleSheet)();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}

/**
 * The open modal <dialog> or popover that holds a field, if any. Both live in the top layer, above
 * any z-index, and a modal dialog makes the rest of the page inert: a button drawn outside it could
 * be neither seen nor clicked, so the host moves inside it.
 */
function topLayerOf(field: Element): Element | null {
  for (let el = parentOf(field); el; el = parentOf(el)) if (inTopLayer(el)) return el;
  return null;
}

function inTopLayer(el: Element): boolean {
  if (el.localName !== 'dialog' && !el.hasAttribute('popover')) return false;
  try {
    return el.matches(':modal, :popover-open');
  } catch {
    return false; // an engine without these selectors has no top layer to worry about
  }
}

/** Creates the UI; `onButton` runs on a trusted click of a place's Ward button. */
export function createInlineUi(doc: Document, onButton: (place: HTMLInputElement[]) => void): InlineUi {
  const view = doc.defaultView as Window;
  const host = doc.createElement(UI_HOST_TAG);
  host.style.cssText =
    'all:initial;position:absolute;top:0;left:0;width:0;height:0;overflow:visible;z-index:2147483647;pointer-events:auto';
  const root = host.attachShadow({ mode: 'closed' });
  styleRoot(root, doc);

  const buttons = new Map<HTMLInputElement[], HTMLButtonElement>();
  let pop: { el: HTMLElement; place: HTMLInputElement[] } | null = null;
  let sayTimer: ReturnType<typeof setTimeout> | undefined;
  let frame = 0;

  // One host per frame, inside the top-layer element of the place shown last (else the root).
  const pageRoot = () => doc.documentElement ?? doc.body;
  const mount = (place: HTMLInputElement[]) => {
    const parent = topLayerOf(place[0] as HTMLInputElement) ?? pageRoot();
    if (parent && host.parentNode !== parent) parent.append(host);
  };
  const box = (place: HTMLInputElement[]) => {
    const first = (place[0] as HTMLInputElement).getBoundingClientRect();
    const last = (place[place.length - 1] as HTMLInputElement).getBoundingClientRect();
    return { left: first.left, right: last.right, top: first.top, bottom: last.bottom, height: last.height };
  };

  function position(): void {
    frame = 0;
    // A dialog that closed would hide the buttons of the page behind it (its fields resize to 0).
    const parent = host.parentElement;
    if (parent && parent !== pageRoot() && !inTopLayer(parent)) pageRoot()?.append(host);
    // Offsets from the host itself: right for the page root (where it is the scroll offset) and
    // for a dialog, whatever its position or transform.
    const origin = host.getBoundingClientRect();
    const sx = -origin.left;
    const sy = -origin.top;
    for (const [place, button] of buttons) {
      const r = box(place);
      const gone = !place.every((i) => i.isConnected) || r.right - r.left <= 0;
      button.hidden = gone;
      if (gone) continue;
      const inside = place.length === 1 && r.right - r.left > SIZE * 3;
      const x = inside ? r.right - SIZE - 6 : r.right + 4;
      button.style.left = `${x + sx}px`;
      button.style.top = `${r.top + (r.height - SIZE) / 2 + sy}px`;
    }
    for (const el of [pop?.el, root.querySelector<HTMLElement>('.say')]) {
      const place =
        el === pop?.el ? pop?.place : (el as (HTMLElement & { place?: HTMLInputElement[] }) | null)?.place;
      if (!el || !place) continue;
      const r = box(place);
      el.style.left = `${r.left + sx}px`;
      el.style.top = `${r.bottom + 4 + sy}px`;
    }
  }
  const schedule = () => {
    if (!frame) frame = view.requestAnimationFrame(position);
  };
  const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : null;
  view.addEventListener('scroll', schedule, { capture: true, passive: true });
  view.addEventListener('resize', schedule, { passive: true });
  if (doc.body) resize?.observe(doc.body);

  function closeMenu(refocus: boolean): void {
    if (!pop) return;
    const { el, place } = pop;
    pop = null;
    el.remove();
    if (refocus) (place[0] as HTMLInputElement).focus({ preventScroll: true });
  }
  const onOutside = (ev: Event) => {
    if (pop && !ev.composedPath().includes(host)) closeMenu(false);
  };
  doc.addEventListener('pointerdown', onOutside, true);

  const trusted = (handler: () => void) => (ev: Event) => {
    ev.preventDefault();
    ev.stopPropagation();
    if (ev.isTrusted) handler();
  };

  return {
    show(place) {
      if (buttons.has(place)) return;
      mount(place);
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = 'ward';
      button.title = 'Fill the code with Ward';
      button.setAttribute('aria-label', 'Fill the one-time code with Ward');
      button.appendChild(shieldIcon(doc));
      // keep the caret in the page's field
      button.addEventListener('mousedown', (ev) => ev.preventDefault());
      button.addEventListener(
        'click',
        trusted(() => onButton(place)),
      );
      root.append(button);
      buttons.set(place, button);
      for (const input of place) resize?.observe(input);
      position();
    },
    menu(place, title, items) {
      closeMenu(false);
      mount(place);
      const el = doc.createElement('div');
      el.className = 'pop';
      el.setAttribute('role', 'menu');
      el.setAttribute('aria-label', title);
      const heading = doc.createElement('p');
      heading.textContent = title;
      el.append(heading);
      for (const item of items) {
        const b = doc.createElement('button');
        b.type = 'button';
        b.setAttribute('role', 'menuitem');
        b.textContent = item.label;
        if (item.detail) {
          const small = doc.createElement('small');
          small.textContent = item.detail;
          b.append(small);
        }
        if (item.quiet) b.className = 'quiet';
        b.addEventListener(
          'click',
          trusted(() => {
            closeMenu(false);
            item.run();
          }),
        );
        el.append(b);
      }
      el.addEventListener('keydown', (ev) => {
        const all = [...el.querySelectorAll('button')];
        const at = all.indexOf(root.activeElement as HTMLButtonElement);
        if (ev.key === 'Escape') closeMenu(true);
        else if (ev.key === 'ArrowDown') all[(at + 1) % all.length]?.focus();
        else if (ev.key === 'ArrowUp') all[(at - 1 + all.length) % all.length]?.focus();
        else return;
        ev.preventDefault();
      });
      root.append(el);
      pop = { el, place };
      position();
      el.querySelector('button')?.focus({ preventScroll: true });
    },
    say(place, text, sticky = false) {
      mount(place);
      root.querySelector('.say')?.remove();
      clearTimeout(sayTimer);
      const el = Object.assign(doc.createElement('div'), { className: 'say', textContent: text, place });
      el.setAttribute('role', 'status');
      root.append(el);
      position();
      if (!sticky) sayTimer = setTimeout(() => el.remove(), 4000);
    },
    clear() {
      closeMenu(false);
      for (const b of buttons.values()) b.remove();
      buttons.clear();
    },
    destroy() {
      this.clear();
      clearTimeout(sayTimer);
      if (frame) view.cancelAnimationFrame(frame);
      resize?.disconnect();
      view.removeEventListener('scroll', schedule, { capture: true });
      view.removeEventListener('resize', schedule);
      doc.removeEventListener('pointerdown', onOutside, true);
      host.remove();
    },
  };
}
