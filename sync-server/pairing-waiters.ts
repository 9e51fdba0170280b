/**
 * Long-poll wake-ups for pairing results: a poll parks here until the request is answered, its
 * wait runs out, or the client goes away. In memory: one process owns the database (see caches.ts).
 */

/** Parked polls by request id, bounded in number so idle connections cannot pile up without end. */
export class PairingWaiters {
  readonly #waiting = new Map<string, Set<() => void>>();
  readonly #max: number;
  #count = 0;
  #closed = false;

  constructor(max: number) {
    this.#max = max;
  }

  /** Number of parked polls. */
  get size(): number {
    return this.#count;
  }

  /**
   * Resolves when `notify(id)` is called, after `ms`, or when `signal` aborts, whichever is first.
   * Resolves at once when the server already holds `max` parked polls (the client simply polls again).
   */
  wait(id: string, ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || this.#closed || this.#count >= this.#max || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const set = this.#waiting.get(id) ?? new Set<() => void>();
      this.#waiting.set(id, set);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        if (set.delete(done)) this.#count -= 1;
        if (set.size === 0 && this.#waiting.get(id) === set) this.#waiting.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      set.add(done);
      this.#count += 1;
    });
  }

  /** Shutdown: wakes every parked poll and parks no more (they answer `pending`; clients poll again). */
  close(): void {
    this.#closed = true;
    for (const id of [...this.#waiting.keys()]) this.notify(id);
  }

  /** Wakes every poll parked on `id`. */
  notify(id: string): void {
    for (const done of [...(this.#waiting.get(id) ?? [])]) done();
  }
}
