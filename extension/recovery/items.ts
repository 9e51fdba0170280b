/** When the recovery words were last confirmed (not secret; storage.local). */
import { storage } from 'wxt/utils/storage';

/** Epoch ms of the last successful recovery-word check; null = only at vault creation (meta.createdAt). */
export const recoveryConfirmedItem = storage.defineItem<number | null>('local:recoveryConfirmedAt', {
  fallback: null,
  version: 1,
});
