import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { VaultState } from '../../messages';
import { send } from '../../ui/send';
import { useAction } from '../../ui/use-action';
import { NewPassphrase } from './NewPassphrase';

/** Three random distinct word positions (0-based) for the confirmation step. */
function pickPositions(): number[] {
  const picked = new Set<number>();
  const buf = new Uint32Array(1);
  while (picked.size < 3) {
    crypto.getRandomValues(buf);
    picked.add((buf[0] as number) % 24);
  }
  return [...picked].sort((a, b) => a - b);
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Create flow: passphrase (twice, strength ≥ 3) → recovery words → confirm three of them. */
export function CreateVault({ onDone }: { onDone: (s: VaultState) => void }) {
  const [step, setStep] = useState<'pass' | 'words' | 'confirm'>('pass');
  const [words, setWords] = useState<string[]>([]);
  if (step === 'pass') {
    return (
      <PassphraseStep
        onCreated={(w) => {
          setWords(w);
          setStep('words');
        }}
      />
    );
  }
  if (step === 'words') return <WordsStep words={words} onNext={() => setStep('confirm')} />;
  return <ConfirmStep words={words} onBack={() => setStep('words')} onDone={onDone} />;
}

function PassphraseStep({ onCreated }: { onCreated: (words: string[]) => void }) {
  const [pass, setPass] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  function submit(ev: Event) {
    ev.preventDefault();
    if (!pass) return;
    void run(async () => {
      const { recoveryWords } = await send('vault.create', { passphrase: pass });
      onCreated(recoveryWords);
    });
  }

  return (
    <main>
      <header>
        <h1>Ward</h1>
      </header>
      <form class="pad" onSubmit={submit} aria-busy={busy}>
        <h2>Create your vault</h2>
        <p class="hint">
          Choose a passphrase only you know. It encrypts your codes on this device; Ward cannot recover it for
          you.
        </p>
        <NewPassphrase idPrefix="new" autoFocus onChange={setPass} />
        <p role="alert" class="error">
          {error}
        </p>
        <div class="row-actions">
          <button class="primary" type="submit" disabled={!pass || busy}>
            {busy ? 'Creating…' : 'Create vault'}
          </button>
        </div>
      </form>
    </main>
  );
}

function WordsStep({ words, onNext }: { words: string[]; onNext: () => void }) {
  const text = `Ward recovery key\n\n${words.map((w, i) => `${i + 1}. ${w}`).join('\n')}\n\nKeep it offline and private: anyone with these 24 words can open your vault.\n`;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main>
      <header>
        <h1>Ward</h1>
      </header>
      <div class="pad">
        <h2 ref={heading} tabIndex={-1}>
          Your recovery key
        </h2>
        <p class="hint">
          If you forget your passphrase, these 24 words are the only way back into your vault. Write them down
          or save them somewhere safe and offline.
        </p>
        <ol class="words" data-testid="recovery-words">
          {words.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ol>
        <div class="row-actions">
          <button type="button" onClick={() => download('ward-recovery-key.txt', text)}>
            Save as file
          </button>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
          <button class="primary" type="button" onClick={onNext}>
            I have saved it
          </button>
        </div>
      </div>
    </main>
  );
}

function ConfirmStep({
  words,
  onBack,
  onDone,
}: {
  words: string[];
  onBack: () => void;
  onDone: (s: VaultState) => void;
}) {
  const positions = useMemo(pickPositions, []);
  const [answers, setAnswers] = useState(['', '', '']);
  const { busy, error, setError, run } = useAction();

  function submit(ev: Event) {
    ev.preventDefault();
    const wrong = positions.filter((p, i) => answers[i]?.trim().toLowerCase() !== words[p]);
    if (wrong.length) {
      setError(
        `Word${wrong.length > 1 ? 's' : ''} ${wrong.map((p) => `#${p + 1}`).join(', ')} do not match. Check your copy.`,
      );
      return;
    }
    void run(async () => onDone(await send('vault.confirmCreate', {})));
  }

  return (
    <main>
      <header>
        <h1>Ward</h1>
      </header>
      <form class="pad" onSubmit={submit}>
        <h2>Confirm your recovery key</h2>
        <p class="hint">Type these words from your copy, to be sure it is complete.</p>
        {positions.map((p, i) => (
          <div key={p}>
            <label for={`word-${p}`}>Word #{p + 1}</label>
            <input
              id={`word-${p}`}
              data-position={p + 1}
              autocomplete="off"
              spellcheck={false}
              value={answers[i]}
              onInput={(e) => {
                const next = [...answers];
                next[i] = e.currentTarget.value;
                setAnswers(next);
              }}
            />
          </div>
        ))}
        <p role="alert" class="error">
          {error}
        </p>
        <div class="row-actions">
          <button type="button" onClick={onBack}>
            Show the words again
          </button>
          <button class="primary" type="submit" disabled={busy || answers.some((a) => !a.trim())}>
            Confirm and open vault
          </button>
        </div>
      </form>
    </main>
  );
}
