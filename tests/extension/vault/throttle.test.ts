import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  delayAfter,
  MAX_DELAY_MS,
  readThrottle,
  recordFailure,
  resetThrottle,
} from '../../../extension/vault/throttle';

describe('unlock throttle', () => {
  beforeEach(() => fakeBrowser.reset());

  it('doubles the wait after each failure, up to a cap, never locking out', () => {
    expect([0, 1, 2, 3, 4].map(delayAfter)).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(delayAfter(50)).toBe(MAX_DELAY_MS);
    expect(delayAfter(1e9)).toBe(MAX_DELAY_MS);
  });

  it('persists failures in storage.local and resets after success', async () => {
    await recordFailure(1_000);
    const t = await recordFailure(2_000);
    expect(t).toEqual({ failures: 2, retryAt: 4_000 });
    expect(await readThrottle()).toEqual(t);
    const raw = await fakeBrowser.storage.local.get('unlockThrottle');
    expect(raw.unlockThrottle).toEqual(t);
    await resetThrottle();
    expect(await readThrottle()).toEqual({ failures: 0, retryAt: 0 });
  });
});
