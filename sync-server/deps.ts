/** What route modules receive from createApp: storage, mail, time and limits, all injectable. */

import type { SessionCache, VaultHeadCache } from './caches';
import type { Config } from './config';
import type { Db } from './db/client';
import type { Limits } from './limits';
import type { Logger } from './logger';
import type { Mailer } from './mail';
import type { PairingWaiters } from './pairing-waiters';

/** Shared dependencies of every route module. */
export interface ServerDeps {
  db: Db;
  mailer: Mailer;
  /** Current time in Unix ms; tests move it to expire codes, sessions and tombstones. */
  clock: () => number;
  config: Config;
  logger: Logger;
  limits: Limits;
  /** Key for sign-in code MACs (memory only). */
  codeKey: Uint8Array;
  /** Live sessions by token hash; cleared by every write that ends sessions. */
  sessionCache: SessionCache;
  /** Vault counters by account id; see caches.ts for who clears them. */
  vaultHeads: VaultHeadCache;
  /** Parked pairing long polls; main.ts wakes them all at shutdown. */
  pairingWaiters: PairingWaiters;
}

/** The authenticated caller, set by the session middleware. */
export interface SessionInfo {
  sessionId: string;
  accountId: string;
  deviceId: string;
}

/** Hono environment of authenticated routes. */
export interface AppEnv {
  Variables: { session: SessionInfo };
}

/** RFC 3339 timestamp of Unix ms. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
