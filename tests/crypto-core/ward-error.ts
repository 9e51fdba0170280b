// What crypto-core refused with. Anything but a WardError fails the test: a TypeError or a
// RangeError would mean a check is missing.
import { expect } from 'vitest';
import { WardError } from '../../crypto-core/errors';

/** The code of the WardError that `p` rejects with (or `p()` throws or rejects with), or 'no error'. */
export async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof WardError) return e.code;
    throw new Error(`expected a WardError, got ${String(e)}`);
  }
  return 'no error';
}

/** The WardError that `p` rejects with; resolving fails the test. */
export async function failure(p: Promise<unknown>): Promise<WardError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WardError) return e;
    throw new Error(`expected a WardError, got ${String(e)}`);
  }
  throw new Error('expected a failure');
}

/** The WardError that `fn` throws; returning fails the test. */
export function wardError(fn: () => unknown): WardError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WardError);
    return e as WardError;
  }
  throw new Error('expected a WardError');
}

/** The code of the WardError that `fn` throws. */
export const wardCode = (fn: () => unknown): string => wardError(fn).code;
