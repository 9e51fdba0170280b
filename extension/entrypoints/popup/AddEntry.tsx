import { useEffect, useRef, useState } from 'preact/hooks';
import type { Entry, HashAlgorithm, OtpType } from '../../../crypto-core/entry';
import type { EntrySummary, ParsedPreview } from '../../messages';
import { send } from '../../ui/send';
import { useAction } from '../../ui/use-action';
import { AccountChecklist } from './AccountChecklist';
import { BackHeader } from './BackHeader';
import { ScanSources } from './ScanSources';

/** Add screen: paste an otpauth(-migration) link, or type the secret by hand. */
export function AddEntry({
  initialText = '',
  onCancel,
  onAdded,
  onScanned,
}: {
  /** a link the user pasted into the search box */
  initialText?: string;
  onCancel: () => void;
  onAdded: (added: EntrySummary[]) => void;
  /** a QR code was scanned or an image read: show what it holds */
  onScanned?: () => void;
}) {
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <main>
      <BackHeader onBack={onCancel} backLabel="Back to the list">
        Add an account
      </BackHeader>
      <div class="pad">
        {onScanned && <ScanSources onScanned={onScanned} />}
        <PasteLink inputRef={first} initialText={initialText} onAdded={onAdded} />
        <ManualForm onAdded={onAdded} />
      </div>
    </main>
  );
}

function PasteLink({
  inputRef,
  initialText,
  onAdded,
}: {
  inputRef: preact.RefObject<HTMLTextAreaElement>;
  initialText: string;
  onAdded: (added: EntrySummary[]) => void;
}) {
  const [text, setText] = useState(initialText);
  const [previews, setPreviews] = useState<ParsedPreview[] | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const { error, run, release } = useAction();

  function parse(ev: Event) {
    ev.preventDefault();
    void run(async () => {
      const found = await send('entries.parse', { text });
      if (found.length === 1) return onAdded(await send('entries.addParsed', { text, pick: [0] }));
      setPreviews(found);
      setPicked(new Set(found.map((p) => p.index)));
      // The user picks among several accounts here, then adds them with a second action.
      release();
    });
  }

  function addPicked() {
    void run(async () => onAdded(await send('entries.addParsed', { text, pick: [...picked] })));
  }

  return (
    <form onSubmit={parse}>
      <h2>Paste a setup link</h2>
      <label for="paste-uri">otpauth:// or otpauth-migration:// link</label>
      <textarea
        id="paste-uri"
        ref={inputRef}
        rows={2}
        spellcheck={false}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setPreviews(null);
        }}
        aria-describedby="paste-msg"
      />
      <p id="paste-msg" role="alert" class="error">
        {error}
      </p>
      {previews ? (
        <fieldset>
          <AccountChecklist accounts={previews} picked={picked} onPick={setPicked} />
          <div class="row-actions">
            <button class="primary" type="button" disabled={!picked.size} onClick={addPicked}>
              Add {picked.size} selected
            </button>
          </div>
        </fieldset>
      ) : (
        <div class="row-actions">
          <button class="primary" type="submit" disabled={!text.trim()}>
            Add from link
          </button>
        </div>
      )}
    </form>
  );
}

function ManualForm({ onAdded }: { onAdded: (added: EntrySummary[]) => void }) {
  const [issuer, setIssuer] = useState('');
  const [account, setAccount] = useState('');
  const [secret, setSecret] = useState('');
  const [secretMsg, setSecretMsg] = useState({ valid: false, message: '' });
  const [type, setType] = useState<OtpType>('totp');
  const [algorithm, setAlgorithm] = useState<HashAlgorithm>('SHA1');
  const [digits, setDigits] = useState(6);
  const [period, setPeriod] = useState(30);
  const [counter, setCounter] = useState(0);
  const { error, run } = useAction();

  // Live validation: the worker runs the same normalizeSecret check the vault applies on save.
  useEffect(() => {
    if (!secret.trim()) return setSecretMsg({ valid: false, message: '' });
    let stale = false;
    const t = setTimeout(() => {
      void send('entries.checkSecret', { secret }).then((r) => {
        if (!stale) setSecretMsg(r);
      });
    }, 150);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [secret]);

  function submit(ev: Event) {
    ev.preventDefault();
    const entry: Entry = { type, issuer, account, secret, algorithm, digits, period, counter };
    void run(async () => onAdded([await send('entries.add', { entry })]));
  }

  return (
    <form onSubmit={submit}>
      <h2>Or type the secret key</h2>
      <label for="m-issuer">Service (issuer)</label>
      <input
        id="m-issuer"
        value={issuer}
        onInput={(e) => setIssuer(e.currentTarget.value)}
        placeholder="Example"
      />
      <label for="m-account">Account</label>
      <input
        id="m-account"
        value={account}
        onInput={(e) => setAccount(e.currentTarget.value)}
        placeholder="you@example.com"
      />
      <label for="m-secret">Secret key</label>
      <input
        id="m-secret"
        value={secret}
        autocomplete="off"
        spellcheck={false}
        onInput={(e) => setSecret(e.currentTarget.value)}
        aria-invalid={secret.trim() !== '' && !secretMsg.valid && secretMsg.message !== '' ? true : undefined}
        aria-describedby="m-secret-msg"
      />
      <p
        id="m-secret-msg"
        class={secretMsg.valid ? 'okay' : secretMsg.message ? 'error' : 'hint'}
        aria-live="polite"
      >
        {secretMsg.valid
          ? 'Looks like a valid key.'
          : secretMsg.message || 'Letters A–Z and digits 2–7; spaces are fine.'}
      </p>
      <details>
        <summary>Advanced (type, algorithm, digits, period)</summary>
        <label for="m-type">Type</label>
        <select id="m-type" value={type} onChange={(e) => setType(e.currentTarget.value as OtpType)}>
          <option value="totp">Time-based (TOTP)</option>
          <option value="hotp">Counter-based (HOTP)</option>
          <option value="steam">Steam Guard</option>
        </select>
        {type !== 'steam' && (
          <>
            <label for="m-alg">Algorithm</label>
            <select
              id="m-alg"
              value={algorithm}
              onChange={(e) => setAlgorithm(e.currentTarget.value as HashAlgorithm)}
            >
              <option>SHA1</option>
              <option>SHA256</option>
              <option>SHA512</option>
            </select>
            <label for="m-digits">Digits</label>
            <input
              id="m-digits"
              type="number"
              min={6}
              max={10}
              value={digits}
              onInput={(e) => setDigits(Number(e.currentTarget.value))}
            />
          </>
        )}
        {type === 'totp' && (
          <>
            <label for="m-period">Period (seconds)</label>
            <input
              id="m-period"
              type="number"
              min={1}
              value={period}
              onInput={(e) => setPeriod(Number(e.currentTarget.value))}
            />
          </>
        )}
        {type === 'hotp' && (
          <>
            <label for="m-counter">Counter</label>
            <input
              id="m-counter"
              type="number"
              min={0}
              value={counter}
              onInput={(e) => setCounter(Number(e.currentTarget.value))}
            />
          </>
        )}
      </details>
      <p role="alert" class="error">
        {error}
      </p>
      <div class="row-actions">
        <button
          class="primary"
          type="submit"
          disabled={!secretMsg.valid || !(issuer.trim() || account.trim())}
        >
          Add account
        </button>
      </div>
    </form>
  );
}
