/**
 * The account-security half of the sync client (sync-server/API.md "Account", "Devices", "Pairing",
 * "Audit log", "POST /v1/vault/rotate"), built on api.ts's typed `hc` tree and result mapping.
 */
import type { Call, RouteClient, WireSlot } from './api';

export interface WireDevice {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  current: boolean;
}

export interface WireAccount {
  accountId: string;
  email: string;
  sessionDays: number;
  createdAt: string;
}

export interface WirePairingRequest {
  id: string;
  deviceId: string;
  deviceName: string;
  publicKey: string;
  createdAt: string;
  expiresAt: string;
}

export type PairingPoll =
  | { status: 'pending'; expiresAt: string }
  | {
      status: 'approved' | 'denied';
      transfer: string | null;
      answeredBy: { deviceId: string; name: string } | null;
    };

export interface AuditEvent {
  id: number;
  type: string;
  at: string;
  deviceId: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditPage {
  events: AuditEvent[];
  cursor: number | null;
}

export interface RotateBody {
  baseVersion: number;
  baseSeq: number;
  keyId: string;
  keySlots: WireSlot[];
  records: { id: string; blob: string }[];
}

export interface RotateResult {
  vaultId: string;
  keyId: string;
  keySlotsVersion: number;
  cursor: number;
  results: { id: string; version: number; seq: number }[];
}

/** A client-reported audit event (the server accepts exactly these shapes). */
export type ClientAuditEvent =
  | { kind: 'export'; detail: { format: string; entries: number; encrypted: boolean } }
  | { kind: 'backup-created'; detail: { entries: number } }
  | { kind: 'recovery-kit-created'; detail: { shares: number; threshold: number } }
  | { kind: 'recovery-key-used' };

function expect<T>(status: number) {
  return async (r: { status: number; json(): Promise<unknown> }): Promise<T> => {
    if (r.status !== status) throw new Error('unexpected status');
    return status === 204 ? (undefined as T) : ((await r.json()) as T);
  };
}

/** The routes, as methods returning ApiResult (never throwing). */
export function accountRoutes(client: RouteClient, call: Call) {
  const pairing = client.v1.pairing.requests;
  return {
    /** GET /v1/account */
    getAccount: () => call(() => client.v1.account.$get(), expect<WireAccount>(200)),
    /** PATCH /v1/account: session lifetime, 1–365 days. */
    setSessionDays: (sessionDays: number) =>
      call(() => client.v1.account.$patch({ json: { sessionDays } }), expect<WireAccount>(200)),
    /** GET /v1/devices */
    listDevices: () => call(() => client.v1.devices.$get(), expect<WireDevice[]>(200)),
    /** PATCH /v1/devices/:id */
    renameDevice: (id: string, name: string) =>
      call(() => client.v1.devices[':id'].$patch({ param: { id }, json: { name } }), expect<WireDevice>(200)),
    /** DELETE /v1/devices/:id: the device is signed out at its next request. */
    revokeDevice: (id: string) =>
      call(() => client.v1.devices[':id'].$delete({ param: { id } }), expect<undefined>(204)),
    /** GET /v1/audit, newest first; pass the previous page's cursor as `before`. */
    audit: (before: number | null, limit = 50) =>
      call(
        () =>
          client.v1.audit.$get({
            query: { limit: String(limit), ...(before !== null ? { before: String(before) } : {}) },
          }),
        expect<AuditPage>(200),
      ),
    /** POST /v1/audit/events */
    reportEvent: (event: ClientAuditEvent) =>
      call(() => client.v1.audit.events.$post({ json: event }), expect<undefined>(204)),
    /** POST /v1/pairing/requests (new device) */
    createPairing: (publicKey: string) =>
      call(
        () => pairing.$post({ json: { publicKey } }),
        expect<{ id: string; createdAt: string; expiresAt: string }>(201),
      ),
    /** GET /v1/pairing/requests (approving devices) */
    listPairings: () => call(() => pairing.$get(), expect<{ requests: WirePairingRequest[] }>(200)),
    /** POST /v1/pairing/requests/:id/answer */
    answerPairing: (id: string, answer: { decision: 'approve'; transfer: string } | { decision: 'deny' }) =>
      call(() => pairing[':id'].answer.$post({ param: { id }, json: answer }), expect<undefined>(204)),
    /** GET /v1/pairing/requests/:id?wait= (new device; the answer is delivered once) */
    pollPairing: (id: string, waitSeconds: number) =>
      call(
        () => pairing[':id'].$get({ param: { id }, query: { wait: String(waitSeconds) } }),
        expect<PairingPoll>(200),
      ),
    /** DELETE /v1/pairing/requests/:id (new device withdraws) */
    cancelPairing: (id: string) =>
      call(() => pairing[':id'].$delete({ param: { id } }), expect<undefined>(204)),
    /** POST /v1/vault/rotate: every live record and slot under the new key, in one transaction. */
    rotate: (body: RotateBody) =>
      call(() => client.v1.vault.rotate.$post({ json: body }), expect<RotateResult>(200)),
  };
}
