/**
 * The local cache: sealed records in storage.local, opened into memory only in the service worker
 * while unlocked. Writes are serialised (one read-modify-write of the records map at a time) and
 * mark records dirty for the sync engine.
 */
import { openRecord, sealRecord, type VaultKeys, type VaultRecord } from '../../crypto-core/vault';
import { type CachedRecord, recordsItem } from './items';
import { VaultError } from './vault-error';

/** How long a deleted record's ciphertext is kept so "Undo" can bring it back. */
export const UNDO_MS = 10_000;

let memory: { vaultId: string; records: Map<string, VaultRecord>; unreadable: number } | null = null;
let queue: Promise<unknown> = Promise.resolve();
/** Bumped by every lock, so an open that was in flight when the vault locked is not kept. */
let epoch = 0;
/** Bumped by every sync write, so an open that read the records before it is not kept either. */
let generation = 0;
let onLocalWrite: (() => void) | null = null;

/** Called after every local edit (the sync engine pushes soon after). */
export function setLocalWriteListener(listener: (() => void) | null): void {
  onLocalWrite = listener;
}

function serial<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * The sync engine's write: runs `job` in the same queue as local edits (so neither overwrites the
 * other), then drops the opened copies so the next read reopens what sync stored.
 */
export function syncWrite<T>(job: () => Promise<T>): Promise<T> {
  return serial(async () => {
    try {
      return await job();
    } finally {
      generation++;
      if (memory) for (const r of memory.records.values()) r.secret = '';
      memory = null;
    }
  });
}

function localWrite(): void {
  try {
    onLocalWrite?.();
  } catch {
    // a sync scheduling failure never fails the edit
  }
}

/** Every live record, opened (once per unlock; later calls use memory). */
export async function openAll(keys: VaultKeys): Promise<Map<string, VaultRecord>> {
  if (memory?.vaultId === keys.vaultId) return memory.records;
  const started = epoch;
  const gen = generation;
  const stored = await recordsItem.getValue();
  const live = Object.entries(stored).filter(([, r]) => r.blob !== null && r.deletedAt === undefined);
  const opened = await Promise.allSettled(live.map(([id, r]) => openRecord(keys, id, r.blob as string)));
  const records = new Map<string, VaultRecord>();
  let unreadable = 0;
  for (const r of opened) {
    if (r.status === 'fulfilled') records.set(r.value.id, r.value);
    else unreadable++;
  }
  // One damaged record must not hide the others; it stays in storage untouched for sync to repair.
  if (unreadable) console.warn(`Ward: ${unreadable} record(s) could not be opened and are hidden.`);
  if (started !== epoch) throw new VaultError('locked', 'The vault was locked: unlock it again.');
  if (gen !== generation) return records;
  memory = { vaultId: keys.vaultId, records, unreadable };
  return memory.records;
}

/** How many stored records failed to open at unlock (damaged or from another key). */
export async function unreadableCount(keys: VaultKeys): Promise<number> {
  await openAll(keys);
  return memory?.unreadable ?? 0;
}

/** On lock: undo is over, so deleted records keep no ciphertext, only their tombstone. */
export function dropDeletedBlobs(): Promise<void> {
  return serial(async () => {
    const stored = await readStored();
    const deleted = Object.values(stored).filter((r) => r.deletedAt !== undefined && r.blob !== null);
    if (!deleted.length) return;
    for (const r of deleted) r.blob = null;
    await recordsItem.setValue(stored);
  });
}

/** Drops every decrypted record from memory (on lock). */
export function forgetAll(): void {
  epoch++;
  if (memory) {
    for (const r of memory.records.values()) r.secret = '';
    memory.records.clear();
  }
  memory = null;
}

/** A private copy of the stored map: WXT hands out its shared fallback object when the key is absent. */
async function readStored(): Promise<Record<string, CachedRecord>> {
  const stored = await recordsItem.getValue();
  return Object.fromEntries(Object.entries(stored).map(([id, r]) => [id, { ...r }]));
}

/** The merge base an edit of `cur` keeps: its own if already edited, else the clean server copy. */
function baseOf(cur: CachedRecord | undefined): { base?: string } {
  if (cur?.base !== undefined) return { base: cur.base };
  const clean = cur && !cur.dirty && cur.version !== null && cur.deletedAt === undefined;
  if (clean && cur.blob !== null) return { base: cur.blob };
  return {};
}

function purgeExpired(stored: Record<string, CachedRecord>, now: number): void {
  for (const r of Object.values(stored)) {
    if (r.deletedAt !== undefined && r.blob !== null && now - r.deletedAt > UNDO_MS) r.blob = null;
  }
}

/** Seals and stores records (new or changed), marking them dirty. */
export function putRecords(keys: VaultKeys, records: VaultRecord[]): Promise<void> {
  return serial(async () => {
    const map = await openAll(keys);
    const blobs = await Promise.all(records.map((r) => sealRecord(keys, r)));
    const stored = await readStored();
    purgeExpired(stored, Date.now());
    records.forEach((r, i) => {
      const cur = stored[r.id];
      stored[r.id] = { blob: blobs[i] as string, version: cur?.version ?? null, dirty: true, ...baseOf(cur) };
    });
    await recordsItem.setValue(stored);
    for (const r of records) map.set(r.id, r);
    localWrite();
  });
}

/** Deletes a record, keeping its ciphertext for UNDO_MS. */
export function deleteRecord(keys: VaultKeys, id: string, now = Date.now()): Promise<boolean> {
  return serial(async () => {
    const map = await openAll(keys);
    const stored = await readStored();
    const cur = stored[id];
    if (!cur || cur.blob === null || cur.deletedAt !== undefined) return false;
    purgeExpired(stored, now);
    stored[id] = { ...cur, dirty: true, deletedAt: now, ...baseOf(cur) };
    await recordsItem.setValue(stored);
    map.delete(id);
    localWrite();
    return true;
  });
}

/** Brings back a record deleted less than UNDO_MS ago; null when it is too late. */
export function undeleteRecord(keys: VaultKeys, id: string, now = Date.now()): Promise<VaultRecord | null> {
  return serial(async () => {
    const map = await openAll(keys);
    const stored = await readStored();
    const cur = stored[id];
    if (!cur || cur.blob === null || cur.deletedAt === undefined || now - cur.deletedAt > UNDO_MS)
      return null;
    const record = await openRecord(keys, id, cur.blob);
    stored[id] = { blob: cur.blob, version: cur.version, dirty: true, ...baseOf(cur) };
    await recordsItem.setValue(stored);
    map.set(id, record);
    localWrite();
    return record;
  });
}
