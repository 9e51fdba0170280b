/**
 * Watches a page for one-time-code fields that appear later (DOM MutationObserver, HTML history
 * and Navigation API events), with throttled scans whose cost stays bounded on busy pages.
 */
import { collectTree } from './collect';
import { findOtpFields } from './detect';
import { UI_HOST_TAG } from './inline-ui';

/** Options of watchOtpFields. */
export interface WatchOptions {
  /** at most this many scans per second (default 4) */
  maxScansPerSecond?: number;
  /** wait this long after the first mutation of a burst, to scan the settled page (default 50 ms) */
  settleMs?: number;
  /** the most of the page's time scans may take, as a fraction (default 0.05: 5 %) */
  maxBusyFraction?: number;
  /** the detector; findOtpFields unless a test or caller swaps it */
  detect?: (root: Document | Element) => HTMLInputElement[][];
  /** report what is already on the page at once (default true) */
  scanNow?: boolean;
}

const isOwnUi = (node: Node) => node.nodeName.toLowerCase() === UI_HOST_TAG;

/** A childList record that only adds or removes Ward's own UI host. */
function ownUiOnly(record: MutationRecord): boolean {
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every(isOwnUi);
}

const WATCHED_ATTRIBUTES = [
  'type',
  'hidden',
  'style',
  'class',
  'disabled',
  'readonly',
  'autocomplete',
  'maxlength',
  'inert',
  'open',
];

/**
 * Calls `onFound` with the places (findOtpFields' shape) that were not reported before: those on
 * the page now, then any that appear later, and again after an SPA navigation changes the URL.
 * Mutations are not processed one by one: the first one of a burst disconnects the observer and
 * schedules one full scan, after which observing resumes, so a page mutating 1,000 times a second
 * costs at most `maxScansPerSecond` scans and as many observer callbacks. Returns a stop function.
 */
export function watchOtpFields(
  root: Document | Element,
  onFound: (places: HTMLInputElement[][]) => void,
  options: WatchOptions = {},
): () => void {
  const doc = root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
  const view = doc.defaultView;
  const detect = options.detect ?? findOtpFields;
  const minInterval = 1000 / Math.max(0.1, options.maxScansPerSecond ?? 4);
  const settle = Math.max(0, options.settleMs ?? 50);
  const busy = Math.min(1, Math.max(0.001, options.maxBusyFraction ?? 0.05));
  // the global timers are the page window's own in a content script
  const now = () => performance.now();

  let reported = new WeakSet<HTMLInputElement>();
  let href = view?.location?.href ?? '';
  let nextAllowed = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const Observer = view?.MutationObserver ?? globalThis.MutationObserver;
  const observer = new Observer((records) => {
    // Ward's own button host being added or moved (into a dialog and back) is no news
    if (records.every(ownUiOnly)) return;
    // everything that changed will be seen by the next full scan; stop listening until then
    observer.disconnect();
    schedule(settle);
  });

  const init = { childList: true, subtree: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES };
  // open shadow roots need observing of their own: subtree observation stops at a shadow boundary
  const observe = () => {
    observer.observe(root, init);
    for (const shadow of collectTree(root).shadowRoots) observer.observe(shadow, init);
  };

  function scan(): void {
    timer = undefined;
    if (stopped) return;
    const current = view?.location?.href ?? '';
    if (current !== href) {
      // a new SPA page may reuse the same input elements for a new prompt
      href = current;
      reported = new WeakSet();
    }
    const started = now();
    let fresh: HTMLInputElement[][] = [];
    try {
      fresh = detect(root).filter((place) => !reported.has(place[0] as HTMLInputElement));
    } finally {
      const took = now() - started;
      // throttle, and stretch the interval when scans are slow so they use at most `busy` of the time
      nextAllowed = now() + Math.max(minInterval, took / busy);
      observe();
    }
    for (const place of fresh) reported.add(place[0] as HTMLInputElement);
    if (fresh.length) onFound(fresh);
  }

  function schedule(delay: number): void {
    if (stopped || timer !== undefined) return;
    const wait = Math.max(delay, nextAllowed - now());
    timer = setTimeout(scan, wait);
  }

  const onNavigate = () => schedule(settle);
  const navigation = (view as (Window & { navigation?: EventTarget }) | null)?.navigation;
  view?.addEventListener('popstate', onNavigate);
  view?.addEventListener('hashchange', onNavigate);
  navigation?.addEventListener?.('navigatesuccess', onNavigate);

  if (options.scanNow ?? true) scan();
  else observe();

  return function stop() {
    stopped = true;
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    view?.removeEventListener('popstate', onNavigate);
    view?.removeEventListener('hashchange', onNavigate);
    navigation?.removeEventListener?.('navigatesuccess', onNavigate);
  };
}
