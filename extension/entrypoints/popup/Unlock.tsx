import { useEffect, useRef, useState } from 'preact/hooks';
import type { VaultState } from '../../messages';
import { errorText, ReplyFailure, send } from '../../ui/send';
import { PasskeyUnlock } from './PasskeyUnlock';

/** Unlock screen: passphrase → service worker (Argon2id runs there, the popup stays responsive). */
export function Unlock({
  state,
  onUnlocked,
  onForgot,
  onKit,
}: {
  state: VaultState;
  onUnlocked: (s: VaultState) => void;
  onForgot: () => void;
  /** "Use a recovery kit" (any M shares instead of the 24 words) */
  onKit?: () => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [retryAt, setRetryAt] = useState(state.retryAt);
  const [now, setNow] = useState(Date.now());
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (retryAt <= now) return;
    const t = setTimeout(() => setNow(Date.now()), Math.min(1000, retryAt - now));
    return () => clearTimeout(t);
  }, [retryAt, now]);

  const wait = Math.ceil(Math.max(0, retryAt - now) / 1000);

  async function submit(ev: Event) {
    ev.preventDefault();
    if (busy || !passphrase || wait > 0) return;
    setBusy(true);
    setError('');
    try {
      const s = await send('vault.unlock', { passphrase });
      setPassphrase('');
      onUnlocked(s);
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ReplyFailure && e.retryAt) setRetryAt(e.retryAt);
      setNow(Date.now());
      setBusy(false);
      input.current?.select();
    }
  }

  return (
    <main>
      <header>
        <h1>Ward</h1>
      </header>
      <form class="pad" onSubmit={submit} aria-busy={busy}>
        <h2>Unlock your vault</h2>
        <PasskeyUnlock />
        <label for="unlock-pass">Passphrase</label>
        <input
          id="unlock-pass"
          ref={input}
          type="password"
          autocomplete="current-password"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby="unlock-msg"
          disabled={busy}
        />
        <p id="unlock-msg" role="alert" class={error ? 'error' : 'hint'}>
          {busy ? 'Unlocking…' : error}
          {!busy && wait > 0 ? ` You can try again in ${wait} s.` : ''}
        </p>
        <div class="row-actions">
          <button class="primary" type="submit" disabled={busy || !passphrase || wait > 0}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </div>
        <p class="hint">Your codes are decrypted on this device only.</p>
        <button type="button" class="link" onClick={onForgot}>
          Forgot your passphrase? Use your recovery key
        </button>
        {onKit && (
          <button type="button" class="link" onClick={onKit}>
            Use a recovery kit
          </button>
        )}
      </form>
    </main>
  );
}
