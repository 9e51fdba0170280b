import { useEffect, useRef, useState } from 'preact/hooks';
import { checkStrength, MIN_SCORE, type Strength } from '../../ui/strength';

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];
const COLOURS = ['#b3261e', '#d9622b', '#c9a227', '#3f8f3f', '#1e7b34'];

/**
 * A new passphrase typed twice, with a zxcvbn strength meter. Reports the passphrase once it is
 * strong enough (score ≥ 3) and both copies match, else null.
 */
export function NewPassphrase({
  idPrefix,
  autoFocus,
  onChange,
}: {
  idPrefix: string;
  autoFocus?: boolean;
  onChange: (acceptable: string | null) => void;
}) {
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (!pass) return setStrength(null);
    let stale = false;
    void checkStrength(pass).then((s) => {
      if (!stale) setStrength(s);
    });
    return () => {
      stale = true;
    };
  }, [pass]);

  const strongEnough = strength !== null && strength.score >= MIN_SCORE;
  const mismatch = again !== '' && again !== pass;
  useEffect(
    () => onChange(strongEnough && pass === again ? pass : null),
    [strongEnough, pass, again, onChange],
  );

  return (
    <>
      <label for={`${idPrefix}-pass`}>Passphrase</label>
      <input
        id={`${idPrefix}-pass`}
        ref={first}
        type="password"
        autocomplete="new-password"
        value={pass}
        onInput={(e) => setPass(e.currentTarget.value)}
        aria-describedby={`${idPrefix}-strength`}
      />
      <div class="meter" aria-hidden="true">
        <span
          style={{
            width: `${strength ? (strength.score + 1) * 20 : 0}%`,
            background: COLOURS[strength?.score ?? 0],
          }}
        />
      </div>
      <p id={`${idPrefix}-strength`} class="hint" aria-live="polite">
        {strength && `Strength: ${LABELS[strength.score]}. `}
        {strength &&
          !strongEnough &&
          'Too easy to guess: use four or more unrelated words, or a longer phrase. '}
        {strength?.warning}
        {strength && !strongEnough && strength.suggestions.length > 0 && ` ${strength.suggestions.join(' ')}`}
      </p>
      <label for={`${idPrefix}-again`}>Passphrase again</label>
      <input
        id={`${idPrefix}-again`}
        type="password"
        autocomplete="new-password"
        value={again}
        onInput={(e) => setAgain(e.currentTarget.value)}
        aria-invalid={mismatch || undefined}
        aria-describedby={`${idPrefix}-again-msg`}
      />
      <p id={`${idPrefix}-again-msg`} class={mismatch ? 'error' : 'hint'}>
        {mismatch ? 'The two passphrases differ.' : ''}
      </p>
    </>
  );
}
