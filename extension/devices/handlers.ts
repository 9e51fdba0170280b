/**
 * Service-worker handlers for DevicesMessageMap. Account requests run through the sync engine's
 * signed-in Remote; a 401 there signs out (and wipes a revoked device) exactly like a sync does.
 * VK is needed to approve a device or rotate: it is opened from the passphrase the user types
 * (throttled like unlock), used, and zeroed.
 */
import { createPassphraseSlot } from '../../crypto-core/keyslots';
import { ApiFailed } from '../sync/api';
import type { Remote } from '../sync/engine';
import { createLocalSyncStore } from '../sync/local-store';
import { syncEngine, syncSoon } from '../sync/service';
import { vaultMetaItem } from '../vault/items';
import { MIN_PASSPHRASE_LENGTH, openWithPassphrase, requireKeys, vaultStatus } from '../vault/lock-state';
import { VaultError } from '../vault/vault-error';
import { activity, listDevices, renameDevice, revokeDevice, sessionDays, setSessionDays } from './account';
import { holdKey, takeHeldKey } from './held-key';
import type { DevicesMessageMap } from './messages';
import { approvePairing, denyPairing, listPairingRequests } from './pairing-approve';
import { cancelPairing, startPairing, waitForApproval } from './pairing-request';
import { pairingKeys, setPendingRequests } from './pairing-store';
import { rotateNow } from './rotation';

type Handlers = {
  [T in keyof DevicesMessageMap]: (body: DevicesMessageMap[T]['req']) => Promise<DevicesMessageMap[T]['res']>;
};

/** Runs `fn` with the signed-in account; API failures become the SyncError the popup shows. */
async function withRemote<T>(fn: (remote: Remote) => Promise<T>): Promise<T> {
  const engine = syncEngine();
  const remote = await engine.remote();
  try {
    return await fn(remote);
  } catch (e) {
    if (e instanceof ApiFailed) throw await engine.failed(e.failure, remote.acct);
    throw e;
  }
}

/** VK from the passphrase (throttled); the caller zeroes it. */
async function vaultKeyFrom(passphrase: string) {
  await requireKeys();
  return openWithPassphrase(passphrase);
}

/**
 * A locked local vault with entries could not be moved into the synced one once the (single-use)
 * approval arrives, so pairing starts only with no vault here or an unlocked one.
 */
async function notLocked(): Promise<void> {
  if ((await vaultStatus()) === 'locked') {
    throw new VaultError(
      'locked',
      'Unlock this device’s vault first, so its entries can move into the synced vault.',
    );
  }
}

/**
 * Account security needs the vault unlocked: the sync token outlives the lock, and whoever finds the
 * browser locked must not be able to remove devices, shorten sessions or read the activity log.
 */
async function unlockedRemote<T>(fn: (remote: Remote) => Promise<T>): Promise<T> {
  await requireKeys();
  return withRemote(fn);
}

export const devicesHandlers: Handlers = {
  'devices.list': () => unlockedRemote(listDevices),
  'devices.rename': ({ id, name }) => unlockedRemote((r) => renameDevice(r, id, name)),
  'devices.revoke': async ({ id }) => {
    await unlockedRemote((r) => revokeDevice(r, id));
    return { revoked: true };
  },
  'account.get': () =>
    unlockedRemote(async (r) => ({ email: r.acct.email, sessionDays: await sessionDays(r) })),
  'account.setSessionDays': ({ days }) =>
    unlockedRemote(async (r) => ({ sessionDays: await setSessionDays(r, days) })),
  'audit.page': ({ before }) => unlockedRemote((r) => activity(r, before)),
  'pairing.start': async () => {
    await notLocked();
    return withRemote((r) => startPairing(r, pairingKeys));
  },
  'pairing.wait': () =>
    withRemote(async (r) => {
      await notLocked();
      const store = createLocalSyncStore();
      const ctx = { now: Date.now(), newId: () => crypto.randomUUID(), deviceId: await store.deviceId() };
      const out = await waitForApproval(r, pairingKeys, store, ctx, undefined, holdKey);
      if (out.status === 'approved') void syncSoon(true);
      return out;
    }),
  'pairing.cancel': async () => {
    await withRemote((r) => cancelPairing(r, pairingKeys));
    return { cancelled: true };
  },
  'pairing.setPassphrase': async ({ passphrase }) => {
    await requireKeys();
    if ([...passphrase.normalize('NFKC')].length < MIN_PASSPHRASE_LENGTH) {
      throw new VaultError('weak-passphrase', `Use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    }
    const meta = await vaultMetaItem.getValue();
    const vk = meta ? takeHeldKey(meta.vaultId) : null;
    if (!meta || !vk) {
      throw new VaultError(
        'locked',
        'The approval key is no longer held (10 minutes passed, or Ward locked). Use Change passphrase instead.',
      );
    }
    try {
      const slot = await createPassphraseSlot(vk, meta.vaultId, passphrase);
      await vaultMetaItem.setValue({
        ...meta,
        slots: [...meta.slots.filter((s) => s.kind !== 'passphrase'), slot],
      });
    } finally {
      vk.fill(0);
    }
    void syncSoon(true);
    return { set: true };
  },
  'pairing.requests': async () => {
    await requireKeys();
    const list = await withRemote(listPairingRequests);
    await setPendingRequests(list.length);
    return list;
  },
  'pairing.approve': async ({ id, phrase, passphrase }) => {
    const { vaultKey, meta } = await vaultKeyFrom(passphrase);
    try {
      await withRemote((r) => approvePairing(r, id, phrase, vaultKey, meta.vaultId));
    } finally {
      vaultKey.fill(0);
    }
    return { approved: true };
  },
  'pairing.deny': async ({ id }) => {
    await requireKeys();
    await withRemote((r) => denyPairing(r, id));
    return { denied: true };
  },
  'vault.rotate': async ({ passphrase, recoveryWords }) => {
    const { vaultKey } = await vaultKeyFrom(passphrase);
    try {
      const out = await rotateNow(syncEngine(), createLocalSyncStore(), {
        oldVaultKey: vaultKey,
        passphrase,
        ...(recoveryWords ? { recoveryWords } : {}),
      });
      return { recoveryWords: out.recoveryWords, records: out.records, droppedSlots: out.droppedSlots };
    } finally {
      vaultKey.fill(0);
    }
  },
};
