/**
 * The hook through which exports reach the account's audit log. Sync owns the audit client; until
 * it fills this in, exporting while signed out or in before that lands records nothing.
 */

/** What was exported: the kinds the audit log distinguishes. */
export type ExportKind = 'backup' | 'otpauth' | 'aegis' | 'migration' | 'entry-qr';

type ExportListener = (kind: ExportKind) => void | Promise<void>;
let listener: ExportListener | null = null;

/** Lets the sync side receive export events (null detaches). */
export function setExportListener(next: ExportListener | null): void {
  listener = next;
}

/** Records that the user exported secrets of `kind`; never throws, never blocks the export. */
export function recordExportEvent(kind: ExportKind): void {
  try {
    void Promise.resolve(listener?.(kind)).catch(() => undefined);
  } catch {
    // the audit log is best effort: an export must never fail because of it
  }
}
