import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../../ui/send';

/**
 * On the unlock screen, first when the vault has a passkey: opens the passkey tab (the WebAuthn
 * dialog would close this popup) and closes the popup.
 */
export function PasskeyUnlock() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    send('passkey.list', {}).then(
      (l) => setCount(l.length),
      () => undefined,
    );
  }, []);
  if (!count) return null;
  return (
    <div class="row-actions">
      <button
        type="button"
        class="primary"
        onClick={async () => {
          await browser.tabs.create({ url: browser.runtime.getURL('/passkey.html?unlock') });
          window.close();
        }}
      >
        Unlock with a passkey
      </button>
    </div>
  );
}
