import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorText, send } from '../../ui/send';

const dateText = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Settings → Recovery key: when the words were last confirmed, "Confirm again" (the 24 words must
 * open this vault's recovery slot), and the recovery kit (opens its printable tab).
 */
export function RecoveryKeySettings({ announce }: { announce: (t: string) => void }) {
  const [confirmedAt, setConfirmedAt] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [words, setWords] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    send('recovery.status', {}).then(
      (s) => setConfirmedAt(s.confirmedAt),
      () => undefined,
    );
  }, []);

  async function check(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    setMessage('');
    try {
      const r = await send('recovery.confirm', { words });
      setConfirmedAt(r.confirmedAt);
      setWords('');
      setOpen(false);
      announce('Recovery key confirmed');
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const count = words.trim() ? words.trim().split(/[\s,]+/).length : 0;
  return (
    <section aria-labelledby="s-recovery">
      <h2 id="s-recovery">Recovery key</h2>
      <p class="hint" data-testid="recovery-confirmed">
        {confirmedAt ? `Last confirmed ${dateText(confirmedAt)}.` : 'Not confirmed yet.'} Check now and then
        that your saved 24 words still open the vault.
      </p>
      {open ? (
        <form onSubmit={check} aria-busy={busy}>
          <label for="s-rc-words">Your 24 recovery words</label>
          <textarea
            id="s-rc-words"
            rows={4}
            spellcheck={false}
            autocomplete="off"
            value={words}
            onInput={(e) => setWords(e.currentTarget.value)}
          />
          <p role="alert" class="error">
            {message}
          </p>
          <div class="row-actions">
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button class="primary" type="submit" disabled={busy || count !== 24}>
              Check the words
            </button>
          </div>
        </form>
      ) : (
        <div class="row-actions" style={{ justifyContent: 'flex-start', flexWrap: 'wrap' }}>
          <button type="button" onClick={() => setOpen(true)}>
            Confirm again…
          </button>
          <button
            type="button"
            onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/recovery-kit.html') })}
          >
            Recovery kit…
          </button>
        </div>
      )}
    </section>
  );
}
