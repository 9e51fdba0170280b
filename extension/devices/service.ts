/**
 * Wiring of the devices side into the service worker: exports reach the account's audit log, the
 * sync alarm also looks for device approvals waiting (toolbar badge), and "keep me signed in" off
 * is honoured by the sync store (extension/sync/local-store.ts).
 */
import { setExportListener } from '../capture/audit';
import { setRecoveryAuditListener } from '../recovery/audit';
import { isDeleted } from '../sync/apply';
import { createLocalSyncStore } from '../sync/local-store';
import { setAfterSyncAlarm, syncEngine } from '../sync/service';
import { vaultStatus } from '../vault/lock-state';
import { reportExport } from './account';
import { listPairingRequests } from './pairing-approve';
import { setPendingRequests } from './pairing-store';

/** Live entries in the local vault (for export events, which report a count). */
async function liveEntries(): Promise<number> {
  const cache = await createLocalSyncStore().read();
  return Object.values(cache.records).filter((r) => !isDeleted(r)).length;
}

/** Looks for device approvals waiting (unlocked and signed in only); never throws. */
export async function checkPairingRequests(): Promise<void> {
  try {
    if ((await vaultStatus()) !== 'unlocked') return setPendingRequests(0);
    const remote = await syncEngine().remote();
    await setPendingRequests((await listPairingRequests(remote)).length);
  } catch {
    // signed out, offline: nothing to show
  }
}

/** Called once from the service worker's main(). */
export function setupDevices(): void {
  setAfterSyncAlarm(checkPairingRequests);
  setExportListener(async (kind) => {
    if (await signedIn()) await reportExport(await syncEngine().remote(), kind, await liveEntries());
  });
  // Recovery events go to the account's audit log as they are, best effort like exports.
  setRecoveryAuditListener(async (event) => {
    if (await signedIn()) await (await syncEngine().remote()).api.reportEvent(event).catch(() => undefined);
  });
}

async function signedIn(): Promise<boolean> {
  return (await createLocalSyncStore().account()) !== null;
}
