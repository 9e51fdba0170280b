/**
 * Vault key rotation: every live record re-encrypted and every key slot rewrapped by the client,
 * swapped in by one transaction, after which pushes tagged with the old key id are refused.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { appendAudit } from './audit-log';
import type { VaultHeadCache } from './caches';
import type { Db } from './db/client';
import { records, type Vault, vaults } from './db/schema';
import type { KeySlot } from './sync-store';

/** What the rotating client sends (validated by the route). */
export interface RotationInput {
  accountId: string;
  deviceId: string;
  /** keySlotsVersion the client rewrapped. */
  baseVersion: number;
  /** The vault seq the client re-encrypted up to: every live record at that seq. */
  baseSeq: number;
  keyId: string;
  keySlots: KeySlot[];
  records: { id: string; blob: string }[];
  now: number;
}

export type RotationResult =
  | {
      ok: true;
      vaultId: string;
      keyId: string;
      keySlotsVersion: number;
      cursor: number;
      results: { id: string; version: number; seq: number }[];
    }
  | { ok: false; reason: 'no-vault' }
  | { ok: false; reason: 'slots-changed'; vault: Vault }
  | { ok: false; reason: 'records-changed'; cursor: number }
  | { ok: false; reason: 'same-key-id' }
  | { ok: false; reason: 'incomplete'; missing: number; unknown: number };

/** Applies a rotation atomically, or changes nothing and says why. */
export function rotateVault(db: Db, heads: VaultHeadCache, r: RotationInput): RotationResult {
  heads.delete(r.accountId);
  return db.transaction(
    (tx): RotationResult => {
      const v = tx.select().from(vaults).where(eq(vaults.accountId, r.accountId)).get();
      if (!v) return { ok: false, reason: 'no-vault' };
      if (v.keySlotsVersion !== r.baseVersion) return { ok: false, reason: 'slots-changed', vault: v };
      // Another device wrote after the client's last pull: its record would stay under the old key.
      if (v.seq !== r.baseSeq) return { ok: false, reason: 'records-changed', cursor: v.seq };
      if (v.keyId === r.keyId) return { ok: false, reason: 'same-key-id' };
      const live = tx
        .select({ id: records.id, version: records.version })
        .from(records)
        .where(and(eq(records.vaultId, v.id), isNotNull(records.blob)))
        .all();
      const versions = new Map(live.map((x) => [x.id, x.version]));
      const unknown = r.records.filter((x) => !versions.has(x.id)).length;
      const missing = live.length - (r.records.length - unknown);
      if (unknown > 0 || missing > 0) return { ok: false, reason: 'incomplete', missing, unknown };

      const rewrite = tx
        .update(records)
        .set({
          blob: sql`${sql.placeholder('blob')}`,
          version: sql`${sql.placeholder('version')}`,
          seq: sql`${sql.placeholder('seq')}`,
          updatedAt: r.now,
        })
        .where(and(eq(records.vaultId, v.id), eq(records.id, sql.placeholder('id'))))
        .prepare();
      let seq = v.seq;
      const results = r.records.map(({ id, blob }) => {
        seq += 1;
        const version = (versions.get(id) ?? 0) + 1;
        rewrite.run({ blob, version, seq, id });
        return { id, version, seq };
      });
      const keySlotsVersion = v.keySlotsVersion + 1;
      tx.update(vaults)
        .set({ keySlots: JSON.stringify(r.keySlots), keySlotsVersion, keyId: r.keyId, seq })
        .where(eq(vaults.id, v.id))
        .run();
      appendAudit(tx, r.now, {
        accountId: r.accountId,
        deviceId: r.deviceId,
        type: 'vault-key-rotated',
        detail: {
          fromKeyId: v.keyId,
          toKeyId: r.keyId,
          records: results.length,
          keySlotsVersion,
          slots: r.keySlots.map(({ id, kind }) => ({ id, kind })),
        },
      });
      return { ok: true, vaultId: v.id, keyId: r.keyId, keySlotsVersion, cursor: seq, results };
    },
    { behavior: 'immediate' },
  );
}
