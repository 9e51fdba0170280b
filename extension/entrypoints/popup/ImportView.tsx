import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type DuplicatePolicy, IMPORT_PROGRESS_EVENT, type ImportOutcome } from '../../capture/messages';
import { errorText, ReplyFailure, send } from '../../ui/send';
import { BackHeader } from './BackHeader';
import { DuplicateChoice } from './DuplicateChoice';
import { fileToBase64 } from './file-data';

type Done = Extract<ImportOutcome, { status: 'done' }>;
type Asking = Extract<ImportOutcome, { status: 'duplicates' }>;

/** Import from another app: pick or drop a file, give its password if encrypted, see a summary. */
export function ImportView({ onBack, onImported }: { onBack: () => void; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [needPassword, setNeedPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [result, setResult] = useState<Done | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    const onEvent = (m: unknown, sender: { id?: string }) => {
      const e = m as { event?: string; done?: number; total?: number } | null;
      if (sender.id === browser.runtime.id && e?.event === IMPORT_PROGRESS_EVENT) {
        setProgress({ done: Number(e.done), total: Number(e.total) });
      }
    };
    browser.runtime.onMessage.addListener(onEvent);
    return () => browser.runtime.onMessage.removeListener(onEvent);
  }, []);

  function choose(f: File | null) {
    setFile(f);
    setPassword('');
    setNeedPassword(false);
    setResult(null);
    setAsking(null);
    setError('');
  }

  async function run(duplicates?: DuplicatePolicy) {
    if (!file) return;
    setBusy(true);
    setError('');
    setAsking(null);
    setProgress(null);
    try {
      const r = await send('import.file', {
        data: await fileToBase64(file),
        encoding: 'base64',
        ...(password ? { password } : {}),
        ...(duplicates ? { duplicates } : {}),
      });
      if (r.status === 'duplicates') setAsking(r);
      else {
        setResult(r);
        onImported();
      }
    } catch (e) {
      const code = e instanceof ReplyFailure ? e.code : '';
      if (code === 'password-required' || code === 'bad-password') setNeedPassword(true);
      setError(code === 'bad-password' ? 'Wrong password for this file. Try again.' : errorText(e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <main>
      <BackHeader onBack={onBack} backLabel="Back">
        Import accounts
      </BackHeader>
      <div class="pad">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            choose(e.dataTransfer?.files[0] ?? null);
          }}
        >
          <p class="hint">
            From Google Authenticator, Aegis, 2FAS, andOTP, Bitwarden, Ente Auth, Proton Authenticator,
            FreeOTP+, Stratum, the Authenticator extension, an otpauth:// list or a Ward backup. The format is
            detected from the file. You can also drop the file here.
          </p>
          {location.hash !== '#import' && (
            <p class="hint">
              Firefox closes this popup while you choose a file:{' '}
              <button
                type="button"
                class="link"
                onClick={() =>
                  void browser.tabs.create({ url: browser.runtime.getURL('/popup.html#import') })
                }
              >
                open the import in a tab
              </button>
              .
            </p>
          )}
          <label for="imp-file">Export file</label>
          <input id="imp-file" type="file" onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)} />
          {needPassword && (
            <>
              <label for="imp-pass">File password</label>
              <input
                id="imp-pass"
                type="password"
                autocomplete="off"
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </>
          )}
          <div class="row-actions">
            <button type="submit" class="primary" disabled={!file || busy || (needPassword && !password)}>
              Import
            </button>
          </div>
        </form>
        {busy && (
          <div role="status">
            <label for="imp-progress">{progress ? 'Decrypting and reading…' : 'Reading the file…'}</label>
            <progress
              id="imp-progress"
              style={{ width: '100%' }}
              {...(progress ? { value: progress.done, max: progress.total } : {})}
            />
          </div>
        )}
        {asking && (
          <DuplicateChoice
            duplicates={asking.duplicates}
            total={asking.total}
            onChoose={(p) => void run(p)}
            onCancel={() => setAsking(null)}
          />
        )}
        <p role="alert" class="error">
          {error}
        </p>
        {result && <Summary result={result} />}
      </div>
    </main>
  );
}

function Summary({ result }: { result: Done }) {
  return (
    <section aria-labelledby="imp-summary" data-testid="import-summary">
      <h2 id="imp-summary">Import finished</h2>
      <ul>
        <li>Added: {result.added}</li>
        {result.replaced > 0 && <li>Replaced: {result.replaced}</li>}
        <li>Skipped (already in Ward): {result.skipped}</li>
        <li>Could not be read: {result.errors.length}</li>
      </ul>
      {result.errors.length > 0 && (
        <ul class="error" aria-label="Entries that could not be imported">
          {result.errors.map((e) => (
            <li key={`${e.label}:${e.message}`}>
              <b>{e.label}</b>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
