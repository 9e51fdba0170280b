/**
 * Account security through the sync server (sync-server/API.md "Account", "Devices", "Audit log"):
 * the device list with rename and revoke, the session lifetime, the audit log, and the events only
 * this client can observe (exports). Each function takes the signed-in Remote and throws ApiFailed.
 */
import type { ExportKind } from '../capture/audit';
import { ApiFailed, type ApiResult } from '../sync/api';
import type { AuditEvent, ClientAuditEvent } from '../sync/api-account';
import type { Remote } from '../sync/engine';
import { SyncError } from '../sync/sync-error';

export interface DeviceView {
  id: string;
  name: string;
  createdAt: number;
  /** ms, one-minute precision; null before its first request */
  lastSeenAt: number | null;
  current: boolean;
}

export interface ActivityPage {
  events: AuditEvent[];
  /** pass back as `before` for the next (older) page; null: this was the last */
  cursor: number | null;
}

/** Session lifetime bounds (API: `PATCH /v1/account`). */
export const MIN_SESSION_DAYS = 1;
export const MAX_SESSION_DAYS = 365;

function value<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new ApiFailed(r.failure);
  return r.value;
}

const toView = (d: {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  current: boolean;
}) => ({
  id: d.id,
  name: d.name,
  createdAt: Date.parse(d.createdAt),
  lastSeenAt: d.lastSeenAt === null ? null : Date.parse(d.lastSeenAt),
  current: d.current,
});

/** The account's signed-in devices, in sign-in order. */
export async function listDevices(remote: Remote): Promise<DeviceView[]> {
  return value(await remote.api.listDevices()).map(toView);
}

/** Renames a device (1–64 characters, no control characters; the server checks too). */
export async function renameDevice(remote: Remote, id: string, name: string): Promise<DeviceView> {
  const clean = name.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (!clean || [...clean].length > 64 || /[\u0000-\u001f\u007f]/.test(clean)) {
    throw new SyncError('rejected', 'Use 1–64 characters for the device name.');
  }
  return toView(value(await remote.api.renameDevice(id, clean)));
}

/** Revokes another device: its token is refused at its next request and it wipes its copy. */
export async function revokeDevice(remote: Remote, id: string): Promise<void> {
  value(await remote.api.revokeDevice(id));
}

/** The account's session lifetime in days. */
export async function sessionDays(remote: Remote): Promise<number> {
  return value(await remote.api.getAccount()).sessionDays;
}

/** Sets the session lifetime (whole days, 1–365); applies to existing sessions too. */
export async function setSessionDays(remote: Remote, days: number): Promise<number> {
  if (!Number.isInteger(days) || days < MIN_SESSION_DAYS || days > MAX_SESSION_DAYS) {
    throw new SyncError(
      'rejected',
      `Choose a whole number of days from ${MIN_SESSION_DAYS} to ${MAX_SESSION_DAYS}.`,
    );
  }
  return value(await remote.api.setSessionDays(days)).sessionDays;
}

/** One page of the audit log, newest first. */
export async function activity(remote: Remote, before: number | null, limit = 50): Promise<ActivityPage> {
  return value(await remote.api.audit(before, limit));
}

/**
 * The audit event for an export. The listener learns only the kind, so `entries` is the number of
 * entries in the vault at the time (an upper bound for a single-entry QR it is 1).
 */
export function exportEvent(kind: ExportKind, liveEntries: number): ClientAuditEvent {
  if (kind === 'backup') return { kind: 'backup-created', detail: { entries: liveEntries } };
  const entries = kind === 'entry-qr' ? 1 : liveEntries;
  return { kind: 'export', detail: { format: kind, entries, encrypted: false } };
}

/** Reports an export to the audit log (best effort: never throws). */
export async function reportExport(remote: Remote, kind: ExportKind, liveEntries: number): Promise<void> {
  await remote.api.reportEvent(exportEvent(kind, liveEntries)).catch(() => undefined);
}
