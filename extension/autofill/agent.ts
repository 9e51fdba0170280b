/**
 * The content script's logic, one per frame: watches for OTP fields, shows the inline button,
 * asks the service worker which entries match THIS frame and for a code, and fills. It never
 * decides what a frame may get: the worker does, from the Port's sender.
 */
import { findOtpFields } from './detect';
import { fillCode } from './fill';
import { createInlineUi, type InlineUi, type MenuItem } from './inline-ui';
import type { FillEvent, FrameReply, FrameRequest } from './protocol';
import { watchOtpFields } from './watch';

type Place = HTMLInputElement[];
type Matches = Extract<FrameReply, { type: 'matches' }>;

/** How the agent talks to the worker (a Port in the content script, a fake in tests). */
export interface AgentIo {
  request(req: FrameRequest): Promise<FrameReply>;
  onEvent(listener: (event: FillEvent) => void): () => void;
}

/** Options of startAgent. */
export interface AgentOptions {
  /** the UI factory; createInlineUi unless a test swaps it */
  ui?: (doc: Document, onButton: (place: Place) => void) => InlineUi;
  sleep?: (ms: number) => Promise<void>;
}

const TEXT_TYPES = new Set(['text', 'tel', 'number', 'password', 'search', '']);
const UNLOCK_NOTE = 'Unlock Ward in the window that opened: the code is filled right after.';

function deepActive(doc: Document): Element | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

function asInput(el: Element | null | undefined): HTMLInputElement | null {
  if (el?.localName !== 'input') return null;
  const input = el as HTMLInputElement;
  return TEXT_TYPES.has(input.type) && !input.disabled && !input.readOnly ? input : null;
}

/** Starts the agent on a document; returns a stop function. */
export function startAgent(doc: Document, io: AgentIo, options: AgentOptions = {}): () => void {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let last: Matches | null = null;
  let lastAt = 0;
  let contextTarget: Element | null = null;
  let autoFilled = false;
  let busy = false;
  const ui = (options.ui ?? createInlineUi)(doc, (place) => void onButton(place));

  async function matches(): Promise<Matches | null> {
    const r = await io.request({ type: 'matches' });
    last = r.type === 'matches' ? r : null;
    lastAt = Date.now();
    return last;
  }

  async function unlock(place: Place): Promise<void> {
    ui.say(place, UNLOCK_NOTE, true);
    await io.request({ type: 'unlock' });
  }

  async function fill(id: string, place: Place, quietRefusal = false): Promise<boolean> {
    if (busy) return false;
    busy = true;
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const r = await io.request({ type: 'code', id });
        if (r.type === 'wait') {
          const s = Math.max(1, Math.ceil(r.ms / 1000));
          ui.say(place, `This code is about to expire: filling the next one in ${s} s…`, true);
          await sleep(r.ms);
          continue;
        }
        if (r.type === 'code') {
          const result = fillCode(place, r.code);
          if (!result.ok) {
            ui.say(place, 'This field did not take the code. Copy it from the Ward popup instead.');
            return false;
          }
          ui.say(place, 'Code filled');
          if (last?.settings.autoSubmit) (place[0] as HTMLInputElement).form?.requestSubmit();
          return true;
        }
        if (r.type === 'error' && r.code === 'locked') await unlock(place);
        else if (r.type === 'error' && !(quietRefusal && r.code === 'forbidden')) ui.say(place, r.message);
        return false;
      }
      return false;
    } finally {
      busy = false;
    }
  }

  function openMenu(place: Place, m: Matches): void {
    const site = m.site ?? 'this site';
    const items: MenuItem[] = m.entries.map((e) => ({
      label: e.issuer || e.account || 'Unnamed',
      ...(e.issuer && e.account ? { detail: e.account } : {}),
      run: () => void fill(e.id, place),
    }));
    items.push({
      label: 'Choose an account…',
      detail: `Save one for ${site} (you confirm in Ward)`,
      run: () => {
        ui.say(place, 'Pick the account in the Ward window.', true);
        void io.request({ type: 'choose' });
      },
    });
    items.push({
      label: `Hide the Ward button on ${site}`,
      quiet: true,
      run: () => {
        ui.clear();
        void io.request({ type: 'hide' });
      },
    });
    const title = m.entries.length ? `Fill a code for ${site}` : `No account is saved for ${site}`;
    ui.menu(place, title, items);
  }

  /** The inline button (and the shortcut / menu without an entry): fill, unlock or ask. */
  async function onButton(place: Place): Promise<void> {
    const m = await matches();
    if (!m) return;
    if (m.status !== 'unlocked') return unlock(place);
    const only = m.entries.length === 1 ? m.entries[0] : undefined;
    if (only) await fill(only.id, place);
    else openMenu(place, m);
  }

  function placeFor(input: HTMLInputElement | null, found: Place[]): Place | null {
    if (!input) return null;
    return found.find((p) => p.includes(input)) ?? [input];
  }

  /** Which place a worker event is about, or null when this frame has nothing to do. */
  function pick(source: FillEvent['source']): Place | null {
    const found = findOtpFields(doc);
    if (source === 'menu') return placeFor(asInput(contextTarget), found);
    const active = deepActive(doc);
    if (source === 'shortcut') {
      // a focused iframe's own content script answers; this frame only if it holds the focus itself
      if (!doc.hasFocus() || active?.localName === 'iframe' || active?.localName === 'frame') return null;
    }
    const focused = asInput(active);
    const inPlace = focused && found.find((p) => p.includes(focused));
    if (inPlace) return inPlace;
    return found[0] ?? (source === 'shortcut' || source === 'popup' ? placeFor(focused, found) : null);
  }

  async function onEvent(event: FillEvent): Promise<void> {
    const place = pick(event.source);
    if (!place) return;
    if (event.id) {
      await matches();
      // "Fill" from the popup reaches every frame; frames of other sites are refused quietly
      await fill(event.id, place, event.source === 'popup');
    } else {
      await onButton(place);
    }
  }

  async function onFound(fresh: Place[]): Promise<void> {
    // fields of an SPA's next step reuse the answer for a while (the vault may have unlocked since)
    const m = last && Date.now() - lastAt < 10_000 ? last : await matches();
    if (!m || m.status === 'none' || !m.site || m.settings.hidden) return;
    for (const place of fresh) ui.show(place);
    const only = m.entries.length === 1 ? m.entries[0] : undefined;
    if (m.settings.autoFill && m.status === 'unlocked' && only && !autoFilled) {
      autoFilled = true;
      await fill(only.id, fresh[0] as Place);
    }
  }

  const onContextMenu = (ev: Event) => {
    contextTarget = (ev.composedPath()[0] as Element | undefined) ?? null;
  };
  doc.addEventListener('contextmenu', onContextMenu, true);
  const stopEvents = io.onEvent((e) => void onEvent(e));
  const stopWatch = watchOtpFields(doc, (fresh) => void onFound(fresh));

  return () => {
    stopWatch();
    stopEvents();
    doc.removeEventListener('contextmenu', onContextMenu, true);
    ui.destroy();
  };
}
