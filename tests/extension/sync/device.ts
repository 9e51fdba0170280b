// A simulated extension install for engine tests: an in-memory SyncStore holding a vault made with
// crypto-core (the same sealed records and slots the extension stores), and helpers that edit
// entries the way extension/vault/record-store.ts does (seal, mark dirty).
import { randomUUID } from 'node:crypto';
import type { Entry } from '../../../crypto-core/entry';
import { ARGON2_FLOOR } from '../../../crypto-core/kdf';
import { createPassphraseSlot, generateVaultKey, openPassphraseSlot } from '../../../crypto-core/keyslots';
import {
  deriveVaultKeys,
  openRecord,
  sealRecord,
  type VaultKeys,
  type VaultRecord,
} from '../../../crypto-core/vault';
import { isDeleted } from '../../../extension/sync/apply';
import { createSyncEngine, type SyncEngine } from '../../../extension/sync/engine';
import type { SetAsideVault, SyncAccount, SyncCache, SyncStore } from '../../../extension/sync/ports';
import type { VaultMeta } from '../../../extension/vault/items';

const copyKeys = (k: VaultKeys): VaultKeys => ({ ...k, recordKey: k.recordKey.slice() });

export class MemoryStore implements SyncStore {
  cache: SyncCache = { records: {}, bases: {}, cursor: null };
  vault: VaultMeta | null = null;
  unlocked: VaultKeys | null = null;
  acct: SyncAccount | null = null;
  aside: SetAsideVault | null = null;
  install = randomUUID();
  #queue: Promise<unknown> = Promise.resolve();

  transact<T>(fn: (cache: SyncCache) => T | Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      const copy = structuredClone(this.cache);
      const out = await fn(copy);
      this.cache = copy;
      return out;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
  async read() {
    return structuredClone(this.cache);
  }
  async meta() {
    return this.vault ? structuredClone(this.vault) : null;
  }
  async setMeta(meta: VaultMeta) {
    this.vault = structuredClone(meta);
  }
  async keys() {
    return this.unlocked ? copyKeys(this.unlocked) : null;
  }
  async replaceVault(meta: VaultMeta, keys: VaultKeys, cache: SyncCache) {
    this.vault = structuredClone(meta);
    this.unlocked = copyKeys(keys);
    this.cache = structuredClone(cache);
  }
  async setAside(old: SetAsideVault) {
    this.aside = structuredClone(old);
  }
  async account() {
    return this.acct ? { ...this.acct } : null;
  }
  async setAccount(a: SyncAccount | null) {
    this.acct = a ? { ...a } : null;
  }
  async lock() {
    this.unlocked?.recordKey.fill(0);
    this.unlocked = null;
  }
  async wipe() {
    this.cache = { records: {}, bases: {}, cursor: null };
    this.vault = null;
    this.unlocked = null;
    this.acct = null;
    this.aside = null;
  }
  async deviceId() {
    return this.install;
  }
}

export const PASS = 'correct horse battery staple orbit';
/** RFC 6238 appendix B seeds (SHA1 "12345678901234567890" and SHA256 32-byte) in base32. */
export const SECRET_1 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const SECRET_2 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';

export function entry(issuer: string, account: string, secret = SECRET_1): Entry {
  return { type: 'totp', issuer, account, secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
}

export interface DeviceOptions {
  now?: () => number;
}

/** One install: store + engine + vault helpers. */
export class Device {
  readonly store = new MemoryStore();
  readonly engine: SyncEngine;
  clock: () => number;

  constructor(
    readonly serverUrl: string,
    readonly code: (email: string) => string,
    options: DeviceOptions = {},
  ) {
    this.clock = options.now ?? Date.now;
    this.engine = createSyncEngine({ store: this.store, now: () => this.clock() });
  }

  async createVault(passphrase = PASS): Promise<void> {
    const vaultId = randomUUID();
    const vk = generateVaultKey();
    const slot = await createPassphraseSlot(vk, vaultId, passphrase, ARGON2_FLOOR);
    this.store.vault = { vaultId, slots: [slot], createdAt: Date.now() };
    this.store.unlocked = await deriveVaultKeys(vk, vaultId);
    vk.fill(0);
  }

  async unlock(passphrase = PASS): Promise<void> {
    const meta = this.store.vault as VaultMeta;
    const slot = meta.slots.find((s) => s.kind === 'passphrase');
    if (!slot) throw new Error('no passphrase slot');
    const vk = await openPassphraseSlot(slot, meta.vaultId, passphrase);
    this.store.unlocked = await deriveVaultKeys(vk, meta.vaultId);
    vk.fill(0);
  }

  lock(): void {
    this.store.unlocked = null;
  }

  #keys(): VaultKeys {
    if (!this.store.unlocked) throw new Error('locked');
    return this.store.unlocked;
  }

  async #put(r: VaultRecord): Promise<void> {
    const blob = await sealRecord(this.#keys(), r);
    await this.store.transact((c) => {
      c.records[r.id] = { blob, version: c.records[r.id]?.version ?? null, dirty: true };
    });
  }

  async add(e: Entry): Promise<string> {
    const id = randomUUID();
    await this.#put({ ...e, id, rev: 1, updatedAt: this.clock(), deviceId: this.store.install });
    return id;
  }

  async get(id: string): Promise<VaultRecord> {
    const r = this.store.cache.records[id];
    if (!r?.blob || r.deletedAt !== undefined) throw new Error(`no entry ${id}`);
    return openRecord(this.#keys(), id, r.blob);
  }

  async edit(id: string, patch: Partial<Entry>, at = this.clock()): Promise<void> {
    const r = await this.get(id);
    await this.#put({ ...r, ...patch, rev: r.rev + 1, updatedAt: at, deviceId: this.store.install });
  }

  async remove(id: string): Promise<void> {
    await this.store.transact((c) => {
      const cur = c.records[id];
      if (cur) c.records[id] = { ...cur, dirty: true, deletedAt: this.clock() };
    });
  }

  /** Every readable live entry, sorted by issuer then account. */
  async entries(): Promise<VaultRecord[]> {
    const out: VaultRecord[] = [];
    for (const [id, r] of Object.entries(this.store.cache.records)) {
      if (isDeleted(r)) continue;
      out.push(await openRecord(this.#keys(), id, r.blob as string));
    }
    return out.sort((a, b) => `${a.issuer}|${a.account}`.localeCompare(`${b.issuer}|${b.account}`));
  }

  async signIn(email: string, name = 'Test browser') {
    await this.engine.startSignIn(this.serverUrl, email);
    return this.engine.finishSignIn(this.serverUrl, email, this.code(email), name);
  }
}

/** A new device with a vault of two entries (ACME, Globex) that signs in to `email` as "Laptop". */
export async function laptopWithTwoEntries(make: () => Device, email: string) {
  const a = make();
  await a.createVault();
  await a.add(entry('ACME', 'alice@example.com'));
  await a.add(entry('Globex', 'bob@example.com', SECRET_2));
  return { a, signedIn: await a.signIn(email, 'Laptop') };
}

/** The vault key behind `d`'s passphrase slot, opened the way a user holding the passphrase would. */
export async function vaultKeyOf(d: Device, passphrase = PASS): Promise<Uint8Array> {
  const meta = d.store.vault;
  const slot = meta?.slots.find((s) => s.kind === 'passphrase');
  if (!meta || !slot) throw new Error('no vault');
  return openPassphraseSlot(slot, meta.vaultId, passphrase);
}

/** What a user would compare: names and secrets, nothing else. */
export const visible = (rs: VaultRecord[]) =>
  rs.map((r) => [r.issuer, r.account, r.secret, ...(r.tags ?? [])]);
