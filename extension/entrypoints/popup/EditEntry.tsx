import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntrySummary } from '../../messages';
import { send } from '../../ui/send';
import { useAction } from '../../ui/use-action';
import { BackHeader } from './BackHeader';

const COLOURS: [string, string][] = [
  ['', 'None'],
  ['#2458d6', 'Blue'],
  ['#1e7b34', 'Green'],
  ['#b3261e', 'Red'],
  ['#c9a227', 'Yellow'],
  ['#7b3fc9', 'Purple'],
  ['#d9622b', 'Orange'],
  ['#5b6270', 'Grey'],
];
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Edit an entry's names, domains, tags, note, colour and pin; reveal the secret on request; delete. */
export function EditEntry({
  entry,
  onClose,
  onDeleted,
}: {
  entry: EntrySummary;
  onClose: () => void;
  onDeleted: (undoUntil: number) => void;
}) {
  const [issuer, setIssuer] = useState(entry.issuer);
  const [account, setAccount] = useState(entry.account);
  const [domains, setDomains] = useState(entry.domains.join(', '));
  const [tags, setTags] = useState(entry.tags.join(', '));
  const [note, setNote] = useState(entry.note);
  const [color, setColor] = useState(entry.color);
  const [pinned, setPinned] = useState(entry.pinned);
  const [secret, setSecret] = useState<string | null>(null);
  const { error, run, release } = useAction();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  function save(ev: Event) {
    ev.preventDefault();
    void run(async () => {
      await send('entries.update', {
        id: entry.id,
        patch: { issuer, account, domains: list(domains), tags: list(tags), note, color, pinned },
      });
      onClose();
    });
  }

  return (
    <main>
      <BackHeader onBack={onClose} backLabel="Back to the list">
        Edit {entry.issuer || entry.account}
      </BackHeader>
      <form class="pad" onSubmit={save}>
        <label for="e-issuer">Service (issuer)</label>
        <input id="e-issuer" ref={first} value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} />
        <label for="e-account">Account</label>
        <input id="e-account" value={account} onInput={(e) => setAccount(e.currentTarget.value)} />
        <label for="e-domains">Websites (for filling codes)</label>
        <input
          id="e-domains"
          value={domains}
          placeholder="example.com, example.org"
          onInput={(e) => setDomains(e.currentTarget.value)}
          aria-describedby="e-domains-hint"
        />
        <p id="e-domains-hint" class="hint">
          Comma-separated. Only these sites’ pages may receive this code.
        </p>
        <label for="e-tags">Tags</label>
        <input
          id="e-tags"
          value={tags}
          placeholder="work, personal"
          onInput={(e) => setTags(e.currentTarget.value)}
        />
        <label for="e-note">Note</label>
        <textarea id="e-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <fieldset>
          <legend>Colour</legend>
          {COLOURS.map(([c, name]) => (
            <label key={name} style={{ display: 'inline-block', fontWeight: 400, marginRight: '8px' }}>
              <input
                type="radio"
                name="colour"
                aria-label={name}
                checked={color === c}
                onChange={() => setColor(c)}
              />{' '}
              <span
                aria-hidden="true"
                title={name}
                style={{
                  display: 'inline-block',
                  width: '14px',
                  height: '14px',
                  background: c || 'transparent',
                  border: '1px solid var(--line)',
                }}
              />
            </label>
          ))}
        </fieldset>
        <label style={{ fontWeight: 400 }}>
          <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.currentTarget.checked)} /> Pin
          to the top
        </label>
        <p role="alert" class="error">
          {error}
        </p>
        <div class="row-actions">
          <button class="primary" type="submit">
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
        <fieldset>
          <legend>Secret key</legend>
          {secret === null ? (
            <button
              type="button"
              onClick={() =>
                void run(async () => {
                  setSecret((await send('entries.secret', { id: entry.id })).secret);
                  release();
                })
              }
            >
              Show secret key
            </button>
          ) : (
            <>
              <code data-testid="secret" style={{ wordBreak: 'break-all' }}>
                {secret.replace(/(.{4})/g, '$1 ').trim()}
              </code>
              <div class="row-actions">
                <button type="button" onClick={() => setSecret(null)}>
                  Hide
                </button>
              </div>
            </>
          )}
        </fieldset>
        <div class="row-actions">
          <button
            type="button"
            class="danger"
            onClick={() =>
              void run(async () => onDeleted((await send('entries.delete', { id: entry.id })).undoUntil))
            }
          >
            Delete entry
          </button>
        </div>
      </form>
    </main>
  );
}
