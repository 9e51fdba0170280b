/**
 * The unlocked state: record key in storage.session (memory only, trusted contexts only), so a
 * service-worker restart does not lock the vault, while a browser restart does. Never VK, never
 * the passphrase.
 */
import { base64 } from '@scure/base';
import type { VaultKeys } from '../../crypto-core/vault';
import { sessionKeysItem } from './items';

let cached: VaultKeys | null = null;

/** Stores the unlocked keys for this browser session. */
export async function saveKeys(keys: VaultKeys): Promise<void> {
  await sessionKeysItem.setValue({
    vaultId: keys.vaultId,
    keyId: keys.keyId,
    recordKey: base64.encode(keys.recordKey),
  });
  cached = { vaultId: keys.vaultId, keyId: keys.keyId, recordKey: keys.recordKey.slice() };
}

/**
 * The unlocked keys, or null when locked. Each caller gets its own copy of RK, so a lock that
 * zeroes the cached key in the middle of a write can never make that write seal under zeros.
 */
export async function loadKeys(): Promise<VaultKeys | null> {
  if (!cached) {
    const stored = await sessionKeysItem.getValue();
    if (!stored) return null;
    cached = { vaultId: stored.vaultId, keyId: stored.keyId, recordKey: base64.decode(stored.recordKey) };
  }
  return { vaultId: cached.vaultId, keyId: cached.keyId, recordKey: cached.recordKey.slice() };
}

/** Forgets the keys: zeroes the in-memory copy and removes the session copy. */
export async function wipeKeys(): Promise<void> {
  cached?.recordKey.fill(0);
  cached = null;
  await sessionKeysItem.removeValue();
}
