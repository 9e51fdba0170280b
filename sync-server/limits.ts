/** Quotas, size limits and rate limits of the sync server, and the in-memory rate limiter. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every limit the server enforces; tests may override any of them. */
export const DEFAULT_LIMITS = {
  /** A sign-in code works for 10 minutes… */
  codeTtlMs: 10 * MINUTE,
  /** …and is burned by its 5th wrong attempt. */
  codeAttempts: 5,
  startsPerEmailPerHour: 5,
  startsPerIpPerHour: 30,
  /** Wrong codes per client address: bounds guessing spread over many email addresses. */
  failedVerifiesPerIpPerHour: 30,
  defaultSessionDays: 30,
  maxLiveRecords: 10_000,
  /** Decoded bytes of one record blob. */
  maxBlobBytes: 64 * 1024,
  maxBodyBytes: 1024 * 1024,
  /** Auth and account routes take a few hundred bytes at most. */
  smallBodyBytes: 16 * 1024,
  maxChangesPerPush: 1000,
  defaultPullLimit: 500,
  maxPullLimit: 1000,
  maxKeySlots: 32,
  maxKeySlotDataChars: 8 * 1024,
  tombstoneRetentionMs: 180 * DAY,
  /** lastSeenAt is written at most this often per device, keeping writes off the read path. */
  lastSeenWriteIntervalMs: MINUTE,
  defaultAuditLimit: 50,
  maxAuditLimit: 200,
  /** Client-reported audit events (export, backup…) per account: the log is append-only, so bounded. */
  clientEventsPerAccountPerHour: 30,
  /** A pairing request and any transfer it holds live 10 minutes from creation. */
  pairingTtlMs: 10 * MINUTE,
  pairingRequestsPerAccountPerHour: 10,
  pairingPendingPerAccount: 5,
  /** Characters of the sealed transfer JSON (a real one is about 200). */
  maxPairingTransferChars: 4096,
  /** Longest long-poll for a pairing result, and how many may wait at once on this server. */
  maxPairingWaitMs: 25_000,
  maxPairingWaiters: 1000,
  /** A rotation re-uploads every record in one request: 10,000 records of ~450 bytes fit easily. */
  rotateBodyBytes: 16 * 1024 * 1024,
};

export type Limits = typeof DEFAULT_LIMITS;

/** Sliding-window counter per key (email, client address), kept in memory. */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();
  readonly #limit: number;
  readonly #windowMs: number;

  constructor(limit: number, windowMs: number = HOUR) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Seconds until `key` may try again, or 0 when a hit is allowed now. */
  retryAfter(key: string, now: number): number {
    const hits = this.#live(key, now);
    if (hits.length < this.#limit) return 0;
    const oldest = hits[hits.length - this.#limit] ?? now;
    return Math.max(1, Math.ceil((oldest + this.#windowMs - now) / 1000));
  }

  /** Counts one hit for `key` at `now`. */
  record(key: string, now: number): void {
    const hits = this.#live(key, now);
    hits.push(now);
    this.#hits.set(key, hits);
    if (this.#hits.size > 10_000) this.#sweep(now);
  }

  #live(key: string, now: number): number[] {
    const hits = this.#hits.get(key);
    if (!hits) return [];
    const from = now - this.#windowMs;
    const live = hits.filter((t) => t > from);
    if (live.length) this.#hits.set(key, live);
    else this.#hits.delete(key);
    return live;
  }

  #sweep(now: number): void {
    for (const key of [...this.#hits.keys()]) this.#live(key, now);
  }
}
