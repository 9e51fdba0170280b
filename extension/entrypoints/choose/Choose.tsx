import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MessageMap, VaultState } from '../../messages';
import { errorText, send } from '../../ui/send';
import { useAction } from '../../ui/use-action';
import { Unlock } from '../popup/Unlock';

type Info = MessageMap['autofill.choice']['res'];

/**
 * "Choose an account…" for a site no entry is saved for. The site name comes from the service
 * worker (the frame's registrable domain), and the choice is confirmed here, in Ward's window,
 * where the page cannot click for the user.
 */
export function Choose({ token }: { token: string }) {
  const [state, setState] = useState<VaultState | null>(null);
  const [info, setInfo] = useState<Info | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const { error, setError, run } = useAction();
  const [done, setDone] = useState('');

  const load = useCallback(async () => {
    try {
      const s = await send('vault.state', {});
      setState(s);
      if (s.status === 'unlocked') setInfo(await send('autofill.choice', { token }));
    } catch (e) {
      setError(errorText(e));
    }
  }, [token, setError]);
  useEffect(() => void load(), [load]);

  if (error) return <main class="pad error">{error}</main>;
  if (done) return <main class="pad okay">{done}</main>;
  if (!state) return <main aria-busy="true" />;
  if (state.status === 'locked') {
    return <Unlock state={state} onUnlocked={() => void load()} onForgot={() => window.close()} />;
  }
  if (state.status === 'none') return <main class="pad">Create a vault in the Ward popup first.</main>;
  if (!info) return <main aria-busy="true" />;

  const needle = query.trim().toLowerCase();
  const shown = info.entries.filter((e) => `${e.issuer} ${e.account}`.toLowerCase().includes(needle));
  const entry = info.entries.find((e) => e.id === picked);
  const name = entry ? entry.issuer || entry.account || 'this account' : '';

  function confirm() {
    if (!picked) return;
    void run(async () => {
      const { site } = await send('autofill.choose', { token, id: picked });
      setDone(`Saved ${site} on ${name}. The code is being filled.`);
      setTimeout(() => window.close(), 800);
    });
  }

  return (
    <main>
      <header>
        <h1>Fill a code on {info.site}</h1>
      </header>
      <div class="pad">
        <p>
          No account in Ward is saved for <b data-testid="site">{info.site}</b>. Pick the one you are signing
          in to: Ward remembers <b>{info.site}</b> on it and fills it there from now on.
        </p>
        <p class="hint">
          Check the address: if you did not mean to sign in to {info.site}, close this window. A look-alike
          site must never get your code.
        </p>
        <input
          class="search"
          type="search"
          aria-label="Search accounts"
          placeholder="Search accounts"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <fieldset>
          <legend>Accounts</legend>
          {shown.map((e) => (
            <label key={e.id}>
              <input type="radio" name="entry" checked={picked === e.id} onChange={() => setPicked(e.id)} />{' '}
              <b>{e.issuer}</b>
              {e.issuer && e.account ? ' · ' : ''}
              {e.account}
              {e.domains.length ? <span class="hint"> ({e.domains.join(', ')})</span> : null}
            </label>
          ))}
          {shown.length === 0 && <p class="hint">No account matches.</p>}
        </fieldset>
        <div class="row-actions">
          <button type="button" onClick={() => window.close()}>
            Cancel
          </button>
          <button type="button" class="primary" disabled={!picked} onClick={() => void confirm()}>
            {picked ? `Use ${name} on ${info.site}` : 'Pick an account'}
          </button>
        </div>
      </div>
    </main>
  );
}
