/** SyncError: a sync operation the user started (sign-in, join) failed, with a stable code the popup switches on. */
import type { ApiFailure } from './api';

export type SyncErrorCode =
  | 'bad-server-url'
  | 'not-signed-in'
  | 'offline'
  | 'invalid-code'
  | 'rate-limited'
  | 'rejected'
  | 'server-error'
  | 'revoked'
  | 'wrong-passphrase'
  | 'locked'
  | 'join-not-needed'
  | 'no-server-vault'
  | 'pairing-key-mismatch'
  | 'pairing-denied'
  | 'pairing-expired'
  | 'pairing-gone'
  | 'phrase-mismatch'
  | 'unreadable-entries'
  | 'sync-pending'
  | 'vault-changed';

export class SyncError extends Error {
  readonly code: SyncErrorCode;
  /** ms epoch before which retrying is pointless (rate limits) */
  readonly retryAt?: number;

  constructor(code: SyncErrorCode, message: string, retryAt?: number) {
    super(message);
    this.name = 'SyncError';
    this.code = code;
    if (retryAt !== undefined) this.retryAt = retryAt;
  }
}

/** The SyncError shown for a failed request the user started. */
export function toSyncError(f: ApiFailure): SyncError {
  switch (f.kind) {
    case 'offline':
      return new SyncError('offline', f.message);
    case 'rate-limited':
      return new SyncError('rate-limited', f.message, Date.now() + f.retryAfterMs);
    case 'unauthorized':
      return new SyncError(f.code === 'invalid-code' ? 'invalid-code' : 'revoked', f.message);
    case 'server':
      return new SyncError('server-error', f.message);
    default:
      return new SyncError('rejected', f.message);
  }
}

/** 409 key-rotated: another device rotated the vault key (API.md "POST /v1/vault/rotate"). */
export function isKeyRotated(f: ApiFailure): boolean {
  return f.kind === 'conflict' && f.code === 'key-rotated';
}
