/**
 * Storage of new-device approval requests: create, list, answer, and take the result once. Every
 * step runs in one synchronous transaction with its audit event, so a result is delivered once.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull, lte, ne } from 'drizzle-orm';
import { appendAudit } from './audit-log';
import type { Db } from './db/client';
import { devices, type PairingRequest, pairingRequests } from './db/schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Who acts, from where, and when. */
export interface Actor {
  accountId: string;
  deviceId: string;
  ip: string | null;
  now: number;
}

/** A pending request as the other devices of the account see it. */
export interface PendingView {
  id: string;
  deviceId: string;
  deviceName: string;
  publicKey: string;
  createdAt: number;
  expiresAt: number;
}

export type AnswerOutcome = 'answered' | 'not-found' | 'expired' | 'own-request' | 'already-answered';

export type TakeOutcome =
  | { status: 'not-found' | 'expired' }
  | { status: 'pending'; expiresAt: number }
  | {
      status: 'approved' | 'denied';
      transfer: string | null;
      answeredBy: { deviceId: string; name: string | null };
    };

function expire(tx: Tx, row: PairingRequest, now: number): void {
  tx.delete(pairingRequests).where(eq(pairingRequests.id, row.id)).run();
  appendAudit(tx, now, {
    accountId: row.accountId,
    deviceId: row.deviceId,
    type: 'pairing-expired',
    detail: { requestId: row.id, status: row.status },
  });
}

/**
 * Deletes every request of a device that is leaving (revoked, signed out, or starting a new
 * request), with a `pairing-cancelled` event each. Call inside the caller's transaction.
 */
export function cancelDeviceRequests(
  tx: Tx,
  accountId: string,
  deviceId: string,
  now: number,
  reason: string,
) {
  const rows = tx.select().from(pairingRequests).where(eq(pairingRequests.deviceId, deviceId)).all();
  for (const row of rows) {
    tx.delete(pairingRequests).where(eq(pairingRequests.id, row.id)).run();
    appendAudit(tx, now, {
      accountId,
      deviceId,
      type: 'pairing-cancelled',
      detail: { requestId: row.id, reason },
    });
  }
}

/** Deletes expired requests (and any transfer they hold) with a `pairing-expired` event each. */
export function purgeExpiredPairings(db: Db, now: number): number {
  return db.transaction(
    (tx) => {
      const rows = tx.select().from(pairingRequests).where(lte(pairingRequests.expiresAt, now)).all();
      for (const row of rows) expire(tx, row, now);
      return rows.length;
    },
    { behavior: 'immediate' },
  );
}

/** Prepared queries over one database; everything the pairing routes read or write. */
export function createPairingStore(db: Db) {
  const inTx = <T>(fn: (tx: Tx) => T): T => db.transaction(fn, { behavior: 'immediate' });
  const mine = (tx: Tx, accountId: string, id: string) =>
    tx
      .select()
      .from(pairingRequests)
      .where(and(eq(pairingRequests.id, id), eq(pairingRequests.accountId, accountId)))
      .get();

  return {
    /**
     * Opens a request for the caller's device, replacing any earlier one of that device. Returns
     * undefined when the account already has `maxPending` live requests from other devices.
     */
    create(a: Actor, publicKey: string, ttlMs: number, maxPending: number): PairingRequest | undefined {
      return inTx((tx) => {
        cancelDeviceRequests(tx, a.accountId, a.deviceId, a.now, 'superseded');
        const pending = tx
          .select({ id: pairingRequests.id })
          .from(pairingRequests)
          .where(and(eq(pairingRequests.accountId, a.accountId), gt(pairingRequests.expiresAt, a.now)))
          .all();
        if (pending.length >= maxPending) return undefined;
        const row: PairingRequest = {
          id: randomUUID(),
          accountId: a.accountId,
          deviceId: a.deviceId,
          publicKey,
          status: 'pending',
          transfer: null,
          answeredBy: null,
          createdAt: a.now,
          expiresAt: a.now + ttlMs,
        };
        tx.insert(pairingRequests).values(row).run();
        appendAudit(tx, a.now, {
          accountId: a.accountId,
          deviceId: a.deviceId,
          ip: a.ip,
          type: 'pairing-requested',
          detail: { requestId: row.id },
        });
        return row;
      });
    },

    /** Live, unanswered requests of the account from devices other than the caller's, oldest first. */
    pending(accountId: string, callerDeviceId: string, now: number): PendingView[] {
      return db
        .select({
          id: pairingRequests.id,
          deviceId: pairingRequests.deviceId,
          deviceName: devices.name,
          publicKey: pairingRequests.publicKey,
          createdAt: pairingRequests.createdAt,
          expiresAt: pairingRequests.expiresAt,
        })
        .from(pairingRequests)
        .innerJoin(devices, eq(devices.id, pairingRequests.deviceId))
        .where(
          and(
            eq(pairingRequests.accountId, accountId),
            eq(pairingRequests.status, 'pending'),
            gt(pairingRequests.expiresAt, now),
            ne(pairingRequests.deviceId, callerDeviceId),
            isNull(devices.revokedAt),
          ),
        )
        .orderBy(asc(pairingRequests.createdAt))
        .all();
    },

    /** Records an approval (with the sealed transfer) or a denial by another device of the account. */
    answer(a: Actor, id: string, transfer: string | null): AnswerOutcome {
      return inTx((tx) => {
        const row = mine(tx, a.accountId, id);
        if (!row) return 'not-found';
        if (row.expiresAt <= a.now) {
          expire(tx, row, a.now);
          return 'expired';
        }
        if (row.deviceId === a.deviceId) return 'own-request';
        if (row.status !== 'pending') return 'already-answered';
        const status = transfer === null ? 'denied' : 'approved';
        tx.update(pairingRequests)
          .set({ status, transfer, answeredBy: a.deviceId })
          .where(eq(pairingRequests.id, id))
          .run();
        appendAudit(tx, a.now, {
          accountId: a.accountId,
          deviceId: a.deviceId,
          ip: a.ip,
          type: status === 'approved' ? 'pairing-approved' : 'pairing-denied',
          detail: { requestId: id, requestDeviceId: row.deviceId },
        });
        return 'answered';
      });
    },

    /**
     * The result for the requesting device: still pending, or the answer, delivered once (the row
     * and its transfer are deleted in the same transaction). Other devices get not-found.
     */
    take(a: Actor, id: string): TakeOutcome {
      return inTx((tx) => {
        const row = mine(tx, a.accountId, id);
        if (!row || row.deviceId !== a.deviceId) return { status: 'not-found' };
        if (row.expiresAt <= a.now) {
          expire(tx, row, a.now);
          return { status: 'expired' };
        }
        if (row.status === 'pending') return { status: 'pending', expiresAt: row.expiresAt };
        const by = row.answeredBy ?? '';
        const approver = tx.select({ name: devices.name }).from(devices).where(eq(devices.id, by)).get();
        tx.delete(pairingRequests).where(eq(pairingRequests.id, id)).run();
        appendAudit(tx, a.now, {
          accountId: a.accountId,
          deviceId: a.deviceId,
          ip: a.ip,
          type: 'pairing-delivered',
          detail: { requestId: id, status: row.status },
        });
        return {
          status: row.status,
          transfer: row.transfer,
          answeredBy: { deviceId: by, name: approver?.name ?? null },
        };
      });
    },

    /** Withdraws the caller's own request. False when there is none with this id. */
    cancel(a: Actor, id: string): boolean {
      return inTx((tx) => {
        const row = mine(tx, a.accountId, id);
        if (!row || row.deviceId !== a.deviceId) return false;
        tx.delete(pairingRequests).where(eq(pairingRequests.id, id)).run();
        appendAudit(tx, a.now, {
          accountId: a.accountId,
          deviceId: a.deviceId,
          ip: a.ip,
          type: 'pairing-cancelled',
          detail: { requestId: id, reason: 'withdrawn' },
        });
        return true;
      });
    },
  };
}

export type PairingStore = ReturnType<typeof createPairingStore>;
