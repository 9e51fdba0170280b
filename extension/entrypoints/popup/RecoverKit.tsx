import { useState } from 'preact/hooks';
import type { VaultState } from '../../messages';
import type { RecoveryShareInfo } from '../../recovery/messages';
import { errorText, send } from '../../ui/send';
import { useAction } from '../../ui/use-action';
import { BackHeader } from './BackHeader';
import { NewPassphrase } from './NewPassphrase';

type ShareState = { text: string; info: RecoveryShareInfo | null; error: string };
const blank = (): ShareState => ({ text: '', info: null, error: '' });

/** "Use a recovery kit": any M shares (words or QR text) → the recovery key → a new passphrase. */
export function RecoverKit({
  onBack,
  onUnlocked,
}: {
  onBack: () => void;
  onUnlocked: (s: VaultState) => void;
}) {
  const [shares, setShares] = useState<ShareState[]>([blank(), blank()]);
  const [pass, setPass] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const needed = shares.find((s) => s.info)?.info?.threshold ?? 2;
  const filled = shares.filter((s) => s.text.trim());

  const update = (i: number, patch: Partial<ShareState>) =>
    setShares((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  // Checked when the box loses focus, so a half-typed share is not flagged while typing.
  async function read(i: number, text: string) {
    if (!text.trim()) return;
    try {
      update(i, { info: await send('recovery.readShare', { share: text }) });
    } catch (e) {
      update(i, { error: errorText(e) });
    }
  }

  function submit(ev: Event) {
    ev.preventDefault();
    if (!pass) return;
    void run(async () => {
      await send('recovery.fromKit', { shares: filled.map((s) => s.text), passphrase: pass });
      onUnlocked(await send('vault.state', {}));
    });
  }

  return (
    <main>
      <BackHeader onBack={onBack} backLabel="Back to unlock">
        Use a recovery kit
      </BackHeader>
      <form class="pad" onSubmit={submit} aria-busy={busy}>
        <p class="hint">
          Type the words of any {needed} shares of your recovery kit (or paste the text of their QR codes).
        </p>
        {shares.map((s, i) => (
          <div key={i}>
            <label for={`kit-share-${i + 1}`}>Share {i + 1}</label>
            <textarea
              id={`kit-share-${i + 1}`}
              rows={3}
              spellcheck={false}
              autocomplete="off"
              value={s.text}
              onInput={(e) => update(i, { text: e.currentTarget.value, info: null, error: '' })}
              onChange={(e) => void read(i, e.currentTarget.value)}
              aria-invalid={s.error ? true : undefined}
            />
            <p class={s.error ? 'error' : 'hint'}>
              {s.error ||
                (s.info
                  ? `Kit ${s.info.kitId}: share ${s.info.index} of ${s.info.total}, any ${s.info.threshold} recover.`
                  : '')}
            </p>
          </div>
        ))}
        {shares.length < 10 && (
          <button type="button" class="link" onClick={() => setShares((all) => [...all, blank()])}>
            Add another share
          </button>
        )}
        <h2>Choose a new passphrase</h2>
        <NewPassphrase idPrefix="kit" onChange={setPass} />
        <p role="alert" class="error">
          {error}
        </p>
        <div class="row-actions">
          <button class="primary" type="submit" disabled={!pass || filled.length < 2 || busy}>
            {busy ? 'Unlocking…' : 'Unlock and set passphrase'}
          </button>
        </div>
      </form>
    </main>
  );
}
