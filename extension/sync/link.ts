/**
 * Linking this device's vault to the account's (sync-server/API.md "Vault"): the first device
 * creates the server vault with its own vaultId and key slots; later runs keep the key slots in
 * step both ways. A different server vault is never merged silently: the user must join it.
 */
import type { VaultMeta } from '../vault/items';
import { type ApiClient, ApiFailed, keyIdHex, unwrap, type WireVault } from './api';
import type { SyncAccount, SyncStatus, SyncStore } from './ports';
import { adoptRotation, keyRotatedElsewhere } from './rekey';
import { fromWire, mergeSlots, slotsJson, toWire } from './slots';

export type LinkResult = { ok: true; account: SyncAccount } | { ok: false; status: Partial<SyncStatus> };

const JOIN_NEEDED: Partial<SyncStatus> = {
  state: 'error',
  reason: 'join-needed',
  message:
    'This account already has a vault. Enter its passphrase to use it on this device ' +
    '(entries already here are moved into it, nothing is deleted).',
};

/** First device: creates the server vault from the local one, then every record is pushed as new. */
async function createServerVault(
  store: SyncStore,
  api: ApiClient,
  acct: SyncAccount,
  meta: VaultMeta,
  keyId: string | null,
) {
  const put = await api.putKeySlots(0, meta.vaultId, toWire(meta.slots), keyId ?? undefined);
  if (!put.ok) {
    if (put.failure.kind === 'conflict' && put.failure.code === 'vault-exists') {
      const status: Partial<SyncStatus> = {
        state: 'error',
        reason: 'vault-elsewhere',
        message:
          'This vault already syncs with another Ward account. Sign in with that account, or create a new vault here.',
      };
      return { ok: false as const, status };
    }
    throw new ApiFailed(put.failure);
  }
  const account: SyncAccount = {
    ...acct,
    vaultId: meta.vaultId,
    keySlotsVersion: put.value.keySlotsVersion,
    syncedSlots: slotsJson(meta.slots),
    keyId,
  };
  // Versions from any earlier server mean nothing here: every live record goes up from version 0.
  await store.transact((cache) => {
    cache.cursor = null;
    cache.bases = {};
    for (const [id, r] of Object.entries(cache.records)) {
      if (r.version !== null) cache.records[id] = { ...r, version: null, dirty: true };
    }
  });
  await store.setAccount(account);
  return { ok: true as const, account };
}

/**
 * Key slots changed here (new passphrase), on the server (another device), or both: whichever
 * changed wins; both → merged by id. A server list without a usable passphrase slot is never
 * adopted, so a server cannot lock the user out of this device.
 */
async function syncSlots(
  store: SyncStore,
  api: ApiClient,
  acct: SyncAccount,
  meta: VaultMeta,
  sv: WireVault,
  keyId: string | null,
) {
  const serverSlots = fromWire(sv.keySlots);
  const serverUsable = serverSlots.some((s) => s.kind === 'passphrase');
  const localJson = slotsJson(meta.slots);
  let account = acct;
  const localChanged = acct.syncedSlots !== null && localJson !== acct.syncedSlots;
  const serverChanged = acct.syncedSlots === null || sv.keySlotsVersion !== acct.keySlotsVersion;
  // A vault from before key ids: declaring ours (by re-sending the slots) lets the server refuse
  // pushes from a device that later misses a rotation.
  const declare = !sv.keyId && keyId !== null && !serverChanged;
  if (!localChanged && !serverChanged && !declare) return account;

  if (!localChanged && !declare) {
    // Only the server moved (or this device re-linked): take its slots.
    if (serverUsable && slotsJson(serverSlots) !== localJson)
      await store.setMeta({ ...meta, slots: serverSlots });
    const synced = serverUsable ? slotsJson(serverSlots) : localJson;
    account = { ...acct, keySlotsVersion: sv.keySlotsVersion, syncedSlots: synced };
  } else {
    const base = acct.syncedSlots === null ? meta.slots : (JSON.parse(acct.syncedSlots) as typeof meta.slots);
    const slots = serverChanged ? mergeSlots(base, meta.slots, serverSlots) : meta.slots;
    const put = await api.putKeySlots(sv.keySlotsVersion, sv.vaultId, toWire(slots), keyId ?? undefined);
    // Another device changed them in between: the next sync merges again.
    if (!put.ok && put.failure.kind === 'conflict') return account;
    const done = unwrap(put);
    if (slots !== meta.slots) await store.setMeta({ ...meta, slots });
    account = { ...acct, keySlotsVersion: done.keySlotsVersion, syncedSlots: slotsJson(slots) };
  }
  await store.setAccount(account);
  return account;
}

/** Makes sure the local vault is the account's vault; returns the (updated) account or why not. */
export async function linkVault(
  store: SyncStore,
  api: ApiClient,
  acct: SyncAccount,
  now: number,
): Promise<LinkResult> {
  const meta = await store.meta();
  const keys = await store.keys();
  // The key generation of the cache: the unlocked key's, else the one last agreed with the server.
  const keyId = keys && meta && keys.vaultId === meta.vaultId ? keyIdHex(keys.keyId) : (acct.keyId ?? null);
  keys?.recordKey.fill(0);
  const got = await api.getVault();
  if (!got.ok) {
    if (got.failure.kind !== 'rejected' || got.failure.code !== 'vault-not-found')
      throw new ApiFailed(got.failure);
    if (!meta) {
      const status: Partial<SyncStatus> = {
        state: 'error',
        reason: 'no-vault',
        message:
          'Signed in. Create a vault on this device (or sync one from another device) to start syncing.',
      };
      return { ok: false, status };
    }
    return createServerVault(store, api, acct, meta, keyId);
  }
  const sv = got.value;
  if (!meta || meta.vaultId !== sv.vaultId) return { ok: false, status: JOIN_NEEDED };
  let account = acct;
  if (acct.vaultId !== sv.vaultId) {
    // The same vault signed in again: keep versions and bases, read everything once.
    account = { ...acct, vaultId: sv.vaultId, syncedSlots: null };
    await store.transact((cache) => {
      cache.cursor = null;
    });
    await store.setAccount(account);
  }
  if (keyRotatedElsewhere(sv, keyId))
    return { ok: true, account: await adoptRotation(store, account, sv, now) };
  if (keyId !== null && account.keyId !== keyId) {
    account = { ...account, keyId };
    await store.setAccount(account);
  }
  return { ok: true, account: await syncSlots(store, api, account, meta, sv, keyId) };
}
