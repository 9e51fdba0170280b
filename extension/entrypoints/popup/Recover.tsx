import { useEffect, useRef, useState } from 'preact/hooks';
import type { VaultState } from '../../messages';
import { Icon } from '../../ui/icons';
import { errorText, send } from '../../ui/send';
import { NewPassphrase } from './NewPassphrase';

/** Forgotten passphrase: the 24 recovery words open the vault, then a new passphrase replaces the old. */
export function Recover({ onBack, onUnlocked }: { onBack: () => void; onUnlocked: (s: VaultState) => void }) {
  const [words, setWords] = useState('');
  const [pass, setPass] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);
  const count = words.trim() ? words.trim().split(/[\s,]+/).length : 0;

  async function submit(ev: Event) {
    ev.preventDefault();
    if (!pass || busy) return;
    setBusy(true);
    setError('');
    try {
      onUnlocked(await send('vault.recover', { words, passphrase: pass }));
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <main>
      <header>
        <button type="button" class="icon" onClick={onBack} aria-label="Back to unlock">
          <Icon name="back" />
        </button>
        <h1>Use your recovery key</h1>
      </header>
      <form class="pad" onSubmit={submit} aria-busy={busy}>
        <label for="rc-words">Your 24 recovery words</label>
        <textarea
          id="rc-words"
          ref={first}
          rows={4}
          spellcheck={false}
          autocomplete="off"
          value={words}
          onInput={(e) => setWords(e.currentTarget.value)}
          aria-describedby="rc-count"
        />
        <p id="rc-count" class="hint">
          {count} of 24 words, in order, separated by spaces.
        </p>
        <h2>Choose a new passphrase</h2>
        <NewPassphrase idPrefix="rc" onChange={setPass} />
        <p role="alert" class="error">
          {error}
        </p>
        <div class="row-actions">
          <button class="primary" type="submit" disabled={!pass || count !== 24 || busy}>
            {busy ? 'Unlocking…' : 'Unlock and set passphrase'}
          </button>
        </div>
      </form>
    </main>
  );
}
