/**
 * "Rotate vault key" as the user starts it (Settings, or after revoking a device): sync first so the
 * server holds every change, then rotate with no sync running beside it (extension/sync/rotate.ts).
 */
import { ApiFailed } from '../sync/api';
import type { SyncEngine } from '../sync/engine';
import type { SyncStore } from '../sync/ports';
import { type RotateInput, type RotateOutcome, rotateVaultKey } from '../sync/rotate';
import { SyncError } from '../sync/sync-error';

/** Rotates the vault key of this device's vault (synced or not). Throws SyncError / WardError. */
export async function rotateNow(
  engine: SyncEngine,
  store: SyncStore,
  input: RotateInput,
): Promise<RotateOutcome> {
  const signedIn = (await store.account()) !== null;
  if (signedIn) {
    const s = await engine.sync({ force: true });
    if (s.state !== 'synced') {
      throw new SyncError(
        'sync-pending',
        `Sync first, then rotate: ${s.message || 'the last sync did not finish.'}`,
      );
    }
  }
  return engine.alone(async () => {
    const remote = signedIn ? await engine.remote() : null;
    try {
      return await rotateVaultKey(store, remote, input);
    } catch (e) {
      if (e instanceof ApiFailed && remote) throw await engine.failed(e.failure, remote.acct);
      throw e;
    }
  });
}
