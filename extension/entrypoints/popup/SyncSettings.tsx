import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SyncStatus } from '../../messages';
import { errorText, send } from '../../ui/send';
import { useAction } from '../../ui/use-action';
import { ApproveFromDevice } from './ApproveFromDevice';
import { describeSync } from './sync-text';

const DEFAULT_SERVER = 'http://127.0.0.1:8787';

function guessDeviceName(): string {
  const ua = navigator.userAgent;
  const browserName = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : 'Chrome';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS/.test(ua)
      ? 'macOS'
      : /Linux/.test(ua)
        ? 'Linux'
        : 'desktop';
  return `${browserName} on ${os}`;
}

/**
 * The origin to ask a host permission for, or null when none is needed: a server on this machine
 * is covered by the manifest's host_permissions, and a non-URL is refused by the worker anyway.
 */
function permissionOrigin(serverUrl: string): string | null {
  try {
    const url = new URL(serverUrl.trim());
    return url.hostname === '127.0.0.1' || url.hostname === 'localhost' ? null : url.origin;
  } catch {
    return null;
  }
}

/**
 * Settings → Sync: server address, email → mailed code → signed in, joining the account's vault
 * when it already has one, sync now, sign out. The host permission for the server is asked for
 * while the click that started sign-in still counts as a user gesture.
 */
export function SyncSettings({ onJoined }: { onJoined?: () => void }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [server, setServer] = useState(DEFAULT_SERVER);
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(guessDeviceName);
  const [codeSent, setCodeSent] = useState(false);
  const [persistent, setPersistent] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  // One line for both outcomes: a failure, or what to do next (such as "we sent a code").
  const { busy, error: msg, setError: setMsg, run } = useAction({ releaseOnSuccess: true });

  useEffect(() => {
    send('sync.status', {}).then(setStatus, (e) => setMsg(errorText(e)));
  }, [setMsg]);

  function startSignIn(ev: Event) {
    ev.preventDefault();
    const origin = permissionOrigin(server);
    // Requested before any await, inside the click: browsers only show the prompt for a user gesture.
    const asked = origin
      ? browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false)
      : Promise.resolve(true);
    void run(async () => {
      if (!(await asked)) {
        throw new Error('Ward needs permission to reach that server to sync with it.');
      }
      const r = await send('sync.start', { serverUrl: server, email });
      setServer(r.serverUrl);
      setCodeSent(true);
      setMsg(
        `We sent a ${r.codeLength}-digit code to ${email}. It works for ${Math.round(r.expiresInSeconds / 60)} minutes.`,
      );
    });
  }

  function verify(ev: Event) {
    ev.preventDefault();
    void run(async () => {
      setStatus(await send('sync.verify', { serverUrl: server, email, code, deviceName, persistent }));
      setCode('');
      setCodeSent(false);
    });
  }

  function join(ev: Event) {
    ev.preventDefault();
    void run(async () => {
      setStatus(await send('sync.join', { passphrase }));
      setPassphrase('');
      onJoined?.();
    });
  }

  if (!status) return <p class="hint">Loading sync status…</p>;

  if (status.state === 'signed-out') {
    return (
      <div data-testid="sync-settings">
        <p class="hint">
          Optional: keep this vault in step across browsers through a server you choose. The server only ever
          stores encrypted data; your passphrase never leaves this device.
        </p>
        {status.reason && <p class="error">{status.message}</p>}
        {!codeSent ? (
          <form onSubmit={startSignIn}>
            <label for="sync-server">Server</label>
            <input
              id="sync-server"
              type="url"
              value={server}
              onInput={(e) => setServer(e.currentTarget.value)}
            />
            <label for="sync-email">Email</label>
            <input
              id="sync-email"
              type="email"
              autocomplete="email"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
            <div class="row-actions">
              <button type="submit" class="primary" disabled={busy || !email || !server}>
                Send sign-in code
              </button>
            </div>
          </form>
        ) : (
          <form onSubmit={verify}>
            <label for="sync-code">Code from the mail</label>
            <input
              id="sync-code"
              inputMode="numeric"
              autocomplete="one-time-code"
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
            <label for="sync-device">Name of this device</label>
            <input
              id="sync-device"
              value={deviceName}
              onInput={(e) => setDeviceName(e.currentTarget.value)}
            />
            <label>
              <input
                type="checkbox"
                checked={persistent}
                onChange={(e) => setPersistent(e.currentTarget.checked)}
              />{' '}
              Keep me signed in (off: signed out when the browser closes)
            </label>
            <div class="row-actions">
              <button type="button" onClick={() => setCodeSent(false)}>
                Back
              </button>
              <button
                type="submit"
                class="primary"
                disabled={busy || code.trim().length < 6 || !deviceName.trim()}
              >
                Sign in
              </button>
            </div>
          </form>
        )}
        <p role="status">{msg}</p>
      </div>
    );
  }

  return (
    <div data-testid="sync-settings">
      <p>
        Signed in as <b>{status.email}</b> on {status.serverUrl}
      </p>
      <p
        class={status.state === 'error' || status.clockSkewWarning ? 'error' : 'hint'}
        data-testid="sync-detail"
      >
        {describeSync(status, Date.now())}
      </p>
      {status.reason === 'join-needed' && (
        <form onSubmit={join}>
          <label for="sync-join-pass">Passphrase of the synced vault</label>
          <input
            id="sync-join-pass"
            type="password"
            autocomplete="current-password"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
          <div class="row-actions">
            <button type="submit" class="primary" disabled={busy || !passphrase}>
              Use the synced vault
            </button>
          </div>
        </form>
      )}
      {status.reason === 'join-needed' && <ApproveFromDevice {...(onJoined ? { onJoined } : {})} />}
      <div class="row-actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(async () => setStatus(await send('sync.now', {})))}
        >
          Sync now
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(async () => setStatus(await send('sync.signOut', {})))}
        >
          Sign out
        </button>
      </div>
      <p role="status">{msg}</p>
    </div>
  );
}
