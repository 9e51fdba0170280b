/**
 * The sync engine's own storage items (WXT storage, `version: 1`). storage.local: the account and
 * its bearer token (removed at sign-out and revocation), the last status, and a set-aside copy of
 * a vault replaced by joining the server's (ciphertext only). Merge bases live in the records.
 */
import { storage } from 'wxt/utils/storage';
import type { SetAsideVault, SyncAccount, SyncStatus } from './ports';

export const syncAccountItem = storage.defineItem<SyncAccount | null>('local:syncAccount', {
  fallback: null,
  version: 1,
});
export const syncStatusItem = storage.defineItem<SyncStatus | null>('local:syncStatus', {
  fallback: null,
  version: 1,
});
export const setAsideItem = storage.defineItem<SetAsideVault | null>('local:syncSetAside', {
  fallback: null,
  version: 1,
});
/** The bearer token of a session where "keep me signed in" was off: memory only, gone with the browser. */
export const sessionTokenItem = storage.defineItem<string | null>('session:syncToken', {
  fallback: null,
  version: 1,
});
