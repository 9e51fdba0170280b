/**
 * Bringing server copies into the local cache (ARCHITECTURE.md "Sync"): a clean record takes the
 * server's copy; a record with unpushed local edits is three-way merged against its base (the last
 * server copy) with crypto-core's mergeRecords, so nothing typed on either side is lost.
 */
import { isWardError } from '../../crypto-core/errors';
import { CONFLICT_TAG, mergeRecords } from '../../crypto-core/merge';
import { openRecord, sealRecord, type VaultKeys, type VaultRecord } from '../../crypto-core/vault';
import type { CachedRecord } from '../vault/items';
import type { PushChange } from './api';
import type { SyncCache } from './ports';

/** What merging needs besides the cache; `keys` null while the vault is locked. */
export interface MergeEnv {
  keys: VaultKeys | null;
  deviceId: string;
  now: number;
  newId: () => string;
}

/** One record as the server holds it (blob null: a tombstone). */
export interface RemoteCopy {
  id: string;
  version: number;
  blob: string | null;
}

/** A deletion (still in its undo window, or a bare tombstone). */
export function isDeleted(r: CachedRecord): boolean {
  return r.deletedAt !== undefined || r.blob === null;
}

/** The change a dirty record asks the server for, or null when there is nothing to send. */
export function changeFor(id: string, r: CachedRecord): PushChange | null {
  if (!r.dirty) return null;
  const deleted = isDeleted(r);
  // Created and deleted before it ever reached the server: nothing to tell it.
  if (deleted && r.version === null) return null;
  return { id, baseVersion: r.version ?? 0, blob: deleted ? null : r.blob };
}

/** Local changes waiting for the server. */
export function pendingChanges(cache: SyncCache): PushChange[] {
  const out: PushChange[] = [];
  for (const [id, r] of Object.entries(cache.records)) {
    const change = changeFor(id, r);
    if (change) out.push(change);
  }
  return out;
}

async function tryOpen(keys: VaultKeys, id: string, blob: string): Promise<VaultRecord | null> {
  try {
    return await openRecord(keys, id, blob);
  } catch (e) {
    if (isWardError(e)) return null;
    throw e;
  }
}

function takeRemote(cache: SyncCache, remote: RemoteCopy): void {
  const { id } = remote;
  if (remote.blob === null) {
    delete cache.records[id];
    delete cache.bases[id];
    return;
  }
  cache.records[id] = { blob: remote.blob, version: remote.version, dirty: false };
  cache.bases[id] = remote.blob;
}

/** The local side as a new entry tagged "conflicted copy", so the user sees both and chooses. */
async function keepAsCopy(cache: SyncCache, local: VaultRecord, env: MergeEnv, keys: VaultKeys) {
  const copy: VaultRecord = {
    ...local,
    id: env.newId(),
    rev: local.rev + 1,
    updatedAt: Math.max(local.updatedAt, env.now),
    deviceId: env.deviceId,
    tags: [...new Set([...(local.tags ?? []), CONFLICT_TAG])],
  };
  cache.records[copy.id] = { blob: await sealRecord(keys, copy), version: null, dirty: true };
}

/**
 * Reconciles a dirty local record with the server's copy. While locked nothing can be opened: the
 * record stays dirty, and the push's conflict answer brings the server copy back after unlock.
 */
export async function mergeDirty(
  cache: SyncCache,
  local: CachedRecord,
  remote: RemoteCopy,
  env: MergeEnv,
): Promise<void> {
  const { id } = remote;
  if (!env.keys) return;
  const keys = env.keys;
  const localDeleted = isDeleted(local);
  const localRec = localDeleted ? null : await tryOpen(keys, id, local.blob as string);
  // Our own unpushed copy does not open under this session's key (should not happen: this device
  // sealed it). Never overwrite what cannot be read: leave it for a later session.
  if (!localDeleted && localRec === null) return;

  let remoteRec: VaultRecord | null = null;
  if (remote.blob !== null) {
    remoteRec = await tryOpen(keys, id, remote.blob);
    if (remoteRec === null) {
      // The server copy is sealed under a key this device lacks (or damaged): keep it as ciphertext
      // under its id for a device that can read it, and our edit as a visible copy.
      cache.records[id] = { blob: remote.blob, version: remote.version, dirty: false };
      cache.bases[id] = remote.blob;
      if (localRec) await keepAsCopy(cache, localRec, env, keys);
      return;
    }
  }

  const baseBlob = cache.bases[id];
  const base = baseBlob === undefined ? null : await tryOpen(keys, id, baseBlob);
  const { merged, conflictedCopy } = mergeRecords(base, localRec, remoteRec, {
    newId: env.newId,
    deviceId: env.deviceId,
    now: env.now,
  });
  if (conflictedCopy) {
    cache.records[conflictedCopy.id] = {
      blob: await sealRecord(keys, conflictedCopy),
      version: null,
      dirty: true,
    };
  }

  if (merged === null) {
    if (remote.blob === null) {
      // Deleted on both sides: a clean tombstone (its blob stays for the undo window).
      cache.records[id] = {
        ...local,
        version: remote.version,
        dirty: false,
        deletedAt: local.deletedAt ?? env.now,
      };
      delete cache.bases[id];
    } else {
      // Our delete against a copy nobody edited since: push the delete at the server's version.
      cache.records[id] = {
        ...local,
        version: remote.version,
        dirty: true,
        deletedAt: local.deletedAt ?? env.now,
      };
      cache.bases[id] = remote.blob;
    }
    return;
  }
  if (merged === remoteRec && remote.blob !== null) {
    takeRemote(cache, remote);
    return;
  }
  const blob = merged === localRec && local.blob !== null ? local.blob : await sealRecord(keys, merged);
  cache.records[id] = { blob, version: remote.version, dirty: true };
  if (remote.blob === null) delete cache.bases[id];
  else cache.bases[id] = remote.blob;
}

/**
 * Applies one pulled change. Returns false when it was our own echo or older than what we hold.
 * `restored` (the server lost history: cursor-ahead): a clean local copy newer than the server's is
 * pushed back instead of being replaced.
 */
export async function applyPulled(
  cache: SyncCache,
  remote: RemoteCopy,
  env: MergeEnv,
  restored = false,
): Promise<boolean> {
  const local = cache.records[remote.id];
  if (!local) {
    if (remote.blob !== null) takeRemote(cache, remote);
    return remote.blob !== null;
  }
  // The same bytes: our own write coming back (perhaps acknowledged before a crash lost the answer).
  const sameBytes = remote.blob !== null && remote.blob === local.blob && local.deletedAt === undefined;
  if (sameBytes || (remote.blob === null && isDeleted(local) && local.version === null)) {
    cache.records[remote.id] = { ...local, version: remote.version, dirty: false };
    if (remote.blob === null) delete cache.bases[remote.id];
    else cache.bases[remote.id] = remote.blob;
    return false;
  }
  if (local.version !== null && remote.version <= local.version) {
    if (restored && remote.version < local.version && !local.dirty) {
      cache.records[remote.id] = { ...local, version: remote.version, dirty: true };
    }
    return false;
  }
  if (!local.dirty) {
    takeRemote(cache, remote);
    return true;
  }
  await mergeDirty(cache, local, remote, env);
  return true;
}

/**
 * A push answered "conflict": the server holds `current` (null: nothing under that id, e.g. a
 * purged tombstone). Merge with it; the next push round sends the result at its version.
 */
export async function applyConflict(
  cache: SyncCache,
  id: string,
  current: RemoteCopy | null,
  env: MergeEnv,
): Promise<void> {
  const local = cache.records[id];
  if (!local?.dirty) return;
  if (current === null) {
    if (isDeleted(local)) cache.records[id] = { ...local, version: null, dirty: false };
    else cache.records[id] = { ...local, version: null };
    delete cache.bases[id];
    return;
  }
  if (current.blob !== null && current.blob === local.blob) {
    cache.records[id] = { ...local, version: current.version, dirty: false };
    cache.bases[id] = current.blob;
    return;
  }
  await mergeDirty(cache, local, current, env);
}

/**
 * The server applied `change` at `version`. If the user edited the record again meanwhile, it stays
 * dirty (now based on what was just pushed).
 */
export function applyAcknowledged(cache: SyncCache, change: PushChange, version: number): void {
  const local = cache.records[change.id];
  if (change.blob === null) delete cache.bases[change.id];
  else cache.bases[change.id] = change.blob;
  if (!local) return;
  const unchanged = change.blob === null ? isDeleted(local) : !isDeleted(local) && local.blob === change.blob;
  cache.records[change.id] = { ...local, version, dirty: local.dirty && !unchanged };
}

/**
 * Drops deletions whose undo window is over and that the server needs no word about: clean
 * tombstones (the server keeps its own) and records deleted before they were ever pushed.
 */
export function pruneTombstones(cache: SyncCache, now: number, undoMs: number): void {
  for (const [id, r] of Object.entries(cache.records)) {
    const settled = !r.dirty || r.version === null;
    if (settled && isDeleted(r) && now - (r.deletedAt ?? 0) > undoMs) {
      delete cache.records[id];
      delete cache.bases[id];
    }
  }
}
