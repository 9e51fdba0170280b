/** Code + timing for the popup (RFC 6238 TOTP / RFC 4226 HOTP / Steam via crypto-core/otp). */

import type { Entry } from '../../crypto-core/entry';
import { generateCode } from '../../crypto-core/otp';
import type { CodeInfo } from '../messages';

/** The current code, the next period's code and where the current period started. */
export function codeInfo(entry: Entry, nowMs = Date.now()): CodeInfo {
  if (entry.type === 'hotp') {
    return { code: generateCode(entry, nowMs), next: null, periodStartMs: 0, periodMs: 0 };
  }
  const periodMs = entry.period * 1000;
  const periodStartMs = Math.floor(nowMs / periodMs) * periodMs;
  return {
    code: generateCode(entry, nowMs),
    next: generateCode(entry, periodStartMs + periodMs),
    periodStartMs,
    periodMs,
  };
}
