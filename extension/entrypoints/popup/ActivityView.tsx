import { useEffect, useState } from 'preact/hooks';
import type { AuditEvent } from '../../devices/messages';
import { errorText, send } from '../../ui/send';

const LABELS: Record<string, string> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Wrong sign-in code',
  'sign-out': 'Signed out',
  'device-renamed': 'Device renamed',
  'device-revoked': 'Device removed',
  'vault-created': 'Vault created',
  'key-slots-changed': 'Unlock methods changed',
  'session-lifetime-changed': 'Session lifetime changed',
  'vault-key-rotated': 'Vault key rotated',
  'pairing-requested': 'New device asked for approval',
  'pairing-approved': 'New device approved',
  'pairing-denied': 'New device denied',
  'pairing-delivered': 'Approval collected',
  'pairing-expired': 'Approval request expired',
  'pairing-cancelled': 'Approval request withdrawn',
  export: 'Entries exported',
  'backup-created': 'Backup downloaded',
  'recovery-kit-created': 'Recovery kit made',
  'recovery-key-used': 'Recovery key used',
};

function detailText(e: AuditEvent): string {
  const d = e.detail ?? {};
  const name = typeof d.deviceName === 'string' ? d.deviceName : typeof d.name === 'string' ? d.name : '';
  if (e.type === 'device-renamed') return `${String(d.from)} → ${String(d.to)}`;
  if (e.type === 'export') return `${String(d.format)}, ${String(d.entries)} entries`;
  return name;
}

/** Settings → Activity: the account's audit log, newest first, a page at a time. */
export function ActivityView() {
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [msg, setMsg] = useState('');

  async function more(before: number | null) {
    try {
      const page = await send('audit.page', { before });
      setEvents((old) => (before === null ? page.events : [...old, ...page.events]));
      setCursor(page.cursor);
      setLoaded(true);
    } catch (e) {
      setMsg(errorText(e));
    }
  }
  useEffect(() => {
    void more(null);
  }, []);

  return (
    <div data-testid="activity">
      <ul class="activity">
        {events.map((e) => (
          <li key={e.id} data-testid="activity-event" data-type={e.type}>
            <b>{LABELS[e.type] ?? e.type}</b> {detailText(e)}{' '}
            <span class="hint">
              {new Date(e.at).toLocaleString()}
              {e.ip ? ` · ${e.ip}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {loaded && !events.length && <p class="hint">No activity yet.</p>}
      {cursor !== null && (
        <div class="row-actions">
          <button type="button" onClick={() => void more(cursor)}>
            Older
          </button>
        </div>
      )}
      {msg && <p class="error">{msg}</p>}
    </div>
  );
}
