/** VaultError: an extension-level failure with a stable code the popup switches on. */
import type { ReplyErrorCode } from '../messages';

export class VaultError extends Error {
  readonly code: ReplyErrorCode;
  readonly retryAt?: number;

  constructor(code: ReplyErrorCode, message: string, retryAt?: number) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
    if (retryAt !== undefined) this.retryAt = retryAt;
  }
}
