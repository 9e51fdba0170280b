/**
 * Vault lifecycle in the service worker: none → create (pending until the recovery words are
 * confirmed) → unlocked ⇄ locked. Argon2id runs here, never in the popup; VK is zeroed as soon as
 * the record key is derived from it.
 */

import { base64 } from '@scure/base';
import { browser } from 'wxt/browser';
import { isWardError } from '../../crypto-core/errors';
import {
  createPassphraseSlot,
  createRecoverySlot,
  generateRecoveryKey,
  generateVaultKey,
  openPassphraseSlot,
} from '../../crypto-core/keyslots';
import { deriveVaultKeys, newRecordId, type VaultKeys } from '../../crypto-core/vault';
import { dropHeldKey } from '../devices/held-key';
import { LOCKED_EVENT, type VaultStatus } from '../messages';
import { disarm, isIdleExpired } from './auto-lock';
import { recordsItem, syncCursorItem, type VaultMeta, vaultMetaItem } from './items';
import { pendingVaultItem } from './pending-vault';
import { dropDeletedBlobs, forgetAll } from './record-store';
import { loadKeys, saveKeys, wipeKeys } from './session';
import { readThrottle, recordFailure, resetThrottle } from './throttle';
import { VaultError } from './vault-error';

/** Minimum length the worker enforces; the popup's strength meter (zxcvbn score ≥ 3) asks for more. */
export const MIN_PASSPHRASE_LENGTH = 10;

/** none / locked / unlocked, locking first if the idle timeout has passed. */
export async function vaultStatus(): Promise<VaultStatus> {
  if (!(await vaultMetaItem.getValue())) return 'none';
  if (!(await loadKeys())) return 'locked';
  if (await isIdleExpired()) {
    await lockVault();
    return 'locked';
  }
  return 'unlocked';
}

/** The unlocked keys, or VaultError 'locked' / 'no-vault'. */
export async function requireKeys(): Promise<VaultKeys> {
  const status = await vaultStatus();
  if (status === 'none') throw new VaultError('no-vault', 'There is no vault yet: create one first.');
  const keys = await loadKeys();
  if (status === 'locked' || !keys) throw new VaultError('locked', 'The vault is locked: unlock it first.');
  return keys;
}

/**
 * Creates the vault keys and slots and returns the 24 recovery words. Nothing is stored in
 * storage.local until confirmCreate(), so abandoning the flow leaves no half-made vault.
 */
export async function createVault(passphrase: string): Promise<string[]> {
  if (await vaultMetaItem.getValue()) throw new VaultError('vault-exists', 'A vault already exists here.');
  if ([...passphrase.normalize('NFKC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError('weak-passphrase', `Use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
  const vaultId = newRecordId();
  const vaultKey = generateVaultKey();
  const recovery = generateRecoveryKey();
  try {
    const [pw, rc, keys] = await Promise.all([
      createPassphraseSlot(vaultKey, vaultId, passphrase),
      createRecoverySlot(vaultKey, vaultId, recovery.key),
      deriveVaultKeys(vaultKey, vaultId),
    ]);
    await pendingVaultItem.setValue({
      meta: { vaultId, slots: [pw, rc], createdAt: Date.now() },
      keys: { vaultId, keyId: keys.keyId, recordKey: base64.encode(keys.recordKey) },
    });
    keys.recordKey.fill(0);
    return recovery.words;
  } finally {
    vaultKey.fill(0);
    recovery.key.fill(0);
  }
}

/** Stores the pending vault (after the recovery words were confirmed) and leaves it unlocked. */
export async function confirmCreate(): Promise<void> {
  const pending = await pendingVaultItem.getValue();
  if (!pending) throw new VaultError('no-vault', 'Vault creation expired: start again.');
  if (await vaultMetaItem.getValue()) throw new VaultError('vault-exists', 'A vault already exists here.');
  // A new vault starts from an empty cache (no records or cursor left from an earlier one).
  await Promise.all([recordsItem.setValue({}), syncCursorItem.removeValue()]);
  await vaultMetaItem.setValue(pending.meta);
  await saveKeys({
    vaultId: pending.keys.vaultId,
    keyId: pending.keys.keyId,
    recordKey: base64.decode(pending.keys.recordKey),
  });
  await pendingVaultItem.removeValue();
}

/** Abandons a vault being created. */
export async function cancelCreate(): Promise<void> {
  await pendingVaultItem.removeValue();
}

/**
 * VK from the passphrase slot. A wrong passphrase doubles the wait before the next attempt
 * (VaultError 'wrong-passphrase', then 'throttled' while the wait runs, both with retryAt).
 * The caller zeroes the returned key.
 */
export async function openWithPassphrase(
  passphrase: string,
  now = Date.now(),
): Promise<{ vaultKey: Uint8Array; meta: VaultMeta }> {
  const meta = await vaultMetaItem.getValue();
  if (!meta) throw new VaultError('no-vault', 'There is no vault yet: create one first.');
  const throttle = await readThrottle();
  if (throttle.retryAt > now) {
    throw new VaultError(
      'throttled',
      'Too many wrong passphrases: wait a moment, then try again.',
      throttle.retryAt,
    );
  }
  for (const slot of meta.slots.filter((s) => s.kind === 'passphrase')) {
    try {
      const vaultKey = await openPassphraseSlot(slot, meta.vaultId, passphrase);
      await resetThrottle();
      return { vaultKey, meta };
    } catch (e) {
      if (!isWardError(e, 'bad-password')) throw e;
    }
  }
  const t = await recordFailure(Date.now());
  throw new VaultError('wrong-passphrase', 'Wrong passphrase. Check it and try again.', t.retryAt);
}

/** Unlocks: derives the record key from VK, keeps it in storage.session, zeroes VK. */
export async function unlockVault(passphrase: string, now = Date.now()): Promise<void> {
  const { vaultKey, meta } = await openWithPassphrase(passphrase, now);
  try {
    const keys = await deriveVaultKeys(vaultKey, meta.vaultId);
    await saveKeys(keys);
    keys.recordKey.fill(0);
  } finally {
    vaultKey.fill(0);
  }
}

/** Locks: wipes the record key and every decrypted record. */
export async function lockVault(): Promise<void> {
  const wasUnlocked = (await loadKeys()) !== null;
  forgetAll();
  // A vault key held after a device approval must not outlive the unlock either.
  dropHeldKey();
  await wipeKeys();
  await Promise.all([disarm(), dropDeletedBlobs()]);
  // An open popup shows the unlock screen at once instead of stale codes. No page open: nobody listens.
  if (wasUnlocked) browser.runtime.sendMessage({ event: LOCKED_EVENT }).catch(() => undefined);
}
