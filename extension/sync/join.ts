/**
 * Joining the account's existing vault on this device: the server vault's passphrase opens its key
 * slot here, the full snapshot becomes the local cache, and the entries of a different local vault
 * are re-sealed into it (duplicates of entries already synced are skipped). The old vault's
 * ciphertext and slots are kept aside, so even a failure half-way loses nothing.
 */
import { isWardError } from '../../crypto-core/errors';
import { type KeySlot, openPassphraseSlot } from '../../crypto-core/keyslots';
import {
  deriveVaultKeys,
  openRecord,
  sealRecord,
  type VaultKeys,
  type VaultRecord,
} from '../../crypto-core/vault';
import { type ApiClient, ApiFailed, keyIdHex } from './api';
import { isDeleted } from './apply';
import type { SyncAccount, SyncCache, SyncStore } from './ports';
import { fetchSnapshot } from './pull';
import { fromWire, slotsJson } from './slots';
import { SyncError } from './sync-error';

export interface JoinContext {
  now: number;
  newId: () => string;
  deviceId: string;
}

/** Same account, same code: the fields that make two entries one account at one site. */
function fingerprint(r: VaultRecord): string {
  return JSON.stringify([r.type, r.secret, r.algorithm, r.digits, r.period, r.issuer, r.account]);
}

async function openServerVaultKey(slots: ReturnType<typeof fromWire>, vaultId: string, passphrase: string) {
  for (const slot of slots.filter((s) => s.kind === 'passphrase')) {
    try {
      return await openPassphraseSlot(slot, vaultId, passphrase);
    } catch (e) {
      if (!isWardError(e, 'bad-password')) throw e;
    }
  }
  throw new SyncError(
    'wrong-passphrase',
    'That is not the passphrase of the synced vault. Check it and try again.',
  );
}

/** The live entries of the current local vault, opened with its unlocked keys (none: empty list). */
async function localEntries(store: SyncStore, cache: SyncCache, vaultId: string | undefined) {
  const live = Object.entries(cache.records).filter(([, r]) => !isDeleted(r));
  if (!live.length || vaultId === undefined) return [];
  const keys = await store.keys();
  if (!keys || keys.vaultId !== vaultId) {
    throw new SyncError(
      'locked',
      `Unlock this device's vault first, so its ${live.length} entries can be moved into the synced vault.`,
    );
  }
  try {
    const opened = await Promise.allSettled(live.map(([id, r]) => openRecord(keys, id, r.blob as string)));
    return opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  } finally {
    keys.recordKey.fill(0);
  }
}

async function buildCache(
  api: ApiClient,
  keys: VaultKeys,
  moved: VaultRecord[],
  ctx: JoinContext,
  verify: boolean,
) {
  const snapshot = await fetchSnapshot(api);
  const cache: SyncCache = { records: {}, bases: {}, cursor: snapshot.cursor };
  const known = new Set<string>();
  let order = 0;
  let live = 0;
  let opened = 0;
  for (const ch of snapshot.changes) {
    if (ch.blob === null) continue;
    live++;
    cache.records[ch.id] = { blob: ch.blob, version: ch.version, dirty: false };
    cache.bases[ch.id] = ch.blob;
    const r = await openRecord(keys, ch.id, ch.blob).catch(() => null);
    if (r) {
      opened++;
      known.add(fingerprint(r));
      order = Math.max(order, (r.sortOrder ?? 0) + 1);
    }
  }
  // A key that came from another device (pairing) must open the vault's own records: a relay that
  // sealed a key of its own to us would open none, and nothing may be stored under it.
  if (verify && live > 0 && opened === 0) {
    throw new SyncError(
      'pairing-key-mismatch',
      'The approval did not carry this vault’s key, so nothing was stored. Ask again from a device you trust.',
    );
  }
  for (const r of moved) {
    if (known.has(fingerprint(r))) continue;
    known.add(fingerprint(r));
    const copy: VaultRecord = {
      ...r,
      id: ctx.newId(),
      rev: r.rev + 1,
      deviceId: ctx.deviceId,
      sortOrder: order++,
    };
    cache.records[copy.id] = { blob: await sealRecord(keys, copy), version: null, dirty: true };
  }
  return cache;
}

/** Adopts the server's vault (see file comment). Throws SyncError, or ApiFailed for the engine. */
export async function joinServerVault(
  store: SyncStore,
  api: ApiClient,
  acct: SyncAccount,
  passphrase: string,
  ctx: JoinContext,
): Promise<void> {
  await joinWithKey(
    store,
    api,
    acct,
    (slots, vaultId) => openServerVaultKey(slots, vaultId, passphrase),
    ctx,
  );
}

/** Where the vault key comes from: the passphrase slot, or a device approval (then it is verified). */
export type VaultKeySource = ((slots: KeySlot[], vaultId: string) => Promise<Uint8Array>) & {
  fromOtherDevice?: true;
};

/** Adopts the server's vault with VK from `source` (zeroed here). Throws SyncError or ApiFailed. */
export async function joinWithKey(
  store: SyncStore,
  api: ApiClient,
  acct: SyncAccount,
  source: VaultKeySource,
  ctx: JoinContext,
): Promise<void> {
  const verify = source.fromOtherDevice === true;
  const got = await api.getVault();
  if (!got.ok) {
    if (got.failure.kind === 'rejected' && got.failure.code === 'vault-not-found') {
      throw new SyncError('no-server-vault', 'This account has no vault yet: this device uploads its own.');
    }
    throw new ApiFailed(got.failure);
  }
  const sv = got.value;
  const meta = await store.meta();
  if (meta?.vaultId === sv.vaultId) {
    throw new SyncError('join-not-needed', 'This device already uses the synced vault: unlock it as usual.');
  }
  const slots = fromWire(sv.keySlots);
  let old = await store.read();
  // Checked before the slow passphrase step, so a locked local vault fails fast.
  let moved = await localEntries(store, old, meta?.vaultId);
  const vaultKey = await source(slots, sv.vaultId);
  let keys: VaultKeys;
  try {
    keys = await deriveVaultKeys(vaultKey, sv.vaultId);
  } finally {
    vaultKey.fill(0);
  }
  const keyId = keyIdHex(keys.keyId);
  if (verify && typeof sv.keyId === 'string' && sv.keyId !== keyId) {
    keys.recordKey.fill(0);
    throw new SyncError(
      'pairing-key-mismatch',
      'The approval carried another key than this vault’s, so nothing was stored. Ask again from a device you trust.',
    );
  }
  try {
    // An edit made during the passphrase step (about a second of Argon2id) is moved too.
    const now = await store.read();
    if (JSON.stringify(now.records) !== JSON.stringify(old.records)) {
      old = now;
      moved = await localEntries(store, old, meta?.vaultId);
    }
    if (meta && Object.keys(old.records).length) {
      await store.setAside({ meta, records: old.records, at: ctx.now });
    }
    const cache = await buildCache(api, keys, moved, ctx, verify);
    const createdAt = Date.parse(sv.createdAt);
    await store.replaceVault(
      { vaultId: sv.vaultId, slots, createdAt: Number.isNaN(createdAt) ? ctx.now : createdAt },
      keys,
      cache,
    );
    await store.setAccount({
      ...acct,
      vaultId: sv.vaultId,
      keySlotsVersion: sv.keySlotsVersion,
      syncedSlots: slotsJson(slots),
      keyId,
    });
  } finally {
    keys.recordKey.fill(0);
  }
}
