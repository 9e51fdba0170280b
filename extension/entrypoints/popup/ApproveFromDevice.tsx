import { useEffect, useRef, useState } from 'preact/hooks';
import type { PairingView } from '../../devices/messages';
import { errorText, ReplyFailure, send } from '../../ui/send';
import { NewPassphrase } from './NewPassphrase';

type Phase =
  | { name: 'idle' }
  | { name: 'waiting'; view: PairingView }
  | { name: 'approved'; by: string | null }
  | { name: 'done' };

/**
 * New device, signed in to an account that has a vault: "approve from another device" instead of
 * typing the vault passphrase. Shows the five words to compare and long-polls for the answer; on
 * approval the vault is here, unlocked. Then, optionally, a passphrase of this user's choosing
 * (the vault has one passphrase, shared by every device: setting it here changes it everywhere).
 */
export function ApproveFromDevice({ onJoined }: { onJoined?: () => void }) {
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [msg, setMsg] = useState('');
  const [pass, setPass] = useState<string | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  async function poll() {
    while (alive.current) {
      try {
        const r = await send('pairing.wait', {});
        if (r.status === 'approved') {
          setPhase({ name: 'approved', by: r.approvedBy });
          return;
        }
      } catch (e) {
        // A dropped connection is not an answer: the request lives on the server, so ask again.
        if (e instanceof ReplyFailure && e.code === 'offline') {
          await new Promise((r) => setTimeout(r, 3000));
          continue;
        }
        setPhase({ name: 'idle' });
        setMsg(errorText(e));
        return;
      }
    }
  }

  async function start() {
    setMsg('');
    try {
      const view = await send('pairing.start', {});
      setPhase({ name: 'waiting', view });
      void poll();
    } catch (e) {
      setMsg(errorText(e));
    }
  }

  async function cancel() {
    alive.current = false;
    await send('pairing.cancel', {}).catch(() => undefined);
    alive.current = true;
    setPhase({ name: 'idle' });
  }

  async function setPassphrase(ev: Event) {
    ev.preventDefault();
    if (!pass) return;
    try {
      await send('pairing.setPassphrase', { passphrase: pass });
      setPhase({ name: 'done' });
      onJoined?.();
    } catch (e) {
      setMsg(e instanceof ReplyFailure ? e.message : errorText(e));
    }
  }

  if (phase.name === 'idle') {
    return (
      <div data-testid="pairing-new">
        <div class="row-actions">
          <button type="button" onClick={() => void start()}>
            Approve from another device instead
          </button>
        </div>
        {msg && (
          <p class="error" role="alert">
            {msg}
          </p>
        )}
      </div>
    );
  }
  if (phase.name === 'waiting') {
    return (
      <div data-testid="pairing-new">
        <p>On a device where Ward is unlocked, open Ward and check that it shows these words:</p>
        <p class="phrase" data-testid="pairing-phrase">
          <b>{phase.view.phrase.join(' ')}</b>
        </p>
        <p class="hint">
          Approve only if the words match exactly. Waiting until{' '}
          {new Date(phase.view.expiresAt).toLocaleTimeString()}…
        </p>
        <div class="row-actions">
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  if (phase.name === 'approved') {
    return (
      <form data-testid="pairing-approved" onSubmit={setPassphrase}>
        <p role="status">
          Approved{phase.by ? ` by ${phase.by}` : ''}. Your entries are here. When Ward locks, unlock it with
          the vault passphrase you use on your other devices.
        </p>
        <p class="hint">Forgot it? Set a new one now (within 10 minutes): it replaces it on every device.</p>
        <NewPassphrase idPrefix="pair-new" onChange={setPass} />
        <div class="row-actions">
          <button
            type="button"
            onClick={() => {
              setPhase({ name: 'done' });
              onJoined?.();
            }}
          >
            Keep the current passphrase
          </button>
          <button type="submit" class="primary" disabled={!pass}>
            Set new passphrase
          </button>
        </div>
        {msg && <p class="error">{msg}</p>}
      </form>
    );
  }
  return <p role="status">This device now uses your synced vault.</p>;
}
