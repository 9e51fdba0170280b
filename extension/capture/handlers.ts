/** The service worker's handlers for CaptureMessageMap (spread into vault/router.ts's table). */
import { browser } from 'wxt/browser';
import { codeInfo } from '../vault/codes';
import { toRegistrableDomain } from '../vault/entries';
import { requireKeys } from '../vault/lock-state';
import { VaultError } from '../vault/vault-error';
import { commitEntries } from './commit';
import { scanImageBytes, scanPageImage } from './image';
import { type CaptureMessageMap, IMPORT_PROGRESS_EVENT, type PendingScan } from './messages';
import { clearPending, loadPending } from './pending';
import { activeTab, scanTab } from './scan';
import { openScanResult } from './show';
import { exportEntryUri, exportMigration, exportPlain, importFromFile } from './transfer';

type Handlers = {
  [T in keyof CaptureMessageMap]: (body: CaptureMessageMap[T]['req']) => Promise<CaptureMessageMap[T]['res']>;
};

function announceProgress(done: number, total: number) {
  // No page listening is fine (the popup may have closed); the import goes on.
  browser.runtime.sendMessage({ event: IMPORT_PROGRESS_EVENT, done, total }).catch(() => undefined);
}

/** The waiting scan without its secrets, with each account's current code. */
async function pendingForPopup(now = Date.now()): Promise<PendingScan | null> {
  const found = await loadPending(now);
  if (!found) return null;
  return {
    source: found.source,
    previews: found.entries.map((e, index) => ({
      index,
      type: e.type,
      issuer: e.issuer,
      account: e.account,
      domains: e.domains ?? [],
      code: codeInfo(e, now),
    })),
    errors: found.errors,
    others: found.others,
  };
}

export const captureHandlers: Handlers = {
  // The region overlay's result arrives after this reply: show it in a popup when it does.
  'capture.scan': async () => scanTab(await activeTab(), () => void openScanResult()),
  'capture.image': async ({ srcUrl }) => ({ found: await scanPageImage(await activeTab(), srcUrl) }),
  'capture.decodeImage': async ({ data }) => ({ found: await scanImageBytes(data) }),
  'capture.pending': () => pendingForPopup(),
  'capture.add': async ({ pick, duplicates, domains }) => {
    const keys = await requireKeys();
    const found = await loadPending();
    if (!found) throw new VaultError('not-found', 'The scan has expired: scan the code again.');
    // A domain the user typed must be a web domain: say so rather than drop it.
    const sites = domains?.map(toRegistrableDomain);
    const picked = found.entries
      .filter((_, i) => pick.includes(i))
      .map((e) => (sites ? { ...e, domains: sites } : e));
    if (!picked.length) throw new VaultError('bad-request', 'Pick at least one account to add.');
    const outcome = await commitEntries(keys, picked, duplicates);
    if (outcome.status === 'done') await clearPending();
    return outcome;
  },
  'capture.discard': async () => {
    await clearPending();
    return null;
  },
  'import.file': async (req) => importFromFile(await requireKeys(), req, announceProgress),
  'export.plain': async ({ format }) => exportPlain(await requireKeys(), format),
  'export.migration': async () => exportMigration(await requireKeys()),
  'export.entryUri': async ({ id }) => exportEntryUri(await requireKeys(), id),
};
