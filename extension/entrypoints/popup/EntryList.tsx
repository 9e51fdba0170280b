import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CodeInfo, EntrySummary } from '../../messages';
import { Icon } from '../../ui/icons';
import { errorText, send } from '../../ui/send';
import { AutofillSite, useActiveSite } from './AutofillSite';
import { groupCode, matchesSearch } from './codes';
import { EntryRow, ROW_HEIGHT } from './EntryRow';

type Nav = { name: 'add'; text?: string } | { name: 'settings' };
const LINK = /^otpauth(-migration)?:\/\//i;

const OVERSCAN = 4;
const VIEW_HEIGHT = 460;

/** The list: search, codes with countdown, copy on click/Enter, reorder by drag or Alt+↑/↓, virtualised. */
export function EntryList({
  entries,
  initialCodes,
  onReload,
  onOpen,
  onNav,
  announce,
}: {
  entries: EntrySummary[] | null;
  initialCodes: Record<string, CodeInfo>;
  onReload: () => Promise<void>;
  onOpen: (id: string) => void;
  onNav: (v: Nav) => void;
  announce: (text: string) => void;
}) {
  const [query, setQuery] = useState('');
  const [codes, setCodes] = useState<Record<string, CodeInfo>>(initialCodes);
  const [now, setNow] = useState(Date.now());
  const [scrollTop, setScrollTop] = useState(0);
  // Focus follows an entry id, so it stays on the moved entry when the order changes.
  const [focusId, setFocusId] = useState<string | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const [dropIndex, setDropIndex] = useState(-1);
  const listRef = useRef<HTMLDivElement>(null);
  const site = useActiveSite(announce);

  const needle = query.trim().toLowerCase();
  const shown = useMemo(() => (entries ?? []).filter((e) => matchesSearch(e, needle)), [entries, needle]);

  const fetchCodes = useCallback(async () => {
    if (!entries?.length) return;
    try {
      setCodes(await send('entries.codes', { ids: entries.map((e) => e.id) }));
    } catch (e) {
      announce(errorText(e));
      await onReload();
    }
  }, [entries, announce, onReload]);

  // The first screen of codes came with the popup's first message; the rest follow after paint.
  useEffect(() => {
    const t = setTimeout(() => void fetchCodes(), 0);
    return () => clearTimeout(t);
  }, [fetchCodes]);

  // One clock for the whole list; codes are refetched when the earliest period ends.
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const nextRollover = useMemo(() => {
    let soonest = Number.POSITIVE_INFINITY;
    for (const c of Object.values(codes))
      if (c.periodMs) soonest = Math.min(soonest, c.periodStartMs + c.periodMs);
    return soonest;
  }, [codes]);
  useEffect(() => {
    if (now >= nextRollover) void fetchCodes();
  }, [now, nextRollover, fetchCodes]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);

  // Keep the focused row rendered and focused as the keyboard moves through a virtual list.
  useEffect(() => {
    const index = focusId ? shown.findIndex((e) => e.id === focusId) : -1;
    if (index < 0 || !listRef.current) return;
    const list = listRef.current;
    const top = index * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight)
      list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
    setScrollTop(list.scrollTop);
    const frame = requestAnimationFrame(() => {
      const row = list.querySelector<HTMLElement>(`[data-id="${CSS.escape(focusId as string)}"] .copy`);
      if (row && document.activeElement !== row) row.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [focusId, shown]);

  // The visible "Copied" mark fades after a moment (screen readers get the live region).
  useEffect(() => {
    if (!copiedId) return;
    const t = setTimeout(() => setCopiedId(null), 1500);
    return () => clearTimeout(t);
  }, [copiedId]);

  async function copy(e: EntrySummary) {
    const c = codes[e.id];
    if (!c) return;
    try {
      await navigator.clipboard.writeText(c.code);
      announce(`Copied ${e.issuer || e.account} code`);
      setCopiedId(e.id);
    } catch {
      announce('Could not copy: select the code and copy it by hand.');
    }
  }

  async function move(id: string, afterId: string | null) {
    try {
      await send('entries.move', { id, afterId });
      await onReload();
    } catch (err) {
      announce(errorText(err));
    }
  }

  function onKey(ev: KeyboardEvent, index: number) {
    const e = shown[index];
    if (!e) return;
    const vertical = ev.key === 'ArrowUp' || ev.key === 'ArrowDown';
    if (ev.altKey && vertical) {
      ev.preventDefault();
      if (needle) return announce('Clear the search to reorder.');
      const to = ev.key === 'ArrowUp' ? index - 1 : index + 1;
      if (to < 0 || to >= shown.length) return;
      const afterId = ev.key === 'ArrowUp' ? (shown[index - 2]?.id ?? null) : (shown[index + 1]?.id ?? null);
      setFocusId(e.id);
      void move(e.id, afterId).then(() => announce(`Moved to position ${to + 1} of ${shown.length}`));
    } else if (vertical || ev.key === 'Home' || ev.key === 'End') {
      ev.preventDefault();
      const to =
        ev.key === 'Home'
          ? 0
          : ev.key === 'End'
            ? shown.length - 1
            : Math.max(0, Math.min(shown.length - 1, index + (ev.key === 'ArrowDown' ? 1 : -1)));
      setFocusId(shown[to]?.id ?? null);
    }
  }

  async function nextHotp(e: EntrySummary) {
    try {
      const c = await send('entries.nextHotp', { id: e.id });
      setCodes((prev) => ({ ...prev, [e.id]: c }));
      announce(`New code ${groupCode(c.code)}`);
    } catch (err) {
      announce(errorText(err));
    }
  }

  function drop(targetIndex: number) {
    if (!dragId || needle) return;
    const from = shown.findIndex((e) => e.id === dragId);
    const afterId = targetIndex <= 0 ? null : (shown[targetIndex - 1]?.id ?? null);
    setDragId(null);
    setDropIndex(-1);
    if (from < 0 || afterId === dragId || targetIndex === from) return;
    void move(dragId, afterId);
  }

  return (
    <main>
      <header>
        <h1>Ward</h1>
        <button type="button" class="icon" onClick={() => onNav({ name: 'add' })} aria-label="Add an entry">
          <Icon name="plus" /> Add
        </button>
        <button type="button" class="icon" onClick={() => onNav({ name: 'settings' })} aria-label="Settings">
          <Icon name="gear" />
        </button>
        <button
          type="button"
          class="icon"
          aria-label="Lock now"
          onClick={async () => {
            await send('vault.lock', {});
            await onReload();
          }}
        >
          <Icon name="lock" />
        </button>
      </header>
      {entries === null ? (
        <p class="pad hint" aria-busy="true">
          Opening…
        </p>
      ) : entries.length === 0 ? (
        <EmptyState onAdd={() => onNav({ name: 'add' })} />
      ) : (
        <>
          <input
            class="search"
            type="search"
            placeholder="Search issuer, account or domain"
            aria-label="Search entries"
            value={query}
            onInput={(e) => {
              setQuery(e.currentTarget.value);
              setFocusId(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && shown.length) {
                e.preventDefault();
                setFocusId(shown[0]?.id ?? null);
              }
            }}
          />
          <div class="list" ref={listRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
            <ul aria-label={`${shown.length} entries`} style={{ height: `${shown.length * ROW_HEIGHT}px` }}>
              {shown.slice(first, last).map((e, i) => {
                const index = first + i;
                return (
                  <EntryRow
                    key={e.id}
                    entry={e}
                    index={index}
                    code={codes[e.id]}
                    now={now}
                    dropTarget={dropIndex === index}
                    copied={copiedId === e.id}
                    draggable={!needle}
                    onCopy={() => void copy(e)}
                    onEdit={() => onOpen(e.id)}
                    onFill={
                      site.active?.matchIds.includes(e.id)
                        ? () => void site.fill(e.id, e.issuer || e.account)
                        : undefined
                    }
                    onNextHotp={() => void nextHotp(e)}
                    onKeyDown={(ev) => onKey(ev, index)}
                    onFocus={() => setFocusId(e.id)}
                    onDragStart={() => setDragId(e.id)}
                    onDragOver={() => setDropIndex(index)}
                    onDrop={() => drop(index)}
                  />
                );
              })}
            </ul>
            {site.active && (
              <AutofillSite active={site.active} onChange={site.setActive} announce={announce} />
            )}
            {shown.length === 0 && !LINK.test(query.trim()) && (
              <p class="pad hint">No entry matches “{query}”.</p>
            )}
            {LINK.test(query.trim()) && (
              <div class="pad">
                <p class="hint">That looks like a setup link.</p>
                <button
                  class="primary"
                  type="button"
                  onClick={() => onNav({ name: 'add', text: query.trim() })}
                >
                  Add it as a new account
                </button>
              </div>
            )}
          </div>
        </>
      )}
    </main>
  );
}

function EmptyState({ onAdd }: { onAdd: () => void }) {
  return (
    <div class="pad empty">
      <h2>No accounts yet</h2>
      <p>Add your first two-factor account in one of three ways:</p>
      <ol>
        <li>
          <b>Scan the QR code</b> on the site’s 2FA setup page: open Ward there, choose Add, then “Scan QR on
          this page” (or press Alt+Shift+Q).
        </li>
        <li>
          <b>Paste the setup link</b> (<code>otpauth://…</code>, or a Google Authenticator export{' '}
          <code>otpauth-migration://…</code>).
        </li>
        <li>
          <b>Type the secret key</b> the site shows under “can’t scan the code?”.
        </li>
      </ol>
      <div class="row-actions">
        <button class="primary" type="button" onClick={onAdd}>
          Add an account
        </button>
      </div>
      <p class="hint">Or import a backup from another app in Settings.</p>
    </div>
  );
}
