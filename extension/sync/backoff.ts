/** When to try again after a failed sync: exponential backoff with jitter, capped; Retry-After wins when longer. */

export const FIRST_RETRY_MS = 15_000;
export const MAX_RETRY_MS = 15 * 60_000;

/**
 * Delay before attempt `failures + 1` (failures ≥ 1): 15 s, 30 s, 1 min … capped at 15 min, each
 * scaled by a random factor in [0.8, 1.2) so many devices do not return at the same second.
 */
export function backoffMs(failures: number, random: () => number = Math.random, retryAfterMs = 0): number {
  const n = Math.max(1, Math.min(failures, 30));
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (n - 1));
  return Math.max(Math.round(base * (0.8 + 0.4 * random())), retryAfterMs);
}
