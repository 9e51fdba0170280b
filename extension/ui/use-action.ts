import { useCallback, useRef, useState } from 'preact/hooks';
import { errorText } from './send';

/**
 * A screen's async action (a submit, a button's request): one at a time, its failure shown as text.
 *
 * After a success `busy` stays true: most actions end by leaving the screen, and a button that came
 * back to life for the moment before the parent re-renders could send the request twice. A screen
 * whose actions keep the user on it passes `releaseOnSuccess`; an action that only sometimes stays
 * (say, to ask a question first) calls `release()` as its last step on that path.
 */
export function useAction({ releaseOnSuccess = false }: { releaseOnSuccess?: boolean } = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // `busy` alone would let a double click through: both clicks fire before the re-render that shows it.
  const running = useRef(false);

  const release = useCallback(() => {
    running.current = false;
    setBusy(false);
  }, []);

  const run = useCallback(
    async (action: () => Promise<void>) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setError('');
      try {
        await action();
        if (releaseOnSuccess) release();
      } catch (e) {
        setError(errorText(e));
        release();
      }
    },
    [release, releaseOnSuccess],
  );

  return { busy, error, setError, run, release };
}
