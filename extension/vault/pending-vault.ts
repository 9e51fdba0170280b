/**
 * A vault being created: keys and slots exist, but nothing is in storage.local until the user has
 * confirmed the recovery words. Kept in storage.session because the service worker may be stopped
 * while the user writes the words down.
 */
import { storage } from 'wxt/utils/storage';
import type { SessionKeys, VaultMeta } from './items';

export interface PendingVault {
  meta: VaultMeta;
  keys: SessionKeys;
}

export const pendingVaultItem = storage.defineItem<PendingVault | null>('session:pendingVault', {
  fallback: null,
  version: 1,
});
