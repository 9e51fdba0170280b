import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PasskeyInfo } from '../../passkey/messages';
import { errorText, send } from '../../ui/send';
import { useAction } from '../../ui/use-action';

const dateText = (ms: number) => new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium' });

/** Settings → "Unlock with a passkey": the vault's passkeys (name, date), add one (in a tab), remove one. */
export function PasskeySettings({ announce }: { announce: (t: string) => void }) {
  const [passkeys, setPasskeys] = useState<PasskeyInfo[] | null>(null);
  const { error, setError, run } = useAction({ releaseOnSuccess: true });

  useEffect(() => {
    send('passkey.list', {}).then(setPasskeys, (e) => setError(errorText(e)));
  }, [setError]);

  function remove(p: PasskeyInfo) {
    if (!confirm(`Remove “${p.name}”? It will no longer unlock Ward.`)) return;
    void run(async () => {
      setPasskeys(await send('passkey.remove', { id: p.id }));
      announce('Passkey removed');
    });
  }

  return (
    <section aria-labelledby="s-passkeys">
      <h2 id="s-passkeys">Unlock with a passkey</h2>
      <p class="hint">
        Unlock with your fingerprint, face or device PIN instead of typing the passphrase. The passkey must
        support the WebAuthn PRF extension.
      </p>
      {passkeys && passkeys.length > 0 && (
        <ul data-testid="passkey-list">
          {passkeys.map((p) => (
            <li key={p.id}>
              {p.name} <span class="hint">added {dateText(p.createdAt)}</span>{' '}
              <button
                type="button"
                class="link"
                onClick={() => void remove(p)}
                aria-label={`Remove ${p.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="row-actions">
        <button
          type="button"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/passkey.html?register') })}
        >
          {passkeys?.length ? 'Add another passkey…' : 'Add a passkey…'}
        </button>
      </div>
      <p role="status" class="error">
        {error}
      </p>
    </section>
  );
}
