/**
 * Growing delay after wrong passphrases: no lock-out of the local vault, but each failure doubles
 * the wait (1 s, 2 s, 4 s … capped at 5 min). Argon2id already costs ~1 s per guess; the delay is
 * persisted in storage.local so closing and reopening the popup does not reset it.
 */
import { throttleItem, type UnlockThrottle } from './items';

export const MAX_DELAY_MS = 5 * 60_000;

/** Delay imposed after `failures` consecutive wrong passphrases. */
export function delayAfter(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - 1, 20), MAX_DELAY_MS);
}

export function readThrottle(): Promise<UnlockThrottle> {
  return throttleItem.getValue();
}

/** Records one more failure and returns the new state. */
export async function recordFailure(now = Date.now()): Promise<UnlockThrottle> {
  const { failures } = await throttleItem.getValue();
  const next = { failures: failures + 1, retryAt: now + delayAfter(failures + 1) };
  await throttleItem.setValue(next);
  return next;
}

export async function resetThrottle(): Promise<void> {
  await throttleItem.setValue({ failures: 0, retryAt: 0 });
}
