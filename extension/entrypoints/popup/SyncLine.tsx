import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus } from '../../messages';
import { send } from '../../ui/send';
import { describeSync } from './sync-text';

/**
 * The list's sync status line. Opening the popup pulls (and pushes) at once; `onSynced` reloads
 * the entries when the run finished. Hidden while sync is not set up.
 */
export function SyncLine({ onSynced }: { onSynced: () => void }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);

  useEffect(() => {
    let live = true;
    send('sync.status', {}).then(
      (s) => {
        if (!live) return;
        setStatus(s);
        if (s.state === 'signed-out') return;
        void send('sync.now', {}).then((after) => {
          if (!live) return;
          setStatus(after);
          onSynced();
        });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [onSynced]);

  if (!status || (status.state === 'signed-out' && !status.reason)) return null;
  const bad = status.state === 'error' || status.state === 'offline' || status.clockSkewWarning;
  return (
    <p
      class={`pad sync-line ${bad ? 'error' : 'hint'}`}
      role="status"
      data-testid="sync-status"
      data-state={status.state}
    >
      {describeSync(status, Date.now())}
    </p>
  );
}
