/**
 * Idle auto-lock. Every user action stamps `lastActivity` (storage.session, so it survives a worker
 * restart) and re-arms an alarm; the alarm, a timer while the worker lives, and a check before
 * every message all lock once the timeout has passed — whichever comes first.
 */
import { browser } from 'wxt/browser';
import { idleOverrideItem, lastActivityItem, settingsItem } from './items';

export const IDLE_ALARM = 'ward-idle-lock';

let timer: ReturnType<typeof setTimeout> | undefined;

/** The idle timeout in ms; Infinity when the vault locks only when the browser closes. */
export async function idleTimeoutMs(): Promise<number> {
  const [{ autoLockMinutes }, override] = await Promise.all([
    settingsItem.getValue(),
    idleOverrideItem.getValue(),
  ]);
  const base = autoLockMinutes === 0 ? Number.POSITIVE_INFINITY : autoLockMinutes * 60_000;
  return override > 0 ? Math.min(base, override) : base;
}

/** True when the vault has been idle for longer than the timeout. */
export async function isIdleExpired(now = Date.now()): Promise<boolean> {
  const [last, timeout] = await Promise.all([lastActivityItem.getValue(), idleTimeoutMs()]);
  return last > 0 && now - last >= timeout;
}

/** Notes user activity and re-arms the idle lock; `onExpire` runs if the worker is still alive then. */
export async function touch(onExpire: () => void, now = Date.now()): Promise<void> {
  const timeout = await idleTimeoutMs();
  await lastActivityItem.setValue(now);
  clearTimeout(timer);
  if (!Number.isFinite(timeout)) {
    await browser.alarms.clear(IDLE_ALARM);
    return;
  }
  timer = setTimeout(onExpire, timeout);
  // Chrome rounds alarms up to 30 s; the timer and the per-message check cover shorter test timeouts.
  await browser.alarms.create(IDLE_ALARM, { when: now + Math.max(timeout, 30_000) });
}

/** Stops the idle machinery (after locking). */
export async function disarm(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  await Promise.all([browser.alarms.clear(IDLE_ALARM), lastActivityItem.setValue(0)]);
}
