/**
 * Typed storage items (WXT storage, `version: 1` from the start so later shapes migrate).
 * storage.local holds only ciphertext, key slots and non-secret settings; storage.session
 * (memory only, cleared when the browser closes) holds the unlocked record key.
 */
import { storage } from 'wxt/utils/storage';
import type { KeySlot } from '../../crypto-core/keyslots';
import type { Settings } from '../messages';

/** The vault's identity and its key slots (opaque wrapped keys), cached from / for the server. */
export interface VaultMeta {
  vaultId: string;
  slots: KeySlot[];
  createdAt: number;
}

/**
 * One record in the local cache. `version` is the server's per-record version (null until the
 * first push) and `dirty` marks a local write not yet pushed, so the sync engine can replay it.
 * A deleted record keeps its blob only for the undo window, then becomes a bare tombstone.
 */
export interface CachedRecord {
  blob: string | null;
  version: number | null;
  dirty: boolean;
  deletedAt?: number;
  /**
   * The server copy a not-yet-pushed edit started from: the common ancestor for the sync engine's
   * three-way merge. Absent on a clean record (its blob is that copy) and on one never synced.
   */
  base?: string;
}

/** Where the sync engine left off; unused until sync lands, but part of the cache format. */
export interface SyncCursor {
  serverUrl: string | null;
  seq: number | null;
}

export interface UnlockThrottle {
  failures: number;
  retryAt: number;
}

/** What storage.session keeps while unlocked: the derived record key, never VK or the passphrase. */
export interface SessionKeys {
  vaultId: string;
  keyId: number;
  /** base64 of RK */
  recordKey: string;
}

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15, theme: 'system' };

export const vaultMetaItem = storage.defineItem<VaultMeta | null>('local:vault', {
  fallback: null,
  version: 1,
});
export const recordsItem = storage.defineItem<Record<string, CachedRecord>>('local:records', {
  fallback: {},
  version: 1,
});
export const syncCursorItem = storage.defineItem<SyncCursor>('local:syncCursor', {
  fallback: { serverUrl: null, seq: null },
  version: 1,
});
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});
export const throttleItem = storage.defineItem<UnlockThrottle>('local:unlockThrottle', {
  fallback: { failures: 0, retryAt: 0 },
  version: 1,
});
/** A random id naming this install in records' `deviceId` (not secret). */
export const deviceIdItem = storage.defineItem<string | null>('local:deviceId', {
  fallback: null,
  version: 1,
});

export const sessionKeysItem = storage.defineItem<SessionKeys | null>('session:keys', {
  fallback: null,
  version: 1,
});
/** epoch ms of the last user activity; the idle lock compares against it after a worker restart */
export const lastActivityItem = storage.defineItem<number>('session:lastActivity', {
  fallback: 0,
  version: 1,
});
/** test-only shorter idle timeout (ms), session-scoped; 0 = none */
export const idleOverrideItem = storage.defineItem<number>('session:idleOverrideMs', {
  fallback: 0,
  version: 1,
});
