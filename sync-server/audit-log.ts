/** Appends security events to the account's audit log (the table is append-only, enforced by triggers). */
import { auditEvents } from './db/schema';
import type { ServerDeps } from './deps';

/** Every event type the audit log records. */
export type AuditEventType =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'device-renamed'
  | 'device-revoked'
  | 'vault-created'
  | 'key-slots-changed'
  | 'session-lifetime-changed'
  | 'vault-key-rotated'
  | 'pairing-requested'
  | 'pairing-approved'
  | 'pairing-denied'
  | 'pairing-delivered'
  | 'pairing-expired'
  | 'pairing-cancelled'
  /** Reported by a client (the server cannot observe them): see CLIENT_EVENT_KINDS in routes/audit.ts. */
  | 'export'
  | 'backup-created'
  | 'recovery-kit-created'
  | 'recovery-key-used';

export interface AuditEventInput {
  accountId: string;
  type: AuditEventType;
  deviceId?: string | null;
  ip?: string | null;
  /** Metadata the server already holds (names, slot ids and kinds); never secrets. */
  detail?: Record<string, unknown>;
}

/** Appends one event, stamped with the server clock. Call inside the write's transaction when there is one. */
export function appendAudit(db: Pick<ServerDeps['db'], 'insert'>, at: number, e: AuditEventInput): void {
  db.insert(auditEvents)
    .values({
      accountId: e.accountId,
      at,
      type: e.type,
      deviceId: e.deviceId ?? null,
      ip: e.ip ?? null,
      detail: JSON.stringify(e.detail ?? {}),
    })
    .run();
}
