import type { CodeInfo, EntrySummary } from '../../messages';
import { Icon } from '../../ui/icons';
import { groupCode } from './codes';

export const ROW_HEIGHT = 60;
/** The next code appears this long before the current one expires. */
const SHOW_NEXT_MS = 5000;

interface RowProps {
  entry: EntrySummary;
  index: number;
  code: CodeInfo | undefined;
  now: number;
  dropTarget: boolean;
  copied: boolean;
  draggable: boolean;
  onCopy: () => void;
  onEdit: () => void;
  /** set when the entry is saved for the active tab's site (autofill) */
  onFill?: (() => void) | undefined;
  onNextHotp: () => void;
  onKeyDown: (ev: KeyboardEvent) => void;
  onFocus: () => void;
  onDragStart: () => void;
  onDragOver: () => void;
  onDrop: () => void;
}

/** A countdown ring driven by CSS: one animation per period, started at the right offset. */
function Ring({ code, now }: { code: CodeInfo; now: number }) {
  const elapsed = now - code.periodStartMs;
  return (
    <svg
      class={`ring${code.periodMs - elapsed <= SHOW_NEXT_MS ? ' ending' : ''}`}
      viewBox="0 0 24 24"
      aria-hidden="true"
    >
      <circle class="track" cx="12" cy="12" r="9" />
      <circle
        key={code.periodStartMs}
        class="left"
        cx="12"
        cy="12"
        r="9"
        style={{ animationDuration: `${code.periodMs}ms`, animationDelay: `-${Math.max(0, elapsed)}ms` }}
      />
    </svg>
  );
}

/** One entry: names, grouped code, ring, next code near the end, copy on click/Enter. */
export function EntryRow(p: RowProps) {
  const { entry: e, code } = p;
  const left = code?.periodMs ? code.periodStartMs + code.periodMs - p.now : 0;
  const secondsLeft = Math.max(0, Math.ceil(left / 1000));
  const showNext = code?.next && left <= SHOW_NEXT_MS;
  const name = e.issuer || e.account || 'Unnamed';
  return (
    <li
      class={`entry${p.dropTarget ? ' drop-target' : ''}`}
      data-index={p.index}
      data-id={e.id}
      style={{ top: `${p.index * ROW_HEIGHT}px`, ...(e.color ? { '--swatch': e.color } : {}) }}
      draggable={p.draggable}
      onDragStart={(ev) => {
        ev.dataTransfer?.setData('text/plain', e.id);
        p.onDragStart();
      }}
      onDragOver={(ev) => {
        ev.preventDefault();
        p.onDragOver();
      }}
      onDrop={(ev) => {
        ev.preventDefault();
        p.onDrop();
      }}
    >
      <button
        type="button"
        class="copy"
        onClick={p.onCopy}
        onKeyDown={p.onKeyDown}
        onFocus={p.onFocus}
        aria-label={`${name}${e.account && e.issuer ? `, ${e.account}` : ''}: code ${code ? groupCode(code.code) : 'loading'}${code?.periodMs ? `, ${secondsLeft} seconds left` : ''}. Press Enter to copy, Alt+Up or Alt+Down to move.`}
      >
        <span class="names">
          {e.pinned && <Icon name="pin" size={12} />}
          <b>{e.issuer}</b>
          {e.issuer && e.account ? ' · ' : ''}
          {e.account}
        </span>
        <span class="code" data-testid="code">
          {code ? groupCode(code.code) : '••• •••'}
        </span>
        {p.copied ? (
          <span class="next copied" aria-hidden="true">
            Copied
          </span>
        ) : (
          showNext && <span class="next">next {groupCode(code?.next as string)}</span>
        )}
      </button>
      {code?.periodMs ? <Ring code={code} now={p.now} /> : null}
      {e.type === 'hotp' && (
        <button type="button" class="icon" onClick={p.onNextHotp} aria-label={`Next code for ${name}`}>
          <Icon name="next" />
        </button>
      )}
      {p.onFill && (
        <button type="button" class="fill" onClick={p.onFill} aria-label={`Fill ${name} code in the page`}>
          Fill
        </button>
      )}
      <button type="button" class="icon" onClick={p.onEdit} aria-label={`Edit ${name}`}>
        <Icon name="edit" />
      </button>
    </li>
  );
}
