// The real sync server on a loopback port with a temp SQLite file, which can be stopped and
// started again on the same port and file (the "server down while editing" tests). Sign-in codes
// are caught by an in-process mailer; the server's own tests cover SMTP.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../../../sync-server/app';
import { BoundedCache, type VaultHead } from '../../../sync-server/caches';
import { loadConfig } from '../../../sync-server/config';
import { type Db, openDatabase } from '../../../sync-server/db/client';
import type { Mailer } from '../../../sync-server/mail';
import { purgeExpired } from '../../../sync-server/maintenance';
import { newCodeKey } from '../../../sync-server/secrets';

export interface LoopbackServer {
  url: string;
  dbPath: string;
  db(): Db;
  /** deletes every tombstone now, as 180 days of retention would (raises purgedSeq) */
  purgeTombstones(): void;
  /** the last code mailed to `email` */
  code(email: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const quiet = { info() {}, warn() {}, error() {} };

/** Starts the server on 127.0.0.1 (a free port the first time, the same port after a restart). */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ward-sync-'));
  const dbPath = join(dir, 'ward.db');
  const codes = new Map<string, string>();
  const mailer: Mailer = {
    async sendSignInCode(to, code) {
      codes.set(to, code);
    },
    close() {},
  };
  // Codes and sessions must survive a restart within one test.
  const codeKey = newCodeKey();
  let port = 0;
  let server: ServerType | null = null;
  let db: Db | null = null;
  let heads = new BoundedCache<VaultHead>();

  async function start(): Promise<void> {
    db = openDatabase(dbPath);
    heads = new BoundedCache<VaultHead>();
    const app = createApp({
      db,
      mailer,
      config: loadConfig({ DATABASE_PATH: dbPath }),
      logger: quiet,
      codeKey,
      vaultHeads: heads,
      limits: { startsPerIpPerHour: 10_000, failedVerifiesPerIpPerHour: 10_000, startsPerEmailPerHour: 1000 },
    });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  }

  async function stop(): Promise<void> {
    const s = server;
    server = null;
    if (s) {
      (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    db?.$client.close();
    db = null;
  }

  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    dbPath,
    db: () => {
      if (!db) throw new Error('the server is stopped');
      return db;
    },
    purgeTombstones() {
      if (!db) throw new Error('the server is stopped');
      purgeExpired(db, Date.now() + 1000, 0, heads);
    },
    code(email) {
      const c = codes.get(email);
      if (!c) throw new Error(`no code mailed to ${email}`);
      return c;
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
