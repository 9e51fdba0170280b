/**
 * In-memory read caches for the hot path (a pull): sessions by token hash, vault counters by
 * account. They are coherent because one process owns the database (opened with an exclusive
 * lock) and every write that changes a cached row runs in this process and clears the entry.
 */

/** A bounded map that drops its oldest insertion when full. */
export class BoundedCache<V> {
  readonly #map = new Map<string, V>();
  readonly #max: number;

  constructor(max = 10_000) {
    this.#max = max;
  }

  get(key: string): V | undefined {
    return this.#map.get(key);
  }

  set(key: string, value: V): void {
    if (this.#map.size >= this.#max) this.#map.delete(this.#map.keys().next().value as string);
    this.#map.set(key, value);
  }

  delete(key: string): void {
    this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
  }
}

/** A live session as the auth middleware needs it. Cleared on logout, revoke and lifetime change. */
export interface CachedSession {
  sessionId: string;
  accountId: string;
  deviceId: string;
  expiresAt: number;
  lastSeenAt: number;
}

/** A vault's change counters. Deleted after every push; cleared when tombstones are purged. */
export interface VaultHead {
  id: string;
  seq: number;
  purgedSeq: number;
}

export type SessionCache = BoundedCache<CachedSession>;
export type VaultHeadCache = BoundedCache<VaultHead>;
