import { useState } from 'preact/hooks';
import type { RotateReply } from '../../devices/messages';
import { errorText, send } from '../../ui/send';

/**
 * Settings → Rotate vault key (also offered after revoking a device): a new vault key, every entry
 * re-encrypted, the passphrase and recovery slots rewrapped in one push. The recovery words typed
 * here keep working; left empty, a new recovery key is issued and its words shown once.
 */
export function RotateKey({ announce, reason }: { announce: (t: string) => void; reason?: string }) {
  const [pass, setPass] = useState('');
  const [words, setWords] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState('');
  const [done, setDone] = useState<RotateReply | null>(null);

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setMsg('Re-encrypting every entry…');
    try {
      const r = await send('vault.rotate', {
        passphrase: pass,
        ...(words.trim() ? { recoveryWords: words } : {}),
      });
      setDone(r);
      setPass('');
      setWords('');
      setMsg('');
      announce('Vault key rotated');
    } catch (e) {
      setMsg(errorText(e));
    }
    setBusy(false);
  }

  if (done) {
    return (
      <div data-testid="rotate-done">
        <p role="status">
          New vault key in use: {done.records} entries re-encrypted. Your other devices ask for the passphrase
          at their next sync.
        </p>
        {done.droppedSlots > 0 && <p class="error">Passkeys must be added again (Settings → Passkeys).</p>}
        {done.recoveryWords && (
          <>
            <p class="error">Your old recovery words no longer work. Write down the new ones now:</p>
            <ol class="words" data-testid="rotate-words">
              {done.recoveryWords.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ol>
            <div class="row-actions">
              <button type="button" class="primary" onClick={() => setDone(null)}>
                I wrote them down
              </button>
            </div>
          </>
        )}
      </div>
    );
  }
  return (
    <form onSubmit={submit} data-testid="rotate-key">
      <h3>Rotate vault key</h3>
      <p class="hint">
        {reason ??
          'Re-encrypts every entry under a new key, so a device or copy that had the old key cannot read new data.'}
      </p>
      <label for="rotate-pass">Vault passphrase</label>
      <input
        id="rotate-pass"
        type="password"
        autocomplete="current-password"
        value={pass}
        onInput={(e) => setPass(e.currentTarget.value)}
      />
      <label for="rotate-words">Recovery words (optional: leave empty to get new ones)</label>
      <textarea id="rotate-words" rows={3} value={words} onInput={(e) => setWords(e.currentTarget.value)} />
      <div class="row-actions">
        <button type="submit" class="primary" disabled={busy || !pass}>
          Rotate vault key
        </button>
      </div>
      <p role="status">{msg}</p>
    </form>
  );
}
