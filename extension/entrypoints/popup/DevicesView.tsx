import { useEffect, useState } from 'preact/hooks';
import type { DeviceView } from '../../devices/messages';
import { errorText, ReplyFailure, send } from '../../ui/send';
import { ActivityView } from './ActivityView';
import { RotateKey } from './RotateKey';

function ago(ms: number | null): string {
  if (ms === null) return 'never';
  const min = Math.round((Date.now() - ms) / 60_000);
  if (min < 2) return 'just now';
  if (min < 120) return `${min} minutes ago`;
  return new Date(ms).toLocaleString();
}

function DeviceRow({
  d,
  onChanged,
  onRevoked,
}: {
  d: DeviceView;
  onChanged: () => void;
  onRevoked: (name: string) => void;
}) {
  const [name, setName] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [msg, setMsg] = useState('');
  const act = (job: () => Promise<void>) => job().catch((e) => setMsg(errorText(e)));
  return (
    <li data-testid="device" data-current={d.current ? 'true' : 'false'}>
      {name === null ? (
        <p>
          <b>{d.name}</b> {d.current && <span class="tag">this device</span>}
          <br />
          <span class="hint">Last seen {d.current ? 'now' : ago(d.lastSeenAt)}</span>
        </p>
      ) : (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            void act(async () => {
              await send('devices.rename', { id: d.id, name });
              setName(null);
              onChanged();
            });
          }}
        >
          <label for={`dev-name-${d.id}`}>Device name</label>
          <input
            id={`dev-name-${d.id}`}
            value={name}
            maxLength={64}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <div class="row-actions">
            <button type="button" onClick={() => setName(null)}>
              Cancel
            </button>
            <button type="submit" class="primary" disabled={!name.trim()}>
              Save
            </button>
          </div>
        </form>
      )}
      {name === null && !confirm && (
        <div class="row-actions">
          <button type="button" onClick={() => setName(d.name)}>
            Rename
          </button>
          {!d.current && (
            <button type="button" class="danger" onClick={() => setConfirm(true)}>
              Remove
            </button>
          )}
        </div>
      )}
      {confirm && (
        <div class="row-actions">
          <span>Sign {d.name} out and erase Ward’s copy there?</span>
          <button type="button" onClick={() => setConfirm(false)}>
            Keep
          </button>
          <button
            type="button"
            class="danger"
            onClick={() =>
              void act(async () => {
                await send('devices.revoke', { id: d.id });
                onRevoked(d.name);
              })
            }
          >
            Remove device
          </button>
        </div>
      )}
      {msg && <p class="error">{msg}</p>}
    </li>
  );
}

/**
 * Settings → Devices and account security (signed in only): the devices with rename and remove
 * (then rotation is offered), the session lifetime, the activity log; and key rotation for any vault.
 */
export function DevicesView({ announce }: { announce: (t: string) => void }) {
  const [devices, setDevices] = useState<DeviceView[] | null>(null);
  const [days, setDays] = useState<number | null>(null);
  const [daysInput, setDaysInput] = useState('');
  const [revoked, setRevoked] = useState<string | null>(null);
  const [activityOpen, setActivityOpen] = useState(false);
  const [msg, setMsg] = useState('');

  async function load() {
    try {
      setDevices(await send('devices.list', {}));
      const a = await send('account.get', {});
      setDays(a.sessionDays);
      setDaysInput(String(a.sessionDays));
    } catch (e) {
      if (e instanceof ReplyFailure && e.code === 'not-signed-in') setDevices(null);
      else setMsg(errorText(e));
    }
  }
  useEffect(() => {
    void load();
  }, []);

  async function saveDays(ev: Event) {
    ev.preventDefault();
    try {
      const r = await send('account.setSessionDays', { days: Number(daysInput) });
      setDays(r.sessionDays);
      announce(`Sessions now last ${r.sessionDays} days`);
    } catch (e) {
      setMsg(errorText(e));
    }
  }

  return (
    <div data-testid="devices-view">
      {devices && (
        <>
          <h2>Devices</h2>
          <ul class="devices">
            {devices.map((d) => (
              <DeviceRow
                key={d.id}
                d={d}
                onChanged={() => void load()}
                onRevoked={(name) => {
                  setRevoked(name);
                  announce(`${name} removed`);
                  void load();
                }}
              />
            ))}
          </ul>
          <form onSubmit={saveDays}>
            <label for="session-days">Stay signed in for (days, 1–365)</label>
            <input
              id="session-days"
              type="number"
              min={1}
              max={365}
              value={daysInput}
              onInput={(e) => setDaysInput(e.currentTarget.value)}
            />
            <div class="row-actions">
              <button type="submit" disabled={String(days) === daysInput}>
                Save
              </button>
            </div>
          </form>
        </>
      )}
      <RotateKey
        announce={announce}
        {...(revoked
          ? {
              reason: `${revoked} was removed. If it was lost or stolen, rotate the vault key now: whatever it copied stays readable to it, but nothing new will be.`,
            }
          : {})}
      />
      {devices && (
        <details onToggle={(e) => setActivityOpen(e.currentTarget.open)}>
          <summary>Activity</summary>
          {/* Mounted on open, so it shows the log as it is now (e.g. with a removal just made). */}
          {activityOpen && <ActivityView />}
        </details>
      )}
      {msg && <p class="error">{msg}</p>}
    </div>
  );
}
