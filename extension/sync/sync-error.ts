/** SyncError: a sync operation the user started (sign-in, join) failed, with a stable code the popup switches on. */

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
  | 'no-server-vault';

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
