import { useEffect, useRef, useState } from 'preact/hooks';
import type { VaultState } from '../../messages';
import { send } from '../../ui/send';
import { useAction } from '../../ui/use-action';
import { BackHeader } from './BackHeader';
import { NewPassphrase } from './NewPassphrase';

/** Forgotten passphrase: the 24 recovery words open the vault, then a new passphrase replaces the old. */
export function Recover({ onBack, onUnlocked }: { onBack: () => void; onUnlocked: (s: VaultState) => void }) {
  const [words, setWords] = useState('');
  const [pass, setPass] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);
  const count = words.trim() ? words.trim().split(/[\s,]+/).length : 0;

  function submit(ev: Event) {
    ev.preventDefault();
    if (!pass) return;
    void run(async () => onUnlocked(await send('vault.recover', { words, passphrase: pass })));
  }

  return (
    <main>
      <BackHeader onBack={onBack} backLabel="Back to unlock">
        Use your recovery key
      </BackHeader>
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
