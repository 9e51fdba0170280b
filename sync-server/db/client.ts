/** Opens the SQLite database (better-sqlite3) in WAL mode and applies drizzle-kit migrations. */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabaseOptions {
  /** How long a writer waits for another connection's lock before failing (ms). */
  busyTimeoutMs?: number;
  /** Hold the file lock for the life of the connection (default true); false lets other processes read. */
  exclusive?: boolean;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens (creating folder and file if needed) and migrates the database at `path`; `:memory:` works for tests. */
export function openDatabase(
  path: string,
  { busyTimeoutMs = 5000, exclusive = true }: OpenDatabaseOptions = {},
): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL: a commit is one sequential append. FULL syncs it at every commit, so an acknowledged
  // push survives a power cut too, not just a crashed process.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  // One server process owns the file: no other process can open it while we run (so no second
  // server can break the single-writer assumption), and reads skip the shared-memory locks
  // (measured: a pull's queries take about half the time).
  if (exclusive) sqlite.pragma('locking_mode = EXCLUSIVE');
  // Deleted rows are overwritten with zeros, not left in free pages: a pairing transfer deleted
  // on delivery is gone from the file at the next checkpoint.
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder });
  return db;
}
