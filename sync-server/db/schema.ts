/** Sync-server tables (drizzle-orm, SQLite). Times are Unix milliseconds; secrets are stored only as hashes. */
import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Column groups used by several tables. Functions, because a drizzle column builder belongs to one table.
const createdAt = () => integer('created_at').notNull();
const expiresAt = () => integer('expires_at').notNull();
const accountId = () =>
  text('account_id')
    .notNull()
    .references(() => accounts.id);
const deviceId = () =>
  text('device_id')
    .notNull()
    .references(() => devices.id);

/** A sync account: an email address and the session lifetime its owner chose. */
export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  sessionDays: integer('session_days').notNull().default(30),
  createdAt: createdAt(),
});

/**
 * A pending one-time sign-in code. Only HMAC-SHA-256(server key, id|email|code) is kept, so a copy
 * of the database cannot be brute-forced over the 10^6 possible codes (see sync-server/secrets.ts).
 */
export const signInCodes = sqliteTable(
  'sign_in_codes',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    codeHash: blob('code_hash', { mode: 'buffer' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    expiresAt: expiresAt(),
  },
  (t) => [index('sign_in_codes_email').on(t.email, t.createdAt)],
);

/** One signed-in browser install. A device with `revokedAt` set can never authenticate again. */
export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    accountId: accountId(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('devices_account').on(t.accountId)],
);

/** A bearer session: SHA-256 of the 256-bit token, never the token itself. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: blob('token_hash', { mode: 'buffer' }).notNull(),
    accountId: accountId(),
    deviceId: deviceId(),
    createdAt: createdAt(),
    expiresAt: expiresAt(),
    /** False: "keep me signed in" was off; the client keeps the token in memory only (see API.md). */
    persistent: integer('persistent', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    uniqueIndex('sessions_token_hash').on(t.tokenHash),
    index('sessions_device').on(t.deviceId),
    index('sessions_account').on(t.accountId),
  ],
);

/**
 * One vault per account. `seq` is the highest change number handed out; `purgedSeq` the highest
 * seq of a tombstone deleted by retention, so a cursor below it may have missed a deletion (410).
 */
export const vaults = sqliteTable('vaults', {
  id: text('id').primaryKey(),
  accountId: accountId().unique(),
  keySlots: text('key_slots').notNull(),
  keySlotsVersion: integer('key_slots_version').notNull(),
  seq: integer('seq').notNull().default(0),
  purgedSeq: integer('purged_seq').notNull().default(0),
  liveRecords: integer('live_records').notNull().default(0),
  /**
   * The vault key generation the client declared (8 hex digits, as in record blobs' headers), or
   * null until a client declares one. Pushes tagged with another generation are refused.
   */
  keyId: text('key_id'),
  createdAt: createdAt(),
});

/** An encrypted record (opaque base64url blob) or, with `blob` null, a tombstone. */
export const records = sqliteTable(
  'records',
  {
    vaultId: text('vault_id')
      .notNull()
      .references(() => vaults.id),
    id: text('id').notNull(),
    version: integer('version').notNull(),
    seq: integer('seq').notNull(),
    blob: text('blob'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('records_vault_record').on(t.vaultId, t.id),
    uniqueIndex('records_vault_seq').on(t.vaultId, t.seq),
    index('records_tombstones').on(t.updatedAt).where(sql`${t.blob} IS NULL`),
  ],
);

/** Append-only security log (UPDATE and DELETE are rejected by triggers in the migrations). */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: accountId(),
    at: integer('at').notNull(),
    type: text('type').notNull(),
    deviceId: text('device_id'),
    ip: text('ip'),
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('audit_events_account').on(t.accountId, t.id)],
);

/**
 * A new device's request to be approved by a signed-in one. The server relays the requester's
 * ephemeral X25519 public key and, once approved, the sealed transfer (opaque JSON). A row is
 * deleted when its result is delivered, when it expires, or when its device leaves.
 */
export const pairingRequests = sqliteTable(
  'pairing_requests',
  {
    id: text('id').primaryKey(),
    accountId: accountId(),
    deviceId: deviceId(),
    publicKey: text('public_key').notNull(),
    /** 'pending' until a device answers, then 'approved' or 'denied'. */
    status: text('status', { enum: ['pending', 'approved', 'denied'] }).notNull(),
    transfer: text('transfer'),
    answeredBy: text('answered_by'),
    createdAt: createdAt(),
    expiresAt: expiresAt(),
  },
  (t) => [
    index('pairing_requests_account').on(t.accountId, t.createdAt),
    index('pairing_requests_device').on(t.deviceId),
    index('pairing_requests_expiry').on(t.expiresAt),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type Device = typeof devices.$inferSelect;
export type Vault = typeof vaults.$inferSelect;
export type RecordRow = typeof records.$inferSelect;
export type PairingRequest = typeof pairingRequests.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
