/**
 * Push (sync-server/API.md "POST /v1/vault/records"): every dirty record at its base version, in
 * batches under the server's limits. Applied → clean at the new version; conflict → merged with
 * the server's copy and sent again in the next round.
 */
import { type ApiClient, type PushChange, unwrap } from './api';
import { applyAcknowledged, applyConflict, type MergeEnv, pendingChanges, pruneTombstones } from './apply';
import type { SyncStore } from './ports';

/** sync-server limits: 1,000 changes and 1 MiB of body per push (blobs are most of it). */
export const MAX_CHANGES_PER_PUSH = 1000;
const MAX_BATCH_CHARS = 900_000;
/** Rounds of push → merge → push before giving up until the next sync. */
const MAX_ROUNDS = 4;

/** Splits changes into batches the server accepts. */
export function batches(changes: PushChange[]): PushChange[][] {
  const out: PushChange[][] = [];
  let cur: PushChange[] = [];
  let chars = 0;
  for (const ch of changes) {
    const size = (ch.blob?.length ?? 0) + 100;
    if (cur.length && (cur.length >= MAX_CHANGES_PER_PUSH || chars + size > MAX_BATCH_CHARS)) {
      out.push(cur);
      cur = [];
      chars = 0;
    }
    cur.push(ch);
    chars += size;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Pushes until nothing is dirty (or rounds run out); returns the number still pending. */
export async function pushChanges(
  store: SyncStore,
  api: ApiClient,
  env: MergeEnv,
  undoMs: number,
  keyId?: string,
) {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const changes = await store.transact((cache) => {
      pruneTombstones(cache, env.now, undoMs);
      return pendingChanges(cache);
    });
    if (!changes.length) return 0;
    let conflicts = 0;
    for (const batch of batches(changes)) {
      const { results, cursor } = unwrap(await api.push(batch, keyId));
      const sent = new Map(batch.map((c) => [c.id, c]));
      await store.transact(async (cache) => {
        const seqs: number[] = [];
        for (const r of results) {
          const change = sent.get(r.id);
          if (!change) continue;
          if (r.status === 'applied') {
            applyAcknowledged(cache, change, r.version);
            seqs.push(r.seq);
          } else {
            conflicts++;
            await applyConflict(cache, r.id, r.current, env);
          }
        }
        // Our writes directly follow our cursor: nobody else wrote in between, so no pull is needed.
        seqs.sort((a, b) => a - b);
        const follows = cache.cursor !== null && seqs.every((s, i) => s === (cache.cursor as number) + i + 1);
        if (follows && seqs.length && cursor === (cache.cursor as number) + seqs.length)
          cache.cursor = cursor;
      });
    }
    // Locked: conflicts cannot be merged now; they wait for the next sync after unlock.
    if (conflicts && !env.keys) break;
  }
  return pendingChanges(await store.read()).length;
}
