/**
 * The one typed map of messages between Ward's own pages (popup, passkey and recovery-kit tabs, the
 * chooser) and the service worker. Requests arrive as `unknown` and pass `parseRequest` before anything
 * reads them; the service worker also checks the sender (see vault/router.ts). Content scripts never
 * use this map (autofill/protocol.ts). Secrets travel only from a page to the worker — passphrases
 * (unlock, create, passkey.prepare, pairing approval, rotation), recovery words and kit shares
 * (recovery.*), PRF outputs (passkey.add/unlock), new entries (entries.add) — and back only in
 * `entries.secret` (the edit screen, on explicit request) and the one-entry export QR.
 */
import type { Entry, HashAlgorithm, OtpType } from '../crypto-core/entry';
import { type AutofillMessageMap, autofillBodies } from './autofill/popup-api';
import { type CaptureMessageMap, captureBodies } from './capture/messages';
import { type DevicesMessageMap, devicesBodies } from './devices/messages';
import { arr, bool, type Check, int, isObj, none, nullable, obj, oneOf, str } from './message-checks';
import { type PasskeyMessageMap, passkeyBodies } from './passkey/messages';
import { type RecoveryMessageMap, recoveryBodies } from './recovery/messages';
import type { SyncStatus } from './sync/ports';

export type { SyncStatus } from './sync/ports';

export type VaultStatus = 'none' | 'locked' | 'unlocked';
/** 0 means "when the browser closes" (storage.session is cleared then). */
export type AutoLockMinutes = 0 | 1 | 5 | 15 | 60;
export const AUTO_LOCK_CHOICES: readonly AutoLockMinutes[] = [1, 5, 15, 60, 0];
export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  autoLockMinutes: AutoLockMinutes;
  theme: Theme;
}

export interface VaultState {
  status: VaultStatus;
  /** epoch ms before which an unlock attempt is refused (growing delay after wrong passphrases) */
  retryAt: number;
  failures: number;
  settings: Settings;
  version: string;
}

/** What the popup may know about an entry: everything except the secret. */
export interface EntrySummary {
  id: string;
  type: OtpType;
  issuer: string;
  account: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  counter: number;
  domains: string[];
  tags: string[];
  note: string;
  color: string;
  pinned: boolean;
  sortOrder: number;
  updatedAt: number;
}

export interface CodeInfo {
  code: string;
  /** the code of the following period (TOTP/Steam); null for HOTP */
  next: string | null;
  /** start of the current period in epoch ms; 0 for HOTP */
  periodStartMs: number;
  /** period length in ms; 0 for HOTP */
  periodMs: number;
}

/** Fields the edit screen may change; the secret and OTP parameters are set when adding. */
export interface EntryPatch {
  issuer?: string;
  account?: string;
  domains?: string[];
  tags?: string[];
  note?: string;
  color?: string;
  pinned?: boolean;
}

/** A parsed but not yet added entry, shown in the "pick which to add" list. */
export interface ParsedPreview {
  index: number;
  type: OtpType;
  issuer: string;
  account: string;
}

export interface ImportResult {
  format: string;
  added: number;
  skipped: number;
  errors: string[];
}

export interface OpenResult {
  state: VaultState;
  /** null unless unlocked */
  entries: EntrySummary[] | null;
  /** stored records that could not be decrypted (shown as a warning, kept untouched) */
  unreadable: number;
  /** codes of the first entries in display order (the rest are asked for after the first paint) */
  codes: Record<string, CodeInfo>;
}

/** request → response for every message type. */
export interface MessageMap
  extends CaptureMessageMap,
    AutofillMessageMap,
    PasskeyMessageMap,
    RecoveryMessageMap,
    DevicesMessageMap {
  'vault.state': { req: Record<string, never>; res: VaultState };
  /** Everything the popup needs to paint at once: state, entries and the first screen of codes. */
  'vault.open': { req: Record<string, never>; res: OpenResult };
  'vault.create': { req: { passphrase: string }; res: { recoveryWords: string[] } };
  'vault.confirmCreate': { req: Record<string, never>; res: VaultState };
  'vault.cancelCreate': { req: Record<string, never>; res: VaultState };
  'vault.unlock': { req: { passphrase: string }; res: VaultState };
  'vault.lock': { req: Record<string, never>; res: VaultState };
  /** Forgotten passphrase: the 24 recovery words open the vault and set a new passphrase. */
  'vault.recover': { req: { words: string; passphrase: string }; res: VaultState };
  'vault.changePassphrase': { req: { current: string; next: string }; res: VaultState };
  'settings.set': { req: Partial<Settings>; res: Settings };
  'entries.list': { req: Record<string, never>; res: EntrySummary[] };
  'entries.codes': { req: { ids: string[] }; res: Record<string, CodeInfo> };
  'entries.checkSecret': { req: { secret: string }; res: { valid: boolean; message: string } };
  'entries.add': { req: { entry: Entry }; res: EntrySummary };
  'entries.parse': { req: { text: string }; res: ParsedPreview[] };
  'entries.addParsed': { req: { text: string; pick: number[] }; res: EntrySummary[] };
  'entries.update': { req: { id: string; patch: EntryPatch }; res: EntrySummary };
  'entries.secret': { req: { id: string }; res: { secret: string } };
  'entries.delete': { req: { id: string }; res: { undoUntil: number } };
  'entries.undoDelete': { req: { id: string }; res: EntrySummary };
  'entries.move': { req: { id: string; afterId: string | null }; res: EntrySummary[] };
  'entries.nextHotp': { req: { id: string }; res: CodeInfo };
  'backup.export': { req: { password: string }; res: { fileName: string; text: string } };
  'backup.import': {
    req: { data: string; encoding: 'utf8' | 'base64'; password?: string };
    res: ImportResult;
  };
  /** Sync status for the list's status line and Settings → Sync. */
  'sync.status': { req: Record<string, never>; res: SyncStatus };
  /** Pull and push now (popup open, "Sync now"). */
  'sync.now': { req: Record<string, never>; res: SyncStatus };
  /** Sign-in step 1: mails a code. The popup asks for the host permission first. */
  'sync.start': {
    req: { serverUrl: string; email: string };
    res: { serverUrl: string; codeLength: number; expiresInSeconds: number };
  };
  /** Sign-in step 2: the mailed code; then the first sync runs. */
  'sync.verify': {
    /** `persistent` false: "keep me signed in" off, the token ends with the browser session */
    req: { serverUrl: string; email: string; code: string; deviceName: string; persistent?: boolean };
    res: SyncStatus;
  };
  /** Use the account's existing vault here (its passphrase); local entries move into it. */
  'sync.join': { req: { passphrase: string }; res: SyncStatus };
  'sync.signOut': { req: Record<string, never>; res: SyncStatus };
  /** Shortens the idle timeout for this session only (browser tests); it can never lengthen it. */
  'test.autoLockMs': { req: { ms: number }; res: { ms: number } };
}

export type MessageType = keyof MessageMap;
export type Request<T extends MessageType> = MessageMap[T]['req'];
export type Response<T extends MessageType> = MessageMap[T]['res'];
export type WardMessage = { [T in MessageType]: { type: T; body: Request<T> } }[MessageType];

/** Extension-level failure codes, on top of crypto-core's WardErrorCode. */
export type ReplyErrorCode =
  | 'bad-request'
  | 'forbidden'
  | 'no-vault'
  | 'vault-exists'
  | 'locked'
  | 'throttled'
  | 'wrong-passphrase'
  | 'weak-passphrase'
  | 'not-found'
  | 'internal';

export interface ReplyError {
  code: string;
  message: string;
  retryAt?: number;
}
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };

// ---- validation (message-checks.ts) ----

const id = str(64);
const entryShape = obj(
  {
    type: oneOf('totp', 'hotp', 'steam'),
    issuer: str(200),
    account: str(200),
    secret: str(1024),
    algorithm: oneOf('SHA1', 'SHA256', 'SHA512'),
    digits: int,
    period: int,
    counter: int,
    domains: arr(str(253), 50),
    tags: arr(str(50), 50),
    note: str(2000),
    color: str(32),
    icon: str(200),
    pinned: bool,
  },
  ['domains', 'tags', 'note', 'color', 'icon', 'pinned'],
);
const patchKeys = ['issuer', 'account', 'domains', 'tags', 'note', 'color', 'pinned'];
const patchShape = obj(
  {
    issuer: str(200),
    account: str(200),
    domains: arr(str(253), 50),
    tags: arr(str(50), 50),
    note: str(2000),
    color: str(32),
    pinned: bool,
  },
  patchKeys,
);

const bodies: { [T in MessageType]: Check } = {
  ...captureBodies,
  ...autofillBodies,
  ...passkeyBodies,
  ...recoveryBodies,
  ...devicesBodies,
  'vault.state': none,
  'vault.open': none,
  'vault.create': obj({ passphrase: str(1024) }),
  'vault.confirmCreate': none,
  'vault.cancelCreate': none,
  'vault.unlock': obj({ passphrase: str(1024) }),
  'vault.lock': none,
  'vault.recover': obj({ words: str(1024), passphrase: str(1024) }),
  'vault.changePassphrase': obj({ current: str(1024), next: str(1024) }),
  'settings.set': obj(
    { autoLockMinutes: oneOf(...AUTO_LOCK_CHOICES), theme: oneOf('system', 'light', 'dark') },
    ['autoLockMinutes', 'theme'],
  ),
  'entries.list': none,
  'entries.codes': obj({ ids: arr(id, 5000) }),
  'entries.checkSecret': obj({ secret: str(1024) }),
  'entries.add': obj({ entry: entryShape }),
  'entries.parse': obj({ text: str(64 * 1024) }),
  'entries.addParsed': obj({ text: str(64 * 1024), pick: arr(int, 1000) }),
  'entries.update': obj({ id, patch: patchShape }),
  'entries.secret': obj({ id }),
  'entries.delete': obj({ id }),
  'entries.undoDelete': obj({ id }),
  'entries.move': obj({ id, afterId: nullable(id) }),
  'entries.nextHotp': obj({ id }),
  'backup.export': obj({ password: str(1024) }),
  'backup.import': obj(
    { data: str(16 * 1024 * 1024), encoding: oneOf('utf8', 'base64'), password: str(1024) },
    ['password'],
  ),
  'sync.status': none,
  'sync.now': none,
  'sync.start': obj({ serverUrl: str(2048), email: str(254) }),
  'sync.verify': obj(
    { serverUrl: str(2048), email: str(254), code: str(16), deviceName: str(64), persistent: bool },
    ['persistent'],
  ),
  'sync.join': obj({ passphrase: str(1024) }),
  'sync.signOut': none,
  'test.autoLockMs': obj({ ms: (v) => int(v) && (v as number) >= 500 }),
};

/** Sent by the service worker to open extension pages when the vault locks (idle, Lock now). */
export const LOCKED_EVENT = 'ward.locked';

/** Validates an incoming message; null when it is not exactly one of ours. */
export function parseRequest(raw: unknown): WardMessage | null {
  if (!isObj(raw) || typeof raw.type !== 'string' || !Object.hasOwn(bodies, raw.type)) return null;
  const check = bodies[raw.type as MessageType];
  if (!check(raw.body)) return null;
  return { type: raw.type, body: raw.body } as WardMessage;
}
