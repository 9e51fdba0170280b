/** WardError: the one error type crypto-core throws, with a stable machine-readable `code`. */

/**
 * Every code crypto-core can raise. Callers switch on these; the message is for people.
 * Messages never contain secrets, keys or plaintext: they name what is wrong, not the bytes.
 */
export type WardErrorCode =
  // otpauth:// and otpauth-migration:// parsing
  | 'invalid-uri'
  | 'unknown-scheme'
  | 'unknown-type'
  | 'missing-secret'
  | 'invalid-secret'
  | 'invalid-digits'
  | 'invalid-period'
  | 'invalid-counter'
  | 'invalid-algorithm'
  | 'duplicate-parameter'
  | 'invalid-migration'
  // files, keys and ciphertext
  | 'password-required'
  | 'bad-password'
  | 'unsupported-format'
  | 'unsupported-version'
  | 'corrupt'
  | 'decrypt-failed'
  // a record sealed under another generation of the vault key (rotated since): resync, then reopen
  | 'stale-key'
  | 'weak-kdf-params'
  | 'absurd-kdf-params'
  | 'invalid-recovery-key'
  | 'invalid-argument'
  // an entry (from a file or a record) whose fields are not a usable OTP account
  | 'invalid-entry'
  // recovery-kit shares (recovery-kit.ts): one unreadable share, or shares that do not go together
  | 'invalid-share'
  | 'too-few-shares'
  | 'duplicate-share'
  | 'mixed-kits'
  | 'shares-inconsistent';

export class WardError extends Error {
  readonly code: WardErrorCode;

  constructor(code: WardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WardError';
    this.code = code;
  }
}

/** True when `e` is a WardError, optionally with the given code. */
export function isWardError(e: unknown, code?: WardErrorCode): e is WardError {
  return e instanceof WardError && (code === undefined || e.code === code);
}
