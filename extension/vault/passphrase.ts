/**
 * Replacing the passphrase slot: with the recovery key when the passphrase is forgotten, or with
 * the current passphrase from Settings. Records are untouched (the slot wraps the same VK).
 */
import { isWardError, WardError } from '../../crypto-core/errors';
import { createPassphraseSlot, openRecoverySlot, recoveryKeyFromWords } from '../../crypto-core/keyslots';
import { deriveVaultKeys } from '../../crypto-core/vault';
import { type VaultMeta, vaultMetaItem } from './items';
import { MIN_PASSPHRASE_LENGTH, openWithPassphrase } from './lock-state';
import { saveKeys } from './session';
import { resetThrottle } from './throttle';
import { VaultError } from './vault-error';

async function requireMeta(): Promise<VaultMeta> {
  const meta = await vaultMetaItem.getValue();
  if (!meta) throw new VaultError('no-vault', 'There is no vault yet: create one first.');
  return meta;
}

function checkNew(passphrase: string): void {
  if ([...passphrase.normalize('NFKC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError('weak-passphrase', `Use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
}

/** Wraps VK under the new passphrase, replaces every passphrase slot, and leaves the vault unlocked. */
async function replacePassphraseSlot(
  meta: VaultMeta,
  vaultKey: Uint8Array,
  passphrase: string,
): Promise<void> {
  const slot = await createPassphraseSlot(vaultKey, meta.vaultId, passphrase);
  const slots = [...meta.slots.filter((s) => s.kind !== 'passphrase'), slot];
  await vaultMetaItem.setValue({ ...meta, slots });
  const keys = await deriveVaultKeys(vaultKey, meta.vaultId);
  await saveKeys(keys);
  keys.recordKey.fill(0);
}

/** Opens the vault with the 24 recovery words and sets a new passphrase. */
export async function recoverWithWords(words: string, newPassphrase: string): Promise<void> {
  checkNew(newPassphrase);
  const meta = await requireMeta();
  const recoveryKey = recoveryKeyFromWords(words);
  let vaultKey: Uint8Array | null = null;
  try {
    for (const slot of meta.slots.filter((s) => s.kind === 'recovery')) {
      try {
        vaultKey = await openRecoverySlot(slot, meta.vaultId, recoveryKey);
        break;
      } catch (e) {
        if (!isWardError(e)) throw e;
      }
    }
    if (!vaultKey) {
      throw new WardError(
        'invalid-recovery-key',
        'These words are a valid recovery key, but not this vault’s.',
      );
    }
    await replacePassphraseSlot(meta, vaultKey, newPassphrase);
    await resetThrottle();
  } finally {
    recoveryKey.fill(0);
    vaultKey?.fill(0);
  }
}

/** Changes the passphrase after checking the current one (wrong ones count towards the delay). */
export async function changePassphrase(current: string, next: string): Promise<void> {
  checkNew(next);
  const { vaultKey, meta } = await openWithPassphrase(current);
  try {
    await replacePassphraseSlot(meta, vaultKey, next);
  } finally {
    vaultKey.fill(0);
  }
}
