/**
 * The SyncStore the service worker uses: the vault's storage.local cache (records, slots, cursor),
 * the sync items, and the unlocked keys in storage.session. Cache writes go through the record
 * store's queue, so a sync never overwrites an edit made while it ran.
 */
import { storage } from 'wxt/utils/storage';
import { newRecordId, type VaultKeys } from '../../crypto-core/vault';
import { type CachedRecord, deviceIdItem, recordsItem, syncCursorItem, vaultMetaItem } from '../vault/items';
import { lockVault, vaultStatus } from '../vault/lock-state';
import { forgetAll, syncWrite } from '../vault/record-store';
import { loadKeys, saveKeys } from '../vault/session';
import type { SyncAccount, SyncCache, SyncStore } from './ports';
import { sessionTokenItem, setAsideItem, syncAccountItem } from './storage-items';

async function readCache(): Promise<SyncCache> {
  const [stored, cursor] = await Promise.all([recordsItem.getValue(), syncCursorItem.getValue()]);
  const cache: SyncCache = { records: {}, bases: {}, cursor: cursor.seq };
  // Bases live inside the records (items.ts `base`), only where they differ from the blob, so a
  // synced vault does not store every ciphertext twice.
  for (const [id, { base, ...r }] of Object.entries(stored)) {
    cache.records[id] = r;
    const clean = !r.dirty && r.version !== null && r.deletedAt === undefined;
    const implicit = clean && r.blob !== null ? r.blob : undefined;
    const b = base ?? implicit;
    if (b !== undefined) cache.bases[id] = b;
  }
  return cache;
}

function writeCache(cache: SyncCache): Promise<void> {
  const records: Record<string, CachedRecord> = {};
  for (const [id, r] of Object.entries(cache.records)) {
    const base = cache.bases[id];
    records[id] = base !== undefined && base !== r.blob ? { ...r, base } : r;
  }
  // One storage.local.set call: records (with their bases) and cursor change together.
  return storage.setItems([
    { item: recordsItem, value: records },
    { item: syncCursorItem, value: { serverUrl: null, seq: cache.cursor } },
  ]);
}

/**
 * The account; with "keep me signed in" off its token is in storage.session only, so after a
 * browser restart it is gone and the device counts as signed out (the local vault stays).
 */
async function readAccount(): Promise<SyncAccount | null> {
  const a = await syncAccountItem.getValue();
  if (a?.persistent !== false) return a;
  const token = await sessionTokenItem.getValue();
  if (token) return { ...a, token };
  await syncAccountItem.removeValue();
  return null;
}

async function writeAccount(a: SyncAccount | null): Promise<void> {
  if (!a) {
    await Promise.all([syncAccountItem.removeValue(), sessionTokenItem.removeValue()]);
    return;
  }
  if (a.persistent === false) {
    await sessionTokenItem.setValue(a.token);
    await syncAccountItem.setValue({ ...a, token: '' });
    return;
  }
  await Promise.all([syncAccountItem.setValue(a), sessionTokenItem.removeValue()]);
}

/** The storage-backed SyncStore. */
export function createLocalSyncStore(): SyncStore {
  return {
    transact: (fn) =>
      syncWrite(async () => {
        const cache = await readCache();
        const out = await fn(cache);
        await writeCache(cache);
        return out;
      }),
    read: readCache,
    meta: () => vaultMetaItem.getValue(),
    setMeta: (meta) => vaultMetaItem.setValue(meta),
    async keys(): Promise<VaultKeys | null> {
      // vaultStatus() applies the idle lock first; a sync is not user activity and never extends it.
      return (await vaultStatus()) === 'unlocked' ? loadKeys() : null;
    },
    async replaceVault(meta, keys, cache) {
      await syncWrite(async () => {
        forgetAll();
        await writeCache(cache);
        await vaultMetaItem.setValue(meta);
        await saveKeys(keys);
      });
    },
    setAside: (old) => setAsideItem.setValue(old),
    lock: () => lockVault(),
    account: readAccount,
    setAccount: writeAccount,
    async wipe() {
      await lockVault();
      await syncWrite(async () => {
        await Promise.all([
          recordsItem.removeValue(),
          syncCursorItem.removeValue(),
          vaultMetaItem.removeValue(),
          setAsideItem.removeValue(),
          syncAccountItem.removeValue(),
          sessionTokenItem.removeValue(),
        ]);
      });
    },
    async deviceId() {
      const known = await deviceIdItem.getValue();
      if (known) return known;
      const fresh = newRecordId();
      await deviceIdItem.setValue(fresh);
      return fresh;
    },
  };
}
