import type { SyncStatus } from '../../messages';

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}

/** One line for people: state, reason, pending changes, and the clock warning first when it applies. */
export function describeSync(s: SyncStatus, now: number): string {
  const pending = s.pending ? ` ${s.pending} change${s.pending === 1 ? '' : 's'} waiting to sync.` : '';
  const skew = s.clockSkewWarning
    ? `This computer's clock is ${Math.round(Math.abs(s.clockSkewMs ?? 0) / 1000)} s ${
        (s.clockSkewMs ?? 0) > 0 ? 'behind' : 'ahead of'
      } the server: codes may be rejected. Set the clock automatically in your system settings. `
    : '';
  switch (s.state) {
    case 'signed-out':
      return s.reason ? s.message : 'Not syncing.';
    case 'syncing':
      return `${skew}Syncing…`;
    case 'synced':
      return `${skew}Synced ${s.lastSyncAt ? ago(now - s.lastSyncAt) : ''}.${pending}`.replace(' .', '.');
    case 'offline':
      return `${skew}Offline: the server cannot be reached; your changes are kept here.${pending}`;
    case 'error':
      return `${skew}${s.message}${pending}`;
  }
}
