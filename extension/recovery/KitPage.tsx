/**
 * The recovery-kit tab: the 24 recovery words + M-of-N → one printable page per share (33 words, a
 * QR code drawn with `qrcode`, the kit id, "share i of N, any M recover"), printed with window.print.
 * Shares live only in this tab's memory; closing it forgets them.
 */

import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { send } from '../ui/send';
import { useAction } from '../ui/use-action';
import type { RecoveryKit, RecoveryShare } from './messages';
import './kit.css';

const COUNTS = [2, 3, 4, 5, 6, 7, 8, 9, 10];

function SharePage({ share }: { share: RecoveryShare }) {
  const [qr, setQr] = useState('');
  useEffect(() => {
    // Error correction M: a printed page survives some wear; the share fits a version-6 symbol.
    void QRCode.toDataURL(share.qr, { errorCorrectionLevel: 'M', margin: 2, width: 220 }).then(setQr);
  }, [share.qr]);
  return (
    <section class="kit-page" data-testid="kit-page" aria-label={`Share ${share.index} of ${share.total}`}>
      <h2>
        Ward recovery kit · share {share.index} of {share.total}
      </h2>
      <p>
        Any <strong>{share.threshold}</strong> of the {share.total} shares of kit <code>{share.kitId}</code>{' '}
        rebuild the recovery key of a Ward vault. One share alone reveals nothing. Keep this page private;
        give it to someone you trust.
      </p>
      <div class="kit-body">
        <ol class="kit-words" data-testid="kit-words">
          {share.words.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ol>
        {qr && <img class="kit-qr" src={qr} alt={`QR code of share ${share.index}`} />}
      </div>
      <p class="hint">
        To recover: open Ward → “Use a recovery kit”, then type the words (or paste the QR text) of any{' '}
        {share.threshold} shares and choose a new passphrase.
      </p>
    </section>
  );
}

/** Settings → Recovery kit, in its own tab so it can be printed. */
export function KitPage() {
  const [words, setWords] = useState('');
  const [threshold, setThreshold] = useState(2);
  const [total, setTotal] = useState(3);
  const [kit, setKit] = useState<RecoveryKit | null>(null);
  // "Done: forget these pages" brings the form back, ready for another kit.
  const { busy, error, run } = useAction({ releaseOnSuccess: true });

  function submit(ev: Event) {
    ev.preventDefault();
    void run(async () => {
      setKit(await send('recovery.makeKit', { words, threshold, total: Math.max(total, threshold) }));
      setWords('');
    });
  }

  if (kit) {
    return (
      <main class="kit">
        <div class="kit-toolbar no-print">
          <p>
            Kit <code>{kit.kitId}</code>: {kit.total} pages, any {kit.threshold} recover. Print them, hand
            them out, then close this tab.
          </p>
          <button type="button" class="primary" onClick={() => window.print()}>
            Print
          </button>
          <button type="button" onClick={() => setKit(null)}>
            Done: forget these pages
          </button>
        </div>
        {kit.shares.map((s) => (
          <SharePage key={s.index} share={s} />
        ))}
      </main>
    );
  }

  return (
    <main class="kit">
      <h1>Recovery kit</h1>
      <form onSubmit={submit} aria-busy={busy} class="kit-form">
        <p class="hint">
          Split your recovery key among people you trust: any few of them together can get you back into your
          vault, while fewer learn nothing. Ward keeps no copy of the recovery key, so type its 24 words.
        </p>
        <label for="kit-words-in">Your 24 recovery words</label>
        <textarea
          id="kit-words-in"
          rows={4}
          spellcheck={false}
          autocomplete="off"
          value={words}
          onInput={(e) => setWords(e.currentTarget.value)}
        />
        <label for="kit-n">Shares to print</label>
        <select id="kit-n" value={total} onChange={(e) => setTotal(Number(e.currentTarget.value))}>
          {COUNTS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <label for="kit-m">Shares needed to recover</label>
        <select id="kit-m" value={threshold} onChange={(e) => setThreshold(Number(e.currentTarget.value))}>
          {COUNTS.filter((m) => m <= total).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <p role="alert" class="error">
          {error}
        </p>
        <div class="row-actions">
          <button class="primary" type="submit" disabled={busy || !words.trim()}>
            {busy ? 'Making the kit…' : 'Make the kit'}
          </button>
        </div>
      </form>
    </main>
  );
}
