/**
 * The passkey tab: `passkey.html?register` adds a passkey (passphrase first, then the WebAuthn
 * ceremony); `passkey.html?unlock` asks for one of the vault's passkeys at once and, once unlocked,
 * shows the codes (the popup page in this tab).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorText, send } from '../ui/send';
import { CeremonyError, createWithPrf, getPrf } from './ceremony';

type Phase = 'idle' | 'busy' | 'done' | 'failed';

function Shell({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <main class="page">
      <header>
        <h1>{title}</h1>
      </header>
      <div class="pad">{children}</div>
    </main>
  );
}

function UnlockPasskey() {
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('');
  const started = useRef(false);

  async function run() {
    setPhase('busy');
    setMessage('Use your passkey to unlock Ward…');
    try {
      // Already unlocked (another tab, the passphrase): straight to the codes.
      if ((await send('vault.state', {})).status !== 'unlocked') {
        const opts = await send('passkey.unlockOptions', {});
        const got = await getPrf(opts);
        await send('passkey.unlock', got);
      }
      setPhase('done');
      setMessage('Unlocked.');
      location.replace(browser.runtime.getURL('/popup.html'));
    } catch (e) {
      setPhase('failed');
      setMessage(errorText(e));
    }
  }

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run();
  });

  return (
    <Shell title="Unlock Ward with a passkey">
      <p role="alert" class={phase === 'failed' ? 'error' : 'hint'} data-testid="passkey-status">
        {message}
      </p>
      {phase === 'failed' && (
        <div class="row-actions">
          <button type="button" class="primary" onClick={() => void run()}>
            Try again
          </button>
        </div>
      )}
      <p class="hint">Forgot your passkey? Open Ward and unlock with your passphrase instead.</p>
    </Shell>
  );
}

function RegisterPasskey() {
  const [name, setName] = useState(defaultName());
  const [passphrase, setPassphrase] = useState('');
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('');

  async function submit(ev: Event) {
    ev.preventDefault();
    if (phase === 'busy' || !passphrase) return;
    setPhase('busy');
    setMessage('Checking your passphrase…');
    let token = '';
    try {
      const reg = await send('passkey.prepare', { passphrase });
      token = reg.token;
      setPassphrase('');
      setMessage('Create the passkey with your authenticator…');
      const got = await createWithPrf(reg);
      const added = await send('passkey.add', { token, ...got, name });
      setPhase('done');
      setMessage(`Passkey “${added.name}” added. Ward now offers it first when you unlock.`);
    } catch (e) {
      if (token) void send('passkey.cancel', { token }).catch(() => undefined);
      setPhase('failed');
      setMessage(
        e instanceof CeremonyError && e.reason === 'no-prf'
          ? `${e.message} Nothing was changed.`
          : errorText(e),
      );
    }
  }

  return (
    <Shell title="Unlock with a passkey">
      <form onSubmit={submit} aria-busy={phase === 'busy'}>
        <p class="hint">
          The passkey unlocks this vault with your fingerprint, face or device PIN. Your passphrase and
          recovery key keep working.
        </p>
        <label for="pk-name">Name for this passkey</label>
        <input
          id="pk-name"
          value={name}
          maxLength={64}
          onInput={(e) => setName(e.currentTarget.value)}
          disabled={phase === 'busy' || phase === 'done'}
        />
        <label for="pk-pass">Your passphrase</label>
        <input
          id="pk-pass"
          type="password"
          autocomplete="current-password"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
          disabled={phase === 'busy' || phase === 'done'}
        />
        <p role="alert" class={phase === 'failed' ? 'error' : 'hint'} data-testid="passkey-status">
          {message}
        </p>
        <div class="row-actions">
          {phase === 'done' ? (
            <button type="button" class="primary" onClick={() => window.close()}>
              Close
            </button>
          ) : (
            <button type="submit" class="primary" disabled={phase === 'busy' || !passphrase}>
              Add passkey
            </button>
          )}
        </div>
      </form>
    </Shell>
  );
}

function defaultName(): string {
  const platform = (navigator as { userAgentData?: { platform?: string } }).userAgentData?.platform;
  return platform ? `Passkey on ${platform}` : 'Passkey';
}

/** Picks the mode from the query string (`?register` or `?unlock`). */
export function PasskeyPage() {
  return new URLSearchParams(location.search).has('register') ? <RegisterPasskey /> : <UnlockPasskey />;
}
