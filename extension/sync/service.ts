/**
 * The service worker's sync: one engine over the storage-backed store, its schedule (an alarm
 * every few minutes, a debounced run after each local edit, a one-shot alarm at the backoff time),
 * and the last status kept in storage.local so a restarted worker and the popup still show it.
 */
import { browser } from 'wxt/browser';
import { setLocalWriteListener } from '../vault/record-store';
import { createSyncEngine, type SyncEngine } from './engine';
import { createLocalSyncStore } from './local-store';
import type { SyncStatus } from './ports';
import { syncStatusItem } from './storage-items';

export const SYNC_ALARM = 'ward-sync';
export const SYNC_RETRY_ALARM = 'ward-sync-retry';
/** The periodic pull; Chrome runs alarms at most every 30 s, and a few minutes is plenty. */
export const SYNC_PERIOD_MINUTES = 5;
/** Edits in quick succession (typing, reordering) go up in one push. */
export const LOCAL_CHANGE_DEBOUNCE_MS = 1500;

let engine: SyncEngine | null = null;
let debounce: ReturnType<typeof setTimeout> | null = null;

function onStatus(status: SyncStatus): void {
  void syncStatusItem.setValue(status);
  if (status.nextRetryAt !== null) void browser.alarms.create(SYNC_RETRY_ALARM, { when: status.nextRetryAt });
}

/** The engine (created on first use in this worker's life). */
export function syncEngine(): SyncEngine {
  engine ??= createSyncEngine({ store: createLocalSyncStore(), onStatus });
  return engine;
}

/** The status to show: this worker's, or the one the previous worker stored. */
export async function syncStatus(): Promise<SyncStatus> {
  const live = syncEngine().status();
  if (live.state !== 'signed-out' || live.lastSyncAt !== null) return live;
  const stored = await syncStatusItem.getValue();
  const signedIn = (await createLocalSyncStore().account()) !== null;
  // Signed in: the last run's status; signed out: its reason (revoked, expired) if it had one.
  return stored && (signedIn || stored.state === 'signed-out') ? stored : live;
}

/** Runs a sync now if signed in (errors end up in the status, never thrown). */
export function syncSoon(force = false): Promise<SyncStatus> {
  return syncEngine().sync({ force });
}

/** Wires the schedule; called once from the service worker's main(). */
export function startSyncSchedule(): void {
  // Created once: re-creating it at every worker start would push the next run back each time.
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    if (!existing) return browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  });
  setLocalWriteListener(() => {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = null;
      void syncSoon(true);
    }, LOCAL_CHANGE_DEBOUNCE_MS);
  });
}

/** True when the alarm was a sync alarm (and a sync was started). */
export function onSyncAlarm(name: string): boolean {
  if (name !== SYNC_ALARM && name !== SYNC_RETRY_ALARM) return false;
  void syncSoon(name === SYNC_RETRY_ALARM).then(() => alarmListener?.());
  return true;
}

let alarmListener: (() => Promise<void>) | null = null;

/** Runs after each alarm-driven sync (devices: look for approval requests). */
export function setAfterSyncAlarm(fn: (() => Promise<void>) | null): void {
  alarmListener = fn;
}
