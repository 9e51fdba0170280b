/**
 * The service worker's message handler: checks the sender (extension pages only), validates the
 * message, enforces the idle lock, runs the operation and wraps the result in a Reply. Errors
 * become `{code, message}`; unexpected ones a generic message (nothing secret is ever echoed).
 */
import { browser } from 'wxt/browser';
import { isWardError } from '../../crypto-core/errors';
import { autofillHandlers } from '../autofill/popup-handlers';
import { recordExportEvent } from '../capture/audit';
import { captureHandlers } from '../capture/handlers';
import { devicesHandlers } from '../devices/handlers';
import {
  type MessageType,
  parseRequest,
  type Reply,
  type Request,
  type Response,
  type VaultState,
} from '../messages';
import { passkeyHandlers } from '../passkey/handlers';
import { recoveryHandlers } from '../recovery/handlers';
import { syncEngine, syncSoon, syncStatus } from '../sync/service';
import { SyncError } from '../sync/sync-error';
import { touch } from './auto-lock';
import { exportBackup, importBackup } from './backup-io';
import { codeInfo } from './codes';
import {
  addEntries,
  advanceHotp,
  getRecord,
  listEntries,
  moveEntry,
  removeEntry,
  restoreEntry,
  toSummary,
  updateEntry,
  validateEntry,
} from './entries';
import { idleOverrideItem, settingsItem } from './items';
import {
  cancelCreate,
  confirmCreate,
  createVault,
  lockVault,
  requireKeys,
  unlockVault,
  vaultStatus,
} from './lock-state';
import { parsePastedText } from './parse-text';
import { changePassphrase, recoverWithWords } from './passphrase';
import { UNDO_MS, unreadableCount } from './record-store';
import { readThrottle } from './throttle';
import { VaultError } from './vault-error';

/** Minimal view of runtime.MessageSender, so tests can pass plain objects. */
export interface SenderInfo {
  id?: string;
  url?: string;
}

/** True for our own extension pages (popup, options, tabs of ours); content scripts and other extensions are refused. */
export function isOwnPage(sender: SenderInfo): boolean {
  const origin = browser.runtime.getURL('/');
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(origin);
}

const lockSoon = () => void lockVault();

async function state(): Promise<VaultState> {
  const [status, t, settings] = await Promise.all([vaultStatus(), readThrottle(), settingsItem.getValue()]);
  return {
    status,
    retryAt: t.retryAt,
    failures: t.failures,
    settings,
    version: browser.runtime.getManifest().version,
  };
}

type Handlers = { [T in MessageType]: (body: Request<T>) => Promise<Response<T>> };

/** How many codes `vault.open` computes up front: more than one popup screen holds. */
const FIRST_SCREEN = 12;

const handlers: Handlers = {
  ...captureHandlers,
  ...autofillHandlers,
  ...passkeyHandlers,
  ...recoveryHandlers,
  ...devicesHandlers,
  'vault.state': () => state(),
  'vault.open': async () => {
    const s = await state();
    if (s.status !== 'unlocked') return { state: s, entries: null, unreadable: 0, codes: {} };
    const keys = await requireKeys();
    const entries = await listEntries(keys);
    const now = Date.now();
    const codes: Response<'entries.codes'> = {};
    for (const e of entries.slice(0, FIRST_SCREEN)) codes[e.id] = codeInfo(await getRecord(keys, e.id), now);
    return { state: s, entries, unreadable: await unreadableCount(keys), codes };
  },
  'vault.create': async ({ passphrase }) => ({ recoveryWords: await createVault(passphrase) }),
  'vault.confirmCreate': async () => {
    await confirmCreate();
    return state();
  },
  'vault.cancelCreate': async () => {
    await cancelCreate();
    return state();
  },
  'vault.unlock': async ({ passphrase }) => {
    await unlockVault(passphrase);
    return state();
  },
  'vault.lock': async () => {
    await lockVault();
    return state();
  },
  'vault.recover': async ({ words, passphrase }) => {
    await recoverWithWords(words, passphrase);
    return state();
  },
  'vault.changePassphrase': async ({ current, next }) => {
    await changePassphrase(current, next);
    return state();
  },
  'settings.set': async (patch) => {
    const next = { ...(await settingsItem.getValue()), ...patch };
    await settingsItem.setValue(next);
    return next;
  },
  'entries.list': async () => listEntries(await requireKeys()),
  'entries.codes': async ({ ids }) => {
    const keys = await requireKeys();
    const now = Date.now();
    const out: Response<'entries.codes'> = {};
    for (const id of ids) {
      const r = await getRecord(keys, id).catch(() => null);
      if (r) out[id] = codeInfo(r, now);
    }
    return out;
  },
  'entries.checkSecret': async ({ secret }) => {
    try {
      validateEntry({
        type: 'totp',
        issuer: '',
        account: '',
        secret,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      });
      return { valid: true, message: '' };
    } catch (e) {
      if (isWardError(e)) return { valid: false, message: e.message };
      throw e;
    }
  },
  'entries.add': async ({ entry }) => {
    const [r] = await addEntries(await requireKeys(), [entry]);
    return toSummary(r as NonNullable<typeof r>);
  },
  'entries.parse': async ({ text }) => {
    await requireKeys();
    return parsePastedText(text).map((e, index) => ({
      index,
      type: e.type,
      issuer: e.issuer,
      account: e.account,
    }));
  },
  'entries.addParsed': async ({ text, pick }) => {
    const keys = await requireKeys();
    const picked = parsePastedText(text).filter((_, i) => pick.includes(i));
    if (!picked.length) throw new VaultError('bad-request', 'Pick at least one account to add.');
    return (await addEntries(keys, picked)).map(toSummary);
  },
  'entries.update': async ({ id, patch }) => toSummary(await updateEntry(await requireKeys(), id, patch)),
  'entries.secret': async ({ id }) => ({ secret: (await getRecord(await requireKeys(), id)).secret }),
  'entries.delete': async ({ id }) => {
    const now = Date.now();
    await removeEntry(await requireKeys(), id, now);
    return { undoUntil: now + UNDO_MS };
  },
  'entries.undoDelete': async ({ id }) => toSummary(await restoreEntry(await requireKeys(), id)),
  'entries.move': async ({ id, afterId }) => moveEntry(await requireKeys(), id, afterId),
  'entries.nextHotp': async ({ id }) => codeInfo(await advanceHotp(await requireKeys(), id)),
  'backup.export': async ({ password }) => {
    const out = await exportBackup(await requireKeys(), password);
    recordExportEvent('backup');
    return out;
  },
  'backup.import': async ({ data, encoding, password }) =>
    importBackup(await requireKeys(), data, encoding, password),
  'sync.status': () => syncStatus(),
  'sync.now': () => syncSoon(true),
  'sync.start': ({ serverUrl, email }) => syncEngine().startSignIn(serverUrl, email),
  'sync.verify': ({ serverUrl, email, code, deviceName, persistent }) =>
    syncEngine().finishSignIn(serverUrl, email, code, deviceName, persistent ?? true),
  'sync.join': ({ passphrase }) => syncEngine().join(passphrase),
  'sync.signOut': () => syncEngine().signOut(),
  'test.autoLockMs': async ({ ms }) => {
    await idleOverrideItem.setValue(ms);
    await touch(lockSoon);
    return { ms };
  },
};

function failure(e: unknown): Reply<never> {
  if (e instanceof VaultError) {
    return {
      ok: false,
      error: { code: e.code, message: e.message, ...(e.retryAt ? { retryAt: e.retryAt } : {}) },
    };
  }
  if (isWardError(e)) return { ok: false, error: { code: e.code, message: e.message } };
  if (e instanceof SyncError) {
    return {
      ok: false,
      error: { code: e.code, message: e.message, ...(e.retryAt ? { retryAt: e.retryAt } : {}) },
    };
  }
  console.error('Ward: unexpected error', e instanceof Error ? e.name : typeof e);
  return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Ward. Try again.' } };
}

/** Sent by an open popup on its own (code refresh), so they do not count as user activity. */
const PASSIVE = new Set<MessageType>(['vault.state', 'entries.codes', 'sync.status', 'sync.now']);
const UNLOCKING = new Set<MessageType>([
  'vault.unlock',
  'vault.confirmCreate',
  'vault.recover',
  'sync.join',
  'passkey.unlock',
  'recovery.fromKit',
  'pairing.wait',
]);

/** Handles one runtime message; always resolves to a Reply. */
export async function handleMessage(raw: unknown, sender: SenderInfo): Promise<Reply<unknown>> {
  if (!isOwnPage(sender)) {
    return { ok: false, error: { code: 'forbidden', message: 'Only Ward’s own pages may use the vault.' } };
  }
  const msg = parseRequest(raw);
  if (!msg) return { ok: false, error: { code: 'bad-request', message: 'Malformed message.' } };
  try {
    const before = await vaultStatus(); // locks first if the idle time has passed
    const handler = handlers[msg.type] as (body: unknown) => Promise<unknown>;
    const value = await handler(msg.body);
    if ((before === 'unlocked' && !PASSIVE.has(msg.type)) || UNLOCKING.has(msg.type)) {
      // Activity stamp after the answer is ready; the worker stays alive until it is written.
      void vaultStatus().then((now) => (now === 'unlocked' ? touch(lockSoon) : undefined));
    }
    return { ok: true, value };
  } catch (e) {
    return failure(e);
  }
}
