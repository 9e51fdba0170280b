/** Vault storage: key slots with optimistic versions, and the per-vault change log (seq) of records. */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { appendAudit } from './audit-log';
import type { VaultHead, VaultHeadCache } from './caches';
import type { Db } from './db/client';
import { type RecordRow, records, type Vault, vaults } from './db/schema';

/** An opaque key slot as the client sent it. */
export interface KeySlot {
  id: string;
  kind: string;
  data: string;
}

/** One record change in a push; `blob: null` deletes (leaves a tombstone). */
export interface Change {
  id: string;
  baseVersion: number;
  blob: string | null;
}

/** A record as clients see it. */
export interface RecordView {
  id: string;
  version: number;
  seq: number;
  blob: string | null;
  updatedAt: string;
}

export type PushResult =
  | { id: string; status: 'applied'; version: number; seq: number }
  | { id: string; status: 'conflict'; current: RecordView | null };

/** Raised inside a transaction when the client's key generation is not the vault's: nothing is written. */
export class KeyRotated extends Error {
  override name = 'KeyRotated';
  constructor(readonly current: string) {
    super('the vault key was rotated');
  }
}

/** Raised inside the push transaction to roll the whole batch back. */
export class QuotaExceeded extends Error {
  override name = 'QuotaExceeded';
}

function view(r: Pick<RecordRow, 'id' | 'version' | 'seq' | 'blob' | 'updatedAt'>): RecordView {
  return {
    id: r.id,
    version: r.version,
    seq: r.seq,
    blob: r.blob,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** Prepared statements over one database; everything the vault routes read or write. */
export function createSyncStore(db: Db, heads: VaultHeadCache) {
  const vaultOf = db
    .select()
    .from(vaults)
    .where(eq(vaults.accountId, sql.placeholder('accountId')))
    .prepare();
  // The hot path reads only the counters: key slots may be tens of KiB and are not needed here.
  const headOf = db
    .select({ id: vaults.id, seq: vaults.seq, purgedSeq: vaults.purgedSeq })
    .from(vaults)
    .where(eq(vaults.accountId, sql.placeholder('accountId')))
    .prepare();
  const page = db
    .select({
      id: records.id,
      version: records.version,
      seq: records.seq,
      blob: records.blob,
      updatedAt: records.updatedAt,
    })
    .from(records)
    .where(and(eq(records.vaultId, sql.placeholder('vaultId')), gt(records.seq, sql.placeholder('since'))))
    .orderBy(asc(records.seq))
    .limit(sql.placeholder('limit'))
    .prepare();
  const recordOf = db
    .select()
    .from(records)
    .where(and(eq(records.vaultId, sql.placeholder('vaultId')), eq(records.id, sql.placeholder('id'))))
    .prepare();
  const upsert = db
    .insert(records)
    .values({
      vaultId: sql.placeholder('vaultId'),
      id: sql.placeholder('id'),
      version: sql.placeholder('version'),
      seq: sql.placeholder('seq'),
      blob: sql.placeholder('blob'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .onConflictDoUpdate({
      target: [records.vaultId, records.id],
      set: {
        version: sql`excluded.version`,
        seq: sql`excluded.seq`,
        blob: sql`excluded.blob`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .prepare();

  return {
    /** The account's vault, if created. */
    vault(accountId: string): Vault | undefined {
      return vaultOf.get({ accountId });
    },

    /** The account's vault id and change counters, if created (cached: read on every pull). */
    head(accountId: string): VaultHead | undefined {
      let head = heads.get(accountId);
      if (!head) {
        head = headOf.get({ accountId });
        if (head) heads.set(accountId, head);
      }
      return head;
    },

    /**
     * Up to `limit` changes after `since`, in seq order, and whether more follow. On the last page
     * the cursor is the vault's seq (`headSeq`, read in the same synchronous step), not the last
     * row's: the seqs above that row belonged to superseded or purged rows, and a cursor left below
     * a purged tombstone would draw a 410 on the next pull.
     */
    changes(vaultId: string, since: number, limit: number, headSeq: number) {
      const rows = page.all({ vaultId, since, limit: limit + 1 });
      const hasMore = rows.length > limit;
      const changes = (hasMore ? rows.slice(0, limit) : rows).map(view);
      const cursor = hasMore ? (changes.at(-1)?.seq ?? since) : Math.max(since, headSeq);
      return { changes, cursor, hasMore };
    },

    /**
     * Creates the vault (baseVersion 0) or replaces its key slots when `baseVersion` matches,
     * with the audit event, in one transaction. Returns the vault as it stands afterwards.
     */
    putKeySlots(
      accountId: string,
      deviceId: string,
      baseVersion: number,
      keySlots: KeySlot[],
      now: number,
      requestedVaultId: string | undefined,
      keyId?: string,
    ): { ok: boolean; vault: Vault | undefined; idTaken?: boolean } {
      heads.delete(accountId);
      return db.transaction(
        (tx) => {
          const current = vaultOf.get({ accountId });
          if (!current) {
            if (baseVersion !== 0) return { ok: false, vault: undefined };
            if (requestedVaultId && tx.select().from(vaults).where(eq(vaults.id, requestedVaultId)).get()) {
              return { ok: false, vault: undefined, idTaken: true };
            }
            const created: Vault = {
              id: requestedVaultId ?? randomUUID(),
              accountId,
              keySlots: JSON.stringify(keySlots),
              keySlotsVersion: 1,
              seq: 0,
              purgedSeq: 0,
              liveRecords: 0,
              keyId: keyId ?? null,
              createdAt: now,
            };
            tx.insert(vaults).values(created).run();
            const slots = keySlots.map(({ id, kind }) => ({ id, kind }));
            appendAudit(tx, now, {
              accountId,
              deviceId,
              type: 'vault-created',
              detail: { vaultId: created.id, slots },
            });
            return { ok: true, vault: created };
          }
          // Slots wrapping a key the vault no longer uses would lock out whoever relies on them.
          if (keyId !== undefined && current.keyId !== null && keyId !== current.keyId) {
            throw new KeyRotated(current.keyId);
          }
          if (current.keySlotsVersion !== baseVersion) return { ok: false, vault: current };
          const keySlotsVersion = current.keySlotsVersion + 1;
          const json = JSON.stringify(keySlots);
          // A vault created before key ids were declared adopts the first one a client declares.
          const declared = current.keyId ?? keyId ?? null;
          tx.update(vaults)
            .set({ keySlots: json, keySlotsVersion, keyId: declared })
            .where(eq(vaults.id, current.id))
            .run();
          appendAudit(tx, now, {
            accountId,
            deviceId,
            type: 'key-slots-changed',
            detail: {
              version: keySlotsVersion,
              ...slotDiff(JSON.parse(current.keySlots) as KeySlot[], keySlots),
            },
          });
          return { ok: true, vault: { ...current, keySlots: json, keySlotsVersion, keyId: declared } };
        },
        { behavior: 'immediate' },
      );
    },

    /**
     * Applies a batch in one transaction: each change only if its baseVersion is the stored version
     * (0 = not stored yet), each applied change taking the vault's next seq. Throws QuotaExceeded
     * (nothing applied) if the vault would hold more than `maxLive` live records, and KeyRotated
     * when the vault has a declared key id and the push carries another one or none.
     */
    push(
      accountId: string,
      vaultId: string,
      changes: Change[],
      now: number,
      maxLive: number,
      keyId?: string,
    ) {
      // Synchronous from here to the commit: no pull can read the stale entry in between.
      heads.delete(accountId);
      return db.transaction(
        (tx) => {
          const v = tx.select().from(vaults).where(eq(vaults.id, vaultId)).get();
          if (!v) throw new Error('vault vanished during push');
          if (v.keyId !== null && keyId !== v.keyId) throw new KeyRotated(v.keyId);
          let seq = v.seq;
          let live = v.liveRecords;
          const results: PushResult[] = [];
          for (const ch of changes) {
            const existing = recordOf.get({ vaultId, id: ch.id });
            if ((existing?.version ?? 0) !== ch.baseVersion) {
              results.push({ id: ch.id, status: 'conflict', current: existing ? view(existing) : null });
              continue;
            }
            seq += 1;
            const version = (existing?.version ?? 0) + 1;
            live += (ch.blob !== null ? 1 : 0) - (existing && existing.blob !== null ? 1 : 0);
            upsert.run({ vaultId, id: ch.id, version, seq, blob: ch.blob, updatedAt: now });
            results.push({ id: ch.id, status: 'applied', version, seq });
          }
          if (live > maxLive && live > v.liveRecords) throw new QuotaExceeded();
          tx.update(vaults).set({ seq, liveRecords: live }).where(eq(vaults.id, vaultId)).run();
          return { results, cursor: seq };
        },
        { behavior: 'immediate' },
      );
    },
  };
}

export type SyncStore = ReturnType<typeof createSyncStore>;

function slotDiff(before: KeySlot[], after: KeySlot[]) {
  const old = new Map(before.map((s) => [s.id, s]));
  const now = new Map(after.map((s) => [s.id, s]));
  const meta = (s: KeySlot) => ({ id: s.id, kind: s.kind });
  return {
    added: after.filter((s) => !old.has(s.id)).map(meta),
    removed: before.filter((s) => !now.has(s.id)).map(meta),
    replaced: after.filter((s) => old.has(s.id) && old.get(s.id)?.data !== s.data).map(meta),
  };
}
