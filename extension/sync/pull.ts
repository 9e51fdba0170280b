/**
 * Pull (sync-server/API.md "GET /v1/vault/changes"): page from the cursor until !hasMore, saving
 * the cursor with each page. A 410 (cursor expired or ahead) or a first sync reads a full snapshot
 * and reconciles by id, so deletions made elsewhere are never brought back.
 */
import { type ApiClient, ApiFailed, unwrap, type WireRecord } from './api';
import { applyPulled, isDeleted, type MergeEnv } from './apply';
import type { SyncStore } from './ports';

export const PAGE_SIZE = 500;

/** Why a full snapshot is read: first sync of this cache, tombstones purged, or server restored. */
export type ResyncMode = 'initial' | 'expired' | 'ahead';

/** Every record and kept tombstone, paged with full=1, and the cursor to continue from. */
export async function fetchSnapshot(api: ApiClient, pageSize = PAGE_SIZE) {
  const changes: WireRecord[] = [];
  let since = 0;
  for (;;) {
    const page = unwrap(await api.pull(since, pageSize, true));
    changes.push(...page.changes);
    since = page.cursor;
    if (!page.hasMore) return { changes, cursor: since };
  }
}

/**
 * Applies a snapshot and settles every local record it did not contain. Clean ones were deleted
 * elsewhere (tombstone purged) and go, except after a server restore ('ahead'), when the server
 * lost them and they are pushed back. Dirty ones are pushed as new: edits beat deletes.
 */
export async function fullResync(store: SyncStore, api: ApiClient, env: MergeEnv, mode: ResyncMode) {
  const snapshot = await fetchSnapshot(api);
  await store.transact(async (cache) => {
    const seen = new Set<string>();
    for (const ch of snapshot.changes) {
      seen.add(ch.id);
      await applyPulled(cache, ch, env, mode === 'ahead');
    }
    for (const [id, r] of Object.entries(cache.records)) {
      if (seen.has(id) || r.version === null) continue;
      if (r.dirty) {
        cache.records[id] = { ...r, version: null };
      } else if (mode === 'ahead' && !isDeleted(r)) {
        cache.records[id] = { ...r, version: null, dirty: true };
      } else {
        delete cache.records[id];
      }
      delete cache.bases[id];
    }
    cache.cursor = snapshot.cursor;
  });
}

/** Pulls everything after the stored cursor; returns how many records changed here. */
export async function pullChanges(store: SyncStore, api: ApiClient, env: MergeEnv, pageSize = PAGE_SIZE) {
  let cursor = (await store.read()).cursor;
  if (cursor === null) {
    await fullResync(store, api, env, 'initial');
    return;
  }
  for (;;) {
    const page = await api.pull(cursor, pageSize, false);
    if (!page.ok) {
      if (page.failure.kind !== 'gone') throw new ApiFailed(page.failure);
      await fullResync(store, api, env, page.failure.code === 'cursor-ahead' ? 'ahead' : 'expired');
      return;
    }
    const { changes, cursor: next, hasMore } = page.value;
    await store.transact(async (cache) => {
      for (const ch of changes) await applyPulled(cache, ch, env);
      cache.cursor = next;
    });
    cursor = next;
    if (!hasMore) return;
  }
}
