/**
 * Recovery key in Settings and on the unlock screen: check the 24 words against the vault's
 * recovery slot (and remember when), split the recovery key into an M-of-N kit (Shamir, via
 * crypto-core/recovery-kit.ts), and recover from any M shares through the existing recovery flow.
 * The worker never keeps VK or the recovery key, so making a kit asks for the 24 words.
 */
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { isWardError, WardError } from '../../crypto-core/errors';
import { openRecoverySlot, recoveryKeyFromWords } from '../../crypto-core/keyslots';
import {
  combineRecoveryShares,
  createRecoveryKit,
  type RecoveryKit,
  type RecoveryShareInfo,
  readRecoveryShare,
} from '../../crypto-core/recovery-kit';
import { vaultMetaItem } from '../vault/items';
import { requireKeys } from '../vault/lock-state';
import { recoverWithWords } from '../vault/passphrase';
import { VaultError } from '../vault/vault-error';
import { recordRecoveryEvent } from './audit';
import { recoveryConfirmedItem } from './items';

/** When the recovery words were last shown to work: a check in Settings, else vault creation. */
export async function recoveryConfirmedAt(): Promise<number | null> {
  const [at, meta] = await Promise.all([recoveryConfirmedItem.getValue(), vaultMetaItem.getValue()]);
  // Onboarding does not finish until the words are confirmed, so creation counts as a check.
  return at ?? meta?.createdAt ?? null;
}

/**
 * Opens the recovery slot with the words (VK is zeroed at once) and stamps the time. Returns the
 * recovery key for the caller to use and zero. Wrong words → WardError('invalid-recovery-key').
 */
async function checkWords(words: string): Promise<Uint8Array> {
  await requireKeys();
  const meta = await vaultMetaItem.getValue();
  if (!meta) throw new VaultError('no-vault', 'There is no vault yet: create one first.');
  const key = recoveryKeyFromWords(words);
  for (const slot of meta.slots.filter((s) => s.kind === 'recovery')) {
    try {
      (await openRecoverySlot(slot, meta.vaultId, key)).fill(0);
      await recoveryConfirmedItem.setValue(Date.now());
      return key;
    } catch (e) {
      if (!isWardError(e)) throw e;
    }
  }
  key.fill(0);
  throw new WardError('invalid-recovery-key', 'These words are a valid recovery key, but not this vault’s.');
}

/** "Confirm again" in Settings: the words must open this vault's recovery slot. */
export async function confirmRecoveryWords(words: string): Promise<number> {
  (await checkWords(words)).fill(0);
  return (await recoveryConfirmedAt()) ?? Date.now();
}

/** A printable M-of-N kit of this vault's recovery key (the words are checked first). */
export async function makeRecoveryKit(words: string, threshold: number, total: number): Promise<RecoveryKit> {
  const key = await checkWords(words);
  try {
    const kit = await createRecoveryKit(key, threshold, total);
    recordRecoveryEvent({ kind: 'recovery-kit-created', detail: { shares: total, threshold } });
    return kit;
  } finally {
    key.fill(0);
  }
}

/** What one typed or scanned share says about itself (kit id, i of N, M needed), or why it is unreadable. */
export function describeShare(share: string): RecoveryShareInfo {
  return readRecoveryShare(share);
}

/** Any M shares → the recovery key → the usual recovery: a new passphrase replaces the old one. */
export async function recoverFromKit(shares: string[], passphrase: string): Promise<void> {
  const key = await combineRecoveryShares(shares);
  try {
    // recoverWithWords re-derives the key from words; the words exist only for this call.
    await recoverWithWords(entropyToMnemonic(key, wordlist), passphrase);
    recordRecoveryEvent({ kind: 'recovery-key-used' });
  } finally {
    key.fill(0);
  }
}
