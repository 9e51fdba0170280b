/**
 * Vault key rotation (ARCHITECTURE.md "Key hierarchy"; sync-server/API.md "POST /v1/vault/rotate"):
 * a fresh VK, every live record re-sealed under the new RK, every slot this device can rewrap
 * rewrapped, all of it sent in one request so the server never holds a mix of generations.
 *
 * Slots: the passphrase slot is rewrapped with the passphrase the user just typed (it also proves
 * they hold the vault). The recovery slot needs the recovery key: with the current words it is
 * rewrapped (the same 24 words keep working), otherwise a new recovery key is issued and its words
 * returned, since the old words must stop opening anything. Passkey (prf) and device slots cannot
 * be rewrapped without their authenticator or device, so they are dropped: re-add passkeys after.
 */
import { isWardError, WardError } from '../../crypto-core/errors';
import {
  createPassphraseSlot,
  createRecoverySlot,
  generateRecoveryKey,
  generateVaultKey,
  type KeySlot,
  openRecoverySlot,
  recoveryKeyFromWords,
} from '../../crypto-core/keyslots';
import { deriveVaultKeys, openRecord, sealRecord, type VaultKeys } from '../../crypto-core/vault';
import type { VaultMeta } from '../vault/items';
import { type ApiClient, ApiFailed, keyIdHex } from './api';
import { isDeleted, pendingChanges } from './apply';
import type { SyncAccount, SyncCache, SyncStore } from './ports';
import { slotsJson, toWire } from './slots';
import { SyncError } from './sync-error';

export interface RotateInput {
  /** the current VK, opened by the caller from the passphrase slot (zeroed by the caller) */
  oldVaultKey: Uint8Array;
  /** the passphrase that opened it: the new passphrase slot wraps the new VK under it */
  passphrase: string;
  /** the current recovery words, to keep them; omitted: a new recovery key is issued */
  recoveryWords?: string;
}

export interface RotateOutcome {
  /** the new 24 words when a new recovery key was issued (show them; the old ones no longer work) */
  recoveryWords: string[] | null;
  /** the new key generation, 8 hex */
  keyId: string;
  records: number;
  /** passkey / device slots that could not be rewrapped */
  droppedSlots: number;
  /** request body size sent to the server (0 for a vault that does not sync) */
  bytesSent: number;
}

async function recoverySlotFor(meta: VaultMeta, oldVk: Uint8Array, newVk: Uint8Array, words?: string) {
  if (words === undefined) {
    const fresh = generateRecoveryKey();
    try {
      return { slot: await createRecoverySlot(newVk, meta.vaultId, fresh.key), words: fresh.words };
    } finally {
      fresh.key.fill(0);
    }
  }
  const key = recoveryKeyFromWords(words);
  try {
    // The words must open this vault's recovery slot (to the same VK), or they are not its words.
    for (const s of meta.slots.filter((x) => x.kind === 'recovery')) {
      const vk = await openRecoverySlot(s, meta.vaultId, key).catch((e) => {
        if (isWardError(e)) return null;
        throw e;
      });
      if (!vk) continue;
      const same = vk.length === oldVk.length && vk.every((b, i) => b === oldVk[i]);
      vk.fill(0);
      if (same) return { slot: await createRecoverySlot(newVk, meta.vaultId, key), words: null };
    }
    throw new WardError(
      'invalid-recovery-key',
      'These words are a valid recovery key, but not this vault’s.',
    );
  } finally {
    key.fill(0);
  }
}

/** Re-seals every live record of `cache` from `from` to `to`; refuses if any cannot be opened. */
async function resealAll(cache: SyncCache, from: VaultKeys, to: VaultKeys) {
  const out: { id: string; blob: string }[] = [];
  let unreadable = 0;
  for (const [id, r] of Object.entries(cache.records)) {
    if (isDeleted(r)) continue;
    const rec = await openRecord(from, id, r.blob as string).catch(() => null);
    if (!rec) {
      unreadable++;
      continue;
    }
    out.push({ id, blob: await sealRecord(to, rec) });
  }
  if (unreadable) {
    throw new SyncError(
      'unreadable-entries',
      `${unreadable} entries cannot be read with this key; rotating would lose them. Nothing was changed.`,
    );
  }
  return out;
}

/**
 * Rotates the vault key (see file comment). With `api` and `acct` (a synced vault) the server is
 * updated first, in one request, and the local vault only after it accepted; a refusal changes
 * nothing. The caller syncs first: unpushed edits → SyncError 'sync-pending'; a write by another
 * device in between → 'vault-changed' (sync and try again). Leaves the vault unlocked with the new key.
 */
export async function rotateVaultKey(
  store: SyncStore,
  remote: { api: ApiClient; acct: SyncAccount } | null,
  input: RotateInput,
): Promise<RotateOutcome> {
  const meta = await store.meta();
  if (!meta) throw new SyncError('rejected', 'There is no vault on this device to rotate.');
  const cache = await store.read();
  if (!remote && Object.values(cache.records).some((r) => r.version !== null)) {
    // Rotating a synced vault offline would fork it from the server's copy under the old key.
    throw new SyncError('not-signed-in', 'This vault syncs: sign in to the sync server, then rotate.');
  }
  if (remote && pendingChanges(cache).length) {
    throw new SyncError('sync-pending', 'Some changes are not on the server yet: sync, then rotate.');
  }
  const oldKeys = await deriveVaultKeys(input.oldVaultKey, meta.vaultId);
  const newVk = generateVaultKey();
  const newKeys = await deriveVaultKeys(newVk, meta.vaultId);
  try {
    const records = await resealAll(cache, oldKeys, newKeys);
    const pw = meta.slots.find((s) => s.kind === 'passphrase');
    const passSlot = await createPassphraseSlot(newVk, meta.vaultId, input.passphrase, pw?.params);
    const recovery = await recoverySlotFor(meta, input.oldVaultKey, newVk, input.recoveryWords);
    const slots: KeySlot[] = [passSlot, recovery.slot];
    const droppedSlots = meta.slots.filter((s) => s.kind !== 'passphrase' && s.kind !== 'recovery').length;
    const keyId = keyIdHex(newKeys.keyId);
    const next: SyncCache = { records: {}, bases: {}, cursor: cache.cursor };
    let bytesSent = 0;
    let account: SyncAccount | null = null;
    if (remote) {
      const body = {
        baseVersion: remote.acct.keySlotsVersion,
        baseSeq: cache.cursor ?? 0,
        keyId,
        keySlots: toWire(slots),
        records,
      };
      bytesSent = new TextEncoder().encode(JSON.stringify(body)).length;
      const res = await remote.api.rotate(body);
      if (!res.ok) {
        const f = res.failure;
        if (f.kind === 'conflict' && (f.code === 'vault-changed' || f.code === 'version-conflict')) {
          throw new SyncError(
            'vault-changed',
            'Another device changed the vault just now: sync, then rotate again.',
          );
        }
        throw new ApiFailed(f);
      }
      const versions = new Map(res.value.results.map((r) => [r.id, r.version]));
      for (const r of records) {
        next.records[r.id] = { blob: r.blob, version: versions.get(r.id) ?? null, dirty: false };
        next.bases[r.id] = r.blob;
      }
      next.cursor = res.value.cursor;
      account = {
        ...remote.acct,
        keySlotsVersion: res.value.keySlotsVersion,
        syncedSlots: slotsJson(slots),
        keyId,
      };
    } else {
      for (const r of records) next.records[r.id] = { blob: r.blob, version: null, dirty: true };
    }
    await store.replaceVault({ ...meta, slots }, newKeys, next);
    if (account) await store.setAccount(account);
    return { recoveryWords: recovery.words, keyId, records: records.length, droppedSlots, bytesSent };
  } finally {
    newVk.fill(0);
    oldKeys.recordKey.fill(0);
    newKeys.recordKey.fill(0);
  }
}
