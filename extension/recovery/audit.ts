/**
 * The hook through which recovery events reach the account's audit log (server kinds
 * 'recovery-kit-created' {shares, threshold} and 'recovery-key-used'). The sync side fills it in;
 * until then, or signed out, nothing is recorded. Never throws, never blocks the recovery flow.
 */
export type RecoveryEvent =
  | { kind: 'recovery-kit-created'; detail: { shares: number; threshold: number } }
  | { kind: 'recovery-key-used' };

type Listener = (event: RecoveryEvent) => void | Promise<void>;
let listener: Listener | null = null;

/** Lets the sync side receive recovery events (null detaches). */
export function setRecoveryAuditListener(next: Listener | null): void {
  listener = next;
}

/** Reports one event, best effort. */
export function recordRecoveryEvent(event: RecoveryEvent): void {
  try {
    void Promise.resolve(listener?.(event)).catch(() => undefined);
  } catch {
    // the audit log is best effort
  }
}
