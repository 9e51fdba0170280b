import { useEffect, useState } from 'preact/hooks';
import type { CommitOutcome, DuplicatePolicy, PendingScan, ScanPreview } from '../../capture/messages';
import { Icon } from '../../ui/icons';
import { errorText, send } from '../../ui/send';
import { useAction } from '../../ui/use-action';
import { AccountChecklist } from './AccountChecklist';
import { groupCode } from './codes';
import { DuplicateChoice } from './DuplicateChoice';

/** What a scan found: confirm one account, pick among several, or say why there is nothing to add. */
export function ScanResult({
  onDone,
  onBack,
}: {
  onDone: (added: number, text: string) => void;
  onBack: () => void;
}) {
  const [scan, setScan] = useState<PendingScan | null | undefined>(undefined);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [asking, setAsking] = useState<Extract<CommitOutcome, { status: 'duplicates' }> | null>(null);
  const { error, setError, run, release } = useAction();
  /** the pre-filled site of a single account, as the user edits it */
  const [domain, setDomain] = useState('');

  useEffect(() => {
    let stale = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Re-read when the shown codes expire, so the preview code stays live.
    const load = async () => {
      const s = await send('capture.pending', {}).catch((e: unknown) => {
        setError(errorText(e));
        return null;
      });
      if (stale) return;
      setScan((prev) => {
        if (prev === undefined && s) {
          setPicked(new Set(s.previews.map((p) => p.index)));
          setDomain(s.previews.length === 1 ? (s.previews[0]?.domains.join(', ') ?? '') : '');
        }
        return s;
      });
      const ends = (s?.previews ?? [])
        .map((p) => p.code.periodStartMs + p.code.periodMs)
        .filter((t) => t > 0);
      if (ends.length) timer = setTimeout(load, Math.max(250, Math.min(...ends) - Date.now() + 50));
    };
    void load();
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [setError]);

  function add(duplicates?: DuplicatePolicy) {
    void run(async () => {
      setAsking(null);
      const single = scan?.previews.length === 1;
      const domains = domain
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean);
      const r = await send('capture.add', {
        pick: [...picked],
        ...(duplicates ? { duplicates } : {}),
        ...(single ? { domains } : {}),
      });
      if (r.status === 'duplicates') {
        // The user answers the duplicate question on this screen, and that answer runs add again.
        setAsking(r);
        return release();
      }
      const parts = [
        r.added && `${r.added} added`,
        r.replaced && `${r.replaced} replaced`,
        r.skipped && `${r.skipped} skipped (already in Ward)`,
      ].filter(Boolean);
      onDone(r.added + r.replaced, parts.join(', ') || 'Nothing added');
    });
  }

  async function dismiss() {
    await send('capture.discard', {}).catch(() => null);
    onBack();
  }

  let body: preact.JSX.Element;
  if (scan === undefined) body = <p aria-busy="true">Loading…</p>;
  else if (scan === null) body = <p>The scan has expired or was already added. Scan the code again.</p>;
  else if (asking) {
    body = (
      <DuplicateChoice
        duplicates={asking.duplicates}
        total={asking.total}
        onChoose={(p) => void add(p)}
        onCancel={() => setAsking(null)}
      />
    );
  } else if (scan.previews.length === 1) {
    const p = scan.previews[0] as ScanPreview;
    body = (
      <section aria-labelledby="scan-one">
        <h2 id="scan-one">Add this account?</h2>
        <dl>
          <dt>Service</dt>
          <dd data-testid="scan-issuer">{p.issuer || '—'}</dd>
          <dt>Account</dt>
          <dd data-testid="scan-account">{p.account || '—'}</dd>
          <dt>Current code</dt>
          <dd class="code" data-testid="scan-code">
            {groupCode(p.code.code)}
          </dd>
        </dl>
        <label for="scan-domain">Offer the code on (website)</label>
        <input
          id="scan-domain"
          value={domain}
          placeholder="example.com"
          spellcheck={false}
          onInput={(e) => setDomain(e.currentTarget.value)}
          aria-describedby="scan-domain-hint"
        />
        <p class="hint" id="scan-domain-hint">
          {p.domains.length
            ? 'Taken from the page you scanned.'
            : 'Optional: where Ward offers to fill this code.'}
        </p>
        <p class="hint">Compare the code with the one the site asks for, then add the account.</p>
        <div class="row-actions">
          <button type="button" onClick={dismiss}>
            Discard
          </button>
          <button type="button" class="primary" onClick={() => void add()}>
            Add account
          </button>
        </div>
      </section>
    );
  } else if (scan.previews.length > 1) {
    body = (
      <fieldset>
        <AccountChecklist accounts={scan.previews} picked={picked} onPick={setPicked} withAll />
        <div class="row-actions">
          <button type="button" onClick={dismiss}>
            Discard
          </button>
          <button type="button" class="primary" disabled={!picked.size} onClick={() => void add()}>
            Add {picked.size} selected
          </button>
        </div>
      </fieldset>
    );
  } else if (scan.others.length > 0) {
    body = (
      <section aria-labelledby="scan-other">
        <h2 id="scan-other">This QR code is not a 2FA setup code</h2>
        <p class="hint">It holds:</p>
        {scan.others.map((t) => (
          <pre
            key={t}
            data-testid="scan-other-text"
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
          >
            {t}
          </pre>
        ))}
      </section>
    );
  } else {
    body = (
      <p>
        {scan.errors.length
          ? 'The QR code could not be used.'
          : scan.source === 'region'
            ? 'No QR code was found in the area you selected. Select it again, a little larger.'
            : 'No QR code was found in the image.'}
      </p>
    );
  }

  return (
    <main>
      <header>
        <button type="button" class="icon" onClick={dismiss} aria-label="Back to the list">
          <Icon name="back" />
        </button>
        <h1>Scanned QR code</h1>
      </header>
      <div class="pad">
        {body}
        {scan && scan.errors.length > 0 && (
          <ul class="error" aria-label="Could not be read">
            {scan.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        <p role="alert" class="error">
          {error}
        </p>
      </div>
    </main>
  );
}
