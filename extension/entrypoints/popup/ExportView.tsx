import { useEffect, useState } from 'preact/hooks';
import type { PlainExportFormat } from '../../capture/messages';
import type { EntrySummary } from '../../messages';
import { errorText, send } from '../../ui/send';
import { useAction } from '../../ui/use-action';
import { BackHeader } from './BackHeader';
import { QrCodeView } from './QrCodeView';

/** What the user types to confirm an export that puts every secret in the clear. */
export const CONFIRM_WORD = 'EXPORT';

function download(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Exports beyond the encrypted backup (which stays in Settings): unencrypted files behind a typed
 * confirmation, one account's QR code, and Google Authenticator migration codes for many.
 */
export function ExportView({ onBack }: { onBack: () => void }) {
  return (
    <main>
      <BackHeader onBack={onBack} backLabel="Back">
        Move accounts out
      </BackHeader>
      <div class="pad">
        <p class="hint">
          For a backup, use the encrypted Ward backup in Settings. Everything below shows or saves your
          secrets unencrypted: anyone who sees it can make your codes.
        </p>
        <PlainExport />
        <EntryQr />
        <MigrationQr />
      </div>
    </main>
  );
}

function PlainExport() {
  const [format, setFormat] = useState<PlainExportFormat>('otpauth');
  const [confirm, setConfirm] = useState('');
  const [msg, setMsg] = useState('');
  async function save(ev: Event) {
    ev.preventDefault();
    try {
      const { fileName, text } = await send('export.plain', { format });
      download(fileName, text, format === 'aegis' ? 'application/json' : 'text/plain');
      setConfirm('');
      setMsg(`Saved ${fileName}. Delete it once the other app has imported it.`);
    } catch (e) {
      setMsg(errorText(e));
    }
  }
  return (
    <form onSubmit={save}>
      <h2>Unencrypted file</h2>
      <fieldset>
        <legend>Format</legend>
        <label style={{ fontWeight: 400 }}>
          <input
            type="radio"
            name="fmt"
            checked={format === 'otpauth'}
            onChange={() => setFormat('otpauth')}
          />{' '}
          otpauth:// list (one link per line)
        </label>
        <label style={{ fontWeight: 400 }}>
          <input type="radio" name="fmt" checked={format === 'aegis'} onChange={() => setFormat('aegis')} />{' '}
          Aegis JSON (plain)
        </label>
      </fieldset>
      <p class="error" id="plain-warn">
        Warning: this file holds every secret unencrypted. Anyone who gets it can log in as you wherever the
        password is known.
      </p>
      <label for="plain-confirm">Type {CONFIRM_WORD} to confirm</label>
      <input
        id="plain-confirm"
        autocomplete="off"
        aria-describedby="plain-warn"
        value={confirm}
        onInput={(e) => setConfirm(e.currentTarget.value)}
      />
      <div class="row-actions">
        <button type="submit" class="danger" disabled={confirm.trim() !== CONFIRM_WORD}>
          Download unencrypted file
        </button>
      </div>
      <p role="status">{msg}</p>
    </form>
  );
}

function EntryQr() {
  const [entries, setEntries] = useState<EntrySummary[]>([]);
  const [id, setId] = useState('');
  const [shown, setShown] = useState<{ uri: string; label: string } | null>(null);
  const { error, setError, run } = useAction({ releaseOnSuccess: true });
  useEffect(() => {
    send('entries.list', {}).then(
      (list) => {
        setEntries(list);
        setId(list[0]?.id ?? '');
      },
      (e) => setError(errorText(e)),
    );
  }, [setError]);
  function show() {
    void run(async () => {
      setShown(await send('export.entryUri', { id }));
    });
  }
  return (
    <section aria-labelledby="qr-one">
      <h2 id="qr-one">One account to a phone</h2>
      <label for="qr-entry">Account</label>
      <select
        id="qr-entry"
        value={id}
        onChange={(e) => {
          setId(e.currentTarget.value);
          setShown(null);
        }}
      >
        {entries.map((e) => (
          <option key={e.id} value={e.id}>
            {[e.issuer, e.account].filter(Boolean).join(' · ') || 'Unnamed entry'}
          </option>
        ))}
      </select>
      <div class="row-actions">
        {shown ? (
          <button type="button" onClick={() => setShown(null)}>
            Hide QR code
          </button>
        ) : (
          <button type="button" disabled={!id} onClick={show}>
            Show QR code
          </button>
        )}
      </div>
      {shown && <QrCodeView text={shown.uri} label={shown.label} />}
      <p role="alert" class="error">
        {error}
      </p>
    </section>
  );
}

function MigrationQr() {
  const [codes, setCodes] = useState<{ uris: string[]; skipped: { label: string; reason: string }[] } | null>(
    null,
  );
  const [at, setAt] = useState(0);
  const { error, run } = useAction({ releaseOnSuccess: true });
  function show() {
    void run(async () => {
      setCodes(await send('export.migration', {}));
      setAt(0);
    });
  }
  const uri = codes?.uris[at];
  return (
    <section aria-labelledby="qr-many">
      <h2 id="qr-many">Many accounts to Google Authenticator</h2>
      <p class="hint">
        In Google Authenticator: Transfer accounts → Import accounts, then scan each code in order.
      </p>
      <div class="row-actions">
        {codes ? (
          <button type="button" onClick={() => setCodes(null)}>
            Hide codes
          </button>
        ) : (
          <button type="button" onClick={show}>
            Show transfer QR codes
          </button>
        )}
      </div>
      {codes && uri && (
        <>
          <QrCodeView text={uri} label={`Code ${at + 1} of ${codes.uris.length}`} />
          <div class="row-actions">
            <button type="button" disabled={at === 0} onClick={() => setAt(at - 1)}>
              Previous
            </button>
            <button type="button" disabled={at + 1 >= codes.uris.length} onClick={() => setAt(at + 1)}>
              Next
            </button>
          </div>
        </>
      )}
      {codes && !uri && <p>None of your accounts fits Google Authenticator’s format.</p>}
      {codes && codes.skipped.length > 0 && (
        <>
          <p>Not included ({codes.skipped.length}):</p>
          <ul aria-label="Accounts not included">
            {codes.skipped.map((s) => (
              <li key={`${s.label}:${s.reason}`}>
                <b>{s.label}</b>: {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <p role="alert" class="error">
        {error}
      </p>
    </section>
  );
}
