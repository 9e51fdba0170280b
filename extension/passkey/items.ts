/**
 * Local, non-secret labels for unlock methods: passkey names by slot id (the slot itself stays the
 * opaque crypto-core JSON the server stores).
 */
import { storage } from 'wxt/utils/storage';

/** "MacBook Touch ID" etc., keyed by prf slot id; slots synced from other devices show a default name. */
export const passkeyNamesItem = storage.defineItem<Record<string, string>>('local:passkeyNames', {
  fallback: {},
  version: 1,
});
