/**
 * Passkey unlock in the service worker (WebAuthn Level 3 PRF extension): register a passkey as a
 * `prf` key slot, list and remove them, and unlock with a PRF output the passkey tab returns.
 * VK is needed to add a slot and the unlocked worker keeps only RK, so adding asks for the passphrase.
 */
import { base64urlnopad } from '@scure/base';
import { isWardError, WardError } from '../../crypto-core/errors';
import { createPrfSlot, type KeySlot, openPrfSlot } from '../../crypto-core/keyslots';
import { deriveVaultKeys } from '../../crypto-core/vault';
import { syncSoon } from '../sync/service';
import { type VaultMeta, vaultMetaItem } from '../vault/items';
import { openWithPassphrase, requireKeys } from '../vault/lock-state';
import { saveKeys } from '../vault/session';
import { VaultError } from '../vault/vault-error';
import { passkeyNamesItem } from './items';
import type { PasskeyInfo, PasskeyRegistration, PasskeyUnlockOptions } from './messages';
import { drop, holdVaultKey, takeVaultKey } from './pending';

/** 32 bytes: the PRF input `eval.first` (WebAuthn hashes it with a context string before use). */
const PRF_SALT_BYTES = 32;
/** More would make Settings unwieldy and every unlock's allowCredentials list long. */
export const MAX_PASSKEYS = 10;
const NOT_THIS_VAULT = 'This passkey cannot unlock this vault. Use another passkey or your passphrase.';

async function requireMeta(): Promise<VaultMeta> {
  const meta = await vaultMetaItem.getValue();
  if (!meta) throw new VaultError('no-vault', 'There is no vault yet: create one first.');
  return meta;
}

const prfSlots = (meta: VaultMeta) => meta.slots.filter((s) => s.kind === 'prf' && s.credentialId);

function decode(text: string, what: string, length?: number): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(text);
  } catch {
    throw new VaultError('bad-request', `The ${what} is not valid base64url.`);
  }
  if (length !== undefined && bytes.length !== length) {
    bytes.fill(0);
    throw new VaultError('bad-request', `The ${what} must be ${length} bytes.`);
  }
  return bytes;
}

/** Settings' list: name (local label) and date, oldest first. Not secret, so also shown when locked. */
export async function listPasskeys(): Promise<PasskeyInfo[]> {
  const meta = await vaultMetaItem.getValue();
  if (!meta) return [];
  const names = await passkeyNamesItem.getValue();
  return prfSlots(meta)
    .map((s) => ({ id: s.id, name: names[s.id] ?? 'Passkey', createdAt: s.createdAt ?? meta.createdAt }))
    .sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Step 1 of adding a passkey: the passphrase opens VK (wrong ones are throttled like unlocking),
 * which waits in memory for step 2. Returns what `navigator.credentials.create` needs.
 */
export async function prepareRegistration(passphrase: string): Promise<PasskeyRegistration> {
  await requireKeys();
  const meta = await requireMeta();
  if (prfSlots(meta).length >= MAX_PASSKEYS) {
    throw new VaultError('bad-request', `Ward keeps at most ${MAX_PASSKEYS} passkeys: remove one first.`);
  }
  const { vaultKey } = await openWithPassphrase(passphrase);
  const salt = crypto.getRandomValues(new Uint8Array(PRF_SALT_BYTES));
  const token = holdVaultKey(meta.vaultId, vaultKey, salt);
  return {
    token,
    salt: base64urlnopad.encode(salt),
    // The WebAuthn user handle: the vault id, so one authenticator keeps one passkey per vault.
    userId: base64urlnopad.encode(new TextEncoder().encode(meta.vaultId)),
    excludeCredentials: prfSlots(meta).map((s) => s.credentialId as string),
  };
}

/** Step 2: the tab's PRF output wraps VK in a new `prf` slot; sync pushes the slot list soon after. */
export async function finishRegistration(
  token: string,
  credentialId: string,
  prfOutputText: string,
  name: string,
): Promise<PasskeyInfo> {
  const held = takeVaultKey(token);
  if (!held) throw new VaultError('not-found', 'Adding the passkey took too long: start again.');
  const prfOutput = decode(prfOutputText, 'PRF output', 32);
  try {
    decode(credentialId, 'credential id');
    const meta = await requireMeta();
    if (meta.vaultId !== held.vaultId) throw new VaultError('no-vault', 'The vault changed: start again.');
    if (prfSlots(meta).some((s) => s.credentialId === credentialId)) {
      throw new VaultError('bad-request', 'This passkey already unlocks Ward.');
    }
    const slot = await createPrfSlot(held.vaultKey, meta.vaultId, prfOutput, credentialId, held.salt);
    const label = name.trim().slice(0, 64) || 'Passkey';
    await passkeyNamesItem.setValue({ ...(await passkeyNamesItem.getValue()), [slot.id]: label });
    await vaultMetaItem.setValue({ ...meta, slots: [...meta.slots, slot] });
    void syncSoon(true).catch(() => undefined);
    return { id: slot.id, name: label, createdAt: slot.createdAt ?? Date.now() };
  } finally {
    held.vaultKey.fill(0);
    prfOutput.fill(0);
  }
}

/** Abandons a registration (the tab was closed or the ceremony failed). */
export function cancelRegistration(token: string): void {
  drop(token);
}

/** Removes one passkey's slot (the passkey itself stays on its authenticator, now useless here). */
export async function removePasskey(id: string): Promise<PasskeyInfo[]> {
  await requireKeys();
  const meta = await requireMeta();
  if (!prfSlots(meta).some((s) => s.id === id)) throw new VaultError('not-found', 'No such passkey.');
  await vaultMetaItem.setValue({ ...meta, slots: meta.slots.filter((s) => s.id !== id) });
  const names = { ...(await passkeyNamesItem.getValue()) };
  delete names[id];
  await passkeyNamesItem.setValue(names);
  void syncSoon(true).catch(() => undefined);
  return listPasskeys();
}

/** What `navigator.credentials.get` needs: each passkey's credential id and its slot's PRF salt. */
export async function unlockOptions(): Promise<PasskeyUnlockOptions> {
  const meta = await requireMeta();
  return {
    credentials: prfSlots(meta).map((s) => ({ credentialId: s.credentialId as string, salt: s.salt })),
  };
}

/** Opens the slot of the passkey that answered and unlocks (RK to storage.session, VK zeroed). */
export async function unlockWithPasskey(credentialId: string, prfOutputText: string): Promise<void> {
  const meta = await requireMeta();
  const prfOutput = decode(prfOutputText, 'PRF output', 32);
  const slot: KeySlot | undefined = prfSlots(meta).find((s) => s.credentialId === credentialId);
  let vaultKey: Uint8Array | null = null;
  try {
    if (!slot) throw new WardError('decrypt-failed', NOT_THIS_VAULT);
    vaultKey = await openPrfSlot(slot, meta.vaultId, prfOutput).catch((e: unknown) => {
      throw isWardError(e, 'decrypt-failed') ? new WardError('decrypt-failed', NOT_THIS_VAULT) : e;
    });
    const keys = await deriveVaultKeys(vaultKey, meta.vaultId);
    await saveKeys(keys);
    keys.recordKey.fill(0);
  } finally {
    prfOutput.fill(0);
    vaultKey?.fill(0);
  }
}
