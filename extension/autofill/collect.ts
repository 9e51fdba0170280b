/**
 * Collects fillable text inputs from a DOM tree (open shadow roots included) and the plain facts
 * the scorer needs about each one. DOM reads only; no extension APIs.
 */
import { fold } from './text';

/** Input types a one-time code can be typed into (HTML "text-like" input states). */
const CODE_TYPES = new Set(['text', 'tel', 'number', 'password']);

const HIDDEN_INLINE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))/i;

/** What one walk of the tree finds: inputs in tree order and labels by their `for` target. */
export interface Collected {
  inputs: HTMLInputElement[];
  /** per tree scope (document or shadow root): `for` id → label texts */
  labels: Map<Node, Map<string, string>>;
  /** open shadow roots met on the way (a MutationObserver on the document does not see into them) */
  shadowRoots: ShadowRoot[];
}

/**
 * Every <input> under `root` in tree order, open shadow roots included at their host's place
 * (recursively), and every <label for>. One walk over `children`: cheaper than querySelectorAll
 * (no selector matching, no cache to rebuild after each mutation) and it finds shadow hosts on
 * the way. <template> content is not part of the tree and is never visited.
 */
export function collectTree(root: Document | Element | ShadowRoot): Collected {
  const inputs: HTMLInputElement[] = [];
  const labels = new Map<Node, Map<string, string>>();
  const shadowRoots: ShadowRoot[] = [];
  const start = root.nodeType === 9 ? (root as Document).documentElement : (root as Element | ShadowRoot);
  const stack: (Element | ShadowRoot)[] = start ? [start] : [];
  while (stack.length) {
    const node = stack.pop() as Element | ShadowRoot;
    if (node.nodeType === 1) {
      const el = node as Element;
      const tag = el.tagName;
      if (tag === 'INPUT') inputs.push(el as HTMLInputElement);
      else if (tag === 'LABEL') addLabel(labels, el);
      else if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'svg' || tag === 'SVG') continue;
    }
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Element);
    const shadow = node.nodeType === 1 ? (node as Element).shadowRoot : null;
    if (shadow) {
      shadowRoots.push(shadow);
      stack.push(shadow);
    }
  }
  return { inputs, labels, shadowRoots };
}

function addLabel(labels: Map<Node, Map<string, string>>, label: Element): void {
  const target = label.getAttribute('for');
  if (!target) return;
  const scope = label.getRootNode();
  const byId = labels.get(scope) ?? new Map<string, string>();
  labels.set(scope, byId);
  byId.set(target, `${byId.get(target) ?? ''} ${(label.textContent ?? '').slice(0, 300)}`);
}

/** Every <input> under `root` (open shadow roots included), in tree order. */
export function collectInputs(root: Document | Element | ShadowRoot): HTMLInputElement[] {
  return collectTree(root).inputs;
}

/** The parent element, crossing from a shadow root to its host. */
export function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && 'host' in root ? (root as ShadowRoot).host : null;
}

/**
 * Cheap checks that need no style computation: a text-like type, enabled, editable, not inside a
 * <template>, and no ancestor hidden by the `hidden`/`inert` attribute, a closed <details> or an
 * inline `display:none` / `visibility:hidden`.
 */
export function isFillable(input: HTMLInputElement): boolean {
  if (!CODE_TYPES.has(input.type)) return false;
  if (input.disabled || input.readOnly) return false;
  for (let el: Element | null = input; el; el = parentOf(el)) {
    const tag = el.tagName;
    if (tag === 'TEMPLATE') return false;
    if (el.hasAttribute('hidden') || el.hasAttribute('inert')) return false;
    if (tag === 'FIELDSET' && el.hasAttribute('disabled')) return false;
    if (tag === 'DETAILS' && el !== input && !el.hasAttribute('open') && !inSummary(input, el)) return false;
    const style = el.getAttribute('style');
    if (style && HIDDEN_INLINE.test(style)) return false;
  }
  return true;
}

function inSummary(input: Element, details: Element): boolean {
  const summary = input.closest('summary');
  return summary !== null && summary.parentElement === details;
}

/** True when the browser lays pages out (a real tab); false under happy-dom/jsdom, where sizes are 0. */
export function hasLayout(doc: Document): boolean {
  const r = doc.documentElement?.getBoundingClientRect();
  return !!r && (r.width > 0 || r.height > 0);
}

/**
 * Style-based visibility, for the few inputs that scored as candidates: computed display/visibility
 * of the input and its ancestors, and (where layout exists) a zero-size box.
 */
export function isRendered(input: HTMLInputElement, layout: boolean): boolean {
  const view = input.ownerDocument.defaultView;
  if (!view) return true;
  if (layout) {
    const rect = input.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return false;
    if (typeof input.checkVisibility === 'function')
      return input.checkVisibility({ visibilityProperty: true });
  }
  const own = view.getComputedStyle(input);
  if (own.visibility === 'hidden' || own.visibility === 'collapse') return false;
  for (let el: Element | null = input; el && el.tagName !== 'BODY'; el = parentOf(el)) {
    if (view.getComputedStyle(el).display === 'none') return false;
  }
  return true;
}

/**
 * Folded attribute text of the input itself: name, id, placeholder, aria-label, title, data-*
 * and framework bindings. Class names are kept apart (see classText): utility classes say less.
 */
export function ownText(input: HTMLInputElement): string {
  const parts: string[] = [];
  for (const attr of input.attributes) {
    const n = attr.name;
    if (
      n === 'name' ||
      n === 'id' ||
      n === 'placeholder' ||
      n === 'aria-label' ||
      n === 'title' ||
      n === 'formcontrolname' ||
      n === 'ng-model' ||
      n === 'v-model' ||
      (n.startsWith('data-') && n !== 'data-expect-otp' && attr.value.length < 80)
    ) {
      parts.push(attr.value);
    }
  }
  return fold(parts.join(' '));
}

/** Folded class names: they can name a code field ("otp-input") but not rule one out ("card"). */
export function classText(input: HTMLInputElement): string {
  return fold(input.getAttribute('class') ?? '');
}

/** Per-scan caches: label text by id, container text by element. */
export interface ScanCache {
  idText: Map<string, string>;
  containerText: Map<Element, string>;
  labels: Map<Node, Map<string, string>>;
}

/** A fresh cache for one scan, with the labels its tree walk found. */
export function newScanCache(labels: Map<Node, Map<string, string>> = new Map()): ScanCache {
  return { idText: new Map(), containerText: new Map(), labels };
}

function textById(input: Element, id: string, cache: ScanCache): string {
  const root = input.getRootNode() as Document | ShadowRoot;
  const key = id;
  const hit = cache.idText.get(key);
  if (hit !== undefined) return hit;
  const el = typeof root.getElementById === 'function' ? root.getElementById(id) : null;
  const text = el ? (el.textContent ?? '').slice(0, 300) : '';
  cache.idText.set(key, text);
  return text;
}

/** Folded text of the input's labels (for= and wrapping) and aria-labelledby/-describedby targets. */
export function labelText(input: HTMLInputElement, cache: ScanCache): string {
  const parts: string[] = [];
  // from the walk's label map rather than `input.labels`, which some DOMs answer with a query each time
  const forText = input.id ? cache.labels.get(input.getRootNode())?.get(input.id) : undefined;
  if (forText) parts.push(forText);
  const wrap = input.closest('label');
  if (wrap) parts.push((wrap.textContent ?? '').slice(0, 300));
  for (const a of ['aria-labelledby', 'aria-describedby']) {
    const ids = input.getAttribute(a);
    if (!ids) continue;
    for (const id of ids.split(/\s+/)) if (id) parts.push(textById(input, id, cache));
  }
  return fold(parts.join(' '));
}

const CONTAINER_STOP = new Set(['FORM', 'DIALOG', 'BODY', 'HTML', 'MAIN']);
const CONTEXT_LIMIT = 3000;
const CONTEXT_LEVELS = 6;

/**
 * The element whose text counts as "nearby": the enclosing form, dialog or main, or the highest
 * ancestor within six levels whose text stays short (so a whole page's text is never read).
 */
export function containerOf(el: Element, cache: ScanCache): Element {
  let best: Element = parentOf(el) ?? el;
  let cur: Element | null = best;
  for (let level = 0; cur && level < CONTEXT_LEVELS; level++) {
    if (CONTAINER_STOP.has(cur.tagName) || cur.getAttribute('role') === 'dialog') {
      if (cur.tagName === 'BODY' || cur.tagName === 'HTML') return best;
      if (rawText(cur, cache).length <= CONTEXT_LIMIT) return cur;
      return best;
    }
    if (rawText(cur, cache).length > CONTEXT_LIMIT) return best;
    best = cur;
    cur = parentOf(cur);
  }
  return best;
}

function rawText(el: Element, cache: ScanCache): string {
  let t = cache.containerText.get(el);
  if (t === undefined) {
    t = (el.textContent ?? '').replace(/\s+/g, ' ');
    cache.containerText.set(el, t);
  }
  return t;
}

/** Folded nearby text of a container (at most 3,000 characters). */
export function contextText(container: Element, cache: ScanCache): string {
  return fold(rawText(container, cache).slice(0, CONTEXT_LIMIT));
}

/** Marks of a captcha widget or image inside a container. */
export function hasCaptcha(container: Element): boolean {
  return (
    container.querySelector(
      '[class*="captcha"],[id*="captcha"],[src*="captcha"],[alt*="captcha"],[class*="Captcha"],[id*="Captcha"],[src*="Captcha"],[alt*="Captcha"],iframe[src*="recaptcha"],.cf-turnstile',
    ) !== null
  );
}
