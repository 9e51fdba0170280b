import { useEffect, useState } from 'preact/hooks';
import type { PairingRequestView } from '../../devices/messages';
import { errorText, send } from '../../ui/send';

/**
 * Device approvals waiting on an unlocked device (fetched when the popup opens): device name, time
 * and the five words, computed here from the request's key. Approving asks for the vault
 * passphrase, because this device keeps only the record key, not the vault key it must send.
 */
export function PairingRequests({ announce }: { announce: (t: string) => void }) {
  const [requests, setRequests] = useState<PairingRequestView[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [pass, setPass] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState('');

  const load = () => send('pairing.requests', {}).then(setRequests, () => setRequests([]));
  useEffect(() => {
    void load();
  }, []);

  async function answer(r: PairingRequestView, approve: boolean) {
    setBusy(true);
    setMsg(approve ? 'Approving…' : '');
    try {
      if (approve) await send('pairing.approve', { id: r.id, phrase: r.phrase, passphrase: pass });
      else await send('pairing.deny', { id: r.id });
      announce(approve ? `${r.deviceName} approved` : `${r.deviceName} denied`);
      setMsg('');
      setPass('');
      setOpen(null);
      await load();
    } catch (e) {
      setMsg(errorText(e));
    }
    setBusy(false);
  }

  if (!requests.length) return null;
  return (
    <section class="pad pairing-requests" data-testid="pairing-requests" aria-label="Device approvals">
      {requests.map((r) => (
        <div key={r.id} class="pairing-request" data-testid="pairing-request">
          <p>
            <b>{r.deviceName}</b> asks to use this vault ({new Date(r.createdAt).toLocaleTimeString()}).
          </p>
          <p>
            Its screen must show:{' '}
            <b class="phrase" data-testid="pairing-request-phrase">
              {r.phrase.join(' ')}
            </b>
          </p>
          {open === r.id ? (
            <form
              onSubmit={(ev) => {
                ev.preventDefault();
                void answer(r, true);
              }}
            >
              <label for={`pair-pass-${r.id}`}>Vault passphrase, to approve</label>
              <input
                id={`pair-pass-${r.id}`}
                type="password"
                autocomplete="current-password"
                value={pass}
                onInput={(e) => setPass(e.currentTarget.value)}
              />
              <div class="row-actions">
                <button type="button" onClick={() => setOpen(null)}>
                  Back
                </button>
                <button type="submit" class="primary" disabled={busy || !pass}>
                  Approve
                </button>
              </div>
            </form>
          ) : (
            <div class="row-actions">
              <button type="button" disabled={busy} onClick={() => void answer(r, false)}>
                Deny
              </button>
              <button type="button" class="primary" disabled={busy} onClick={() => setOpen(r.id)}>
                The words match
              </button>
            </div>
          )}
        </div>
      ))}
      {msg && <p role="status">{msg}</p>}
    </section>
  );
}
