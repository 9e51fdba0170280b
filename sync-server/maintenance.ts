/** Periodic clean-up: tombstone retention (with the purged-seq watermark), expired sessions, codes and pairings. */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { VaultHeadCache } from './caches';
import type { Db } from './db/client';
import { records, sessions, signInCodes, vaults } from './db/schema';
import { purgeExpiredPairings } from './pairing-store';

export interface PurgeResult {
  tombstones: number;
  sessions: number;
  codes: number;
  pairings: number;
}

/**
 * Deletes tombstones older than `retentionMs`, first raising each vault's `purgedSeq` to the
 * highest seq it deletes (that watermark is how a pull knows a cursor may have missed a
 * deletion: 410). Runs in one transaction so the watermark and the deletion agree, then clears
 * the app's cached vault counters (`heads`, the cache given to createApp), which hold purgedSeq.
 */
export function purgeExpired(db: Db, now: number, retentionMs: number, heads: VaultHeadCache): PurgeResult {
  const cutoff = now - retentionMs;
  const result = db.transaction(
    (tx) => {
      const doomed = tx
        .select({ vaultId: records.vaultId, maxSeq: sql<number>`max(${records.seq})` })
        .from(records)
        .where(and(isNull(records.blob), lt(records.updatedAt, cutoff)))
        .groupBy(records.vaultId)
        .all();
      for (const d of doomed) {
        tx.update(vaults)
          .set({ purgedSeq: sql`max(${vaults.purgedSeq}, ${d.maxSeq})` })
          .where(eq(vaults.id, d.vaultId))
          .run();
      }
      const tombstones = tx
        .delete(records)
        .where(and(isNull(records.blob), lt(records.updatedAt, cutoff)))
        .run().changes;
      const expiredSessions = tx.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
      const codes = tx.delete(signInCodes).where(lt(signInCodes.expiresAt, now)).run().changes;
      return { tombstones, sessions: expiredSessions, codes };
    },
    { behavior: 'immediate' },
  );
  if (result.tombstones > 0) heads.clear();
  // Its own transaction: each expiry is audit-logged, and the sweep above stays one short write.
  return { ...result, pairings: purgeExpiredPairings(db, now) };
}
