/**
 * Another device rotated the vault key (sync-server/API.md "POST /v1/vault/rotate"): this device's
 * cache and unlocked record key belong to a retired key generation. It locks, takes the server's
 * new key slots (the same passphrase opens them), and reads the whole vault again, which replaces
 * every blob it can no longer open. Unpushed edits sealed under the old key cannot go up (the server
 * refuses the old keyId), so they are kept aside, encrypted, instead of being dropped.
 */
import type { WireVault } from './api';
import { isDeleted } from './apply';
import type { SyncAccount, SyncStore } from './ports';
import { fromWire, slotsJson } from './slots';

/** True when the server's key generation differs from the one this device's cache is under. */
export function keyRotatedElsewhere(sv: WireVault, localKeyId: string | null): boolean {
  return typeof sv.keyId === 'string' && localKeyId !== null && sv.keyId !== localKeyId;
}

/** Switches this device to the server's new key generation (see file comment); returns the account. */
export async function adoptRotation(
  store: SyncStore,
  acct: SyncAccount,
  sv: WireVault,
  now: number,
): Promise<SyncAccount> {
  const meta = await store.meta();
  const serverSlots = fromWire(sv.keySlots);
  await store.lock();
  const cache = await store.read();
  const unpushed = Object.fromEntries(
    Object.entries(cache.records).filter(([, r]) => r.dirty && !isDeleted(r)),
  );
  if (meta && Object.keys(unpushed).length) await store.setAside({ meta, records: unpushed, at: now });
  await store.transact((c) => {
    c.records = {};
    c.bases = {};
    c.cursor = null;
  });
  if (meta) await store.setMeta({ ...meta, slots: serverSlots });
  const account: SyncAccount = {
    ...acct,
    keySlotsVersion: sv.keySlotsVersion,
    syncedSlots: slotsJson(serverSlots),
    keyId: sv.keyId ?? null,
  };
  await store.setAccount(account);
  return account;
}
