/** Service-worker wiring for passkeys: a lock (record key removed) also forgets any half-done registration. */
import { sessionKeysItem } from '../vault/items';
import { dropAll } from './pending';

/** Called once from background.ts. */
export function setupPasskey(): void {
  sessionKeysItem.watch((keys) => {
    if (!keys) dropAll();
  });
}
