import { useState } from 'preact/hooks';
import { errorText, send } from '../../ui/send';
import { NewPassphrase } from './NewPassphrase';

/** Settings → change passphrase: current one (throttled like unlocking), then a new strong one. */
export function ChangePassphrase({ announce }: { announce: (t: string) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState('');
  const [round, setRound] = useState(0);

  async function submit(ev: Event) {
    ev.preventDefault();
    if (!next || !current || busy) return;
    setBusy(true);
    setMsg('Changing…');
    try {
      await send('vault.changePassphrase', { current, next });
      setCurrent('');
      setRound(round + 1); // clears the new-passphrase fields
      setMsg('Passphrase changed. Use the new one from now on.');
      announce('Passphrase changed');
    } catch (e) {
      setMsg(errorText(e));
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} aria-busy={busy}>
      <h2>Change passphrase</h2>
      <label for="cp-current">Current passphrase</label>
      <input
        id="cp-current"
        type="password"
        autocomplete="current-password"
        value={current}
        onInput={(e) => setCurrent(e.currentTarget.value)}
      />
      <NewPassphrase key={round} idPrefix="cp" onChange={setNext} />
      <div class="row-actions">
        <button type="submit" disabled={!next || !current || busy}>
          Change passphrase
        </button>
      </div>
      <p role="status">{msg}</p>
    </form>
  );
}
