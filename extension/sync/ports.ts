/**
 * What the sync engine needs from the extension, as interfaces: the local cache (records, base
 * copies, cursor), the vault's identity and keys, and the sync account. The service worker passes
 * storage-backed implementations (local-store.ts); tests pass an in-memory one.
 */
import type { VaultKeys } from '../../crypto-core/vault';
import type { CachedRecord, VaultMeta } from '../vault/items';

/** The signed-in sync account on this device (storage.local; the token is removed at sign-out). */
export interface SyncAccount {
  /** origin of the server, e.g. https://ward.example.com */
  serverUrl: string;
  email: string;
  accountId: string;
  /** the server's id for this device (not the records' deviceId) */
  deviceId: string;
  token: string;
  /** ms; a 401 after this is an expired session, before it a revoked device */
  expiresAt: number;
  /** the server vault this device's cache belongs to; null until linked */
  vaultId: string | null;
  /** the server's key-slot version this device last saw */
  keySlotsVersion: number;
  /** JSON of the local key slots as last agreed with the server, to tell local from remote changes */
  syncedSlots: string | null;
  /** the vault key generation (8 hex) this device's cache is sealed under, as last agreed; sent on pushes */
  keyId?: string | null;
  /** false: "keep me signed in" was off; the token lives in storage.session and ends with the browser */
  persistent?: boolean;
}

/**
 * The cache as the engine edits it inside one transaction. `bases` holds, per record id, the last
 * blob the server acknowledged or served: the common ancestor of a three-way merge. (The storage
 * adapter keeps it inside each record, and only where it differs from the record's blob.)
 */
export interface SyncCache {
  records: Record<string, CachedRecord>;
  bases: Record<string, string>;
  /** pull cursor (the server's seq); null: pull a full snapshot next */
  cursor: number | null;
}

/** The previous local vault kept aside (ciphertext and slots) when this device adopted the server's. */
export interface SetAsideVault {
  meta: VaultMeta;
  records: Record<string, CachedRecord>;
  at: number;
}

export interface SyncStore {
  /**
   * Runs `fn` on a private copy of the cache, serialised with the vault's own writes, and saves
   * what `fn` left (records, bases and cursor together). A throw saves nothing.
   */
  transact<T>(fn: (cache: SyncCache) => T | Promise<T>): Promise<T>;
  /** A private copy of the cache, for reading only. */
  read(): Promise<SyncCache>;
  meta(): Promise<VaultMeta | null>;
  setMeta(meta: VaultMeta): Promise<void>;
  /** The unlocked keys, or null while locked. */
  keys(): Promise<VaultKeys | null>;
  /** Swaps the local vault for another (joining the server's) and leaves it unlocked with `keys`. */
  replaceVault(meta: VaultMeta, keys: VaultKeys, cache: SyncCache): Promise<void>;
  setAside(old: SetAsideVault): Promise<void>;
  account(): Promise<SyncAccount | null>;
  setAccount(account: SyncAccount | null): Promise<void>;
  /** Locks the vault (wipes the unlocked keys), e.g. after another device rotated the vault key. */
  lock(): Promise<void>;
  /** Revoked device: erases records, slots, cursor, bases, set-aside copy, token and unlocked keys. */
  wipe(): Promise<void>;
  /** This install's id, written into records it edits. */
  deviceId(): Promise<string>;
}

export type SyncState = 'signed-out' | 'synced' | 'syncing' | 'offline' | 'error';

/** Machine-readable reason next to a state (the popup words it; `message` is a default wording). */
export type SyncReason =
  | 'offline'
  | 'rate-limited'
  | 'server-error'
  | 'revoked'
  | 'expired'
  | 'join-needed'
  | 'no-vault'
  | 'vault-elsewhere'
  | 'rejected';

export interface SyncStatus {
  state: SyncState;
  reason: SyncReason | null;
  message: string;
  serverUrl: string | null;
  email: string | null;
  /** ms of the last sync that reached the server and finished */
  lastSyncAt: number | null;
  /** local changes not yet on the server */
  pending: number;
  /** server Date − local clock, ms (Date has 1 s resolution); null before the first answer */
  clockSkewMs: number | null;
  /** |skew| > 15 s: TOTP codes from this device will be wrong */
  clockSkewWarning: boolean;
  /** when the engine will try again after a failure (backoff), ms */
  nextRetryAt: number | null;
}
