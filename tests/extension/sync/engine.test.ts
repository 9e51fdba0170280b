// Sync engine against the real server on loopback: first upload, a second device adopting the
// vault, and concurrent edits merged with nothing lost.
import { describe, expect, it } from 'vitest';
import { CONFLICT_TAG } from '../../../crypto-core/merge';
import { generateCode } from '../../../crypto-core/otp';
import { Device, entry, PASS, SECRET_1, SECRET_2, visible } from './device';
import { loopbackServerForFile } from './server-for-file';

const server = loopbackServerForFile();
let n = 0;
const email = () => `user${++n}@example.com`;
const device = () => new Device(server.url, (e) => server.code(e));

/** Two devices on one account, both holding the same vault and one shared entry. */
async function pair() {
  const mail = email();
  const a = device();
  await a.createVault();
  const shared = await a.add(entry('ACME', 'alice@example.com'));
  expect((await a.signIn(mail, 'Laptop')).state).toBe('synced');
  const b = device();
  await b.signIn(mail, 'Desktop');
  expect((await b.engine.join(PASS)).state).toBe('synced');
  return { a, b, shared, mail };
}

describe('first device', () => {
  it('creates the server vault with its own id and slots, then uploads every entry', async () => {
    const a = device();
    await a.createVault();
    await a.add(entry('ACME', 'alice@example.com'));
    await a.add(entry('Globex', 'bob@example.com', SECRET_2));
    const s = await a.signIn(email());
    expect(s).toMatchObject({ state: 'synced', pending: 0, reason: null });
    expect(s.lastSyncAt).not.toBeNull();

    const rows = server.db().$client.prepare('SELECT id, version, blob FROM records').all() as {
      id: string;
      version: number;
    }[];
    const mine = Object.keys(a.store.cache.records);
    expect(rows.filter((r) => mine.includes(r.id)).map((r) => r.version)).toEqual([1, 1]);
    const vault = server
      .db()
      .$client.prepare('SELECT id, key_slots FROM vaults WHERE id = ?')
      .get(a.store.vault?.vaultId) as { key_slots: string };
    expect(JSON.parse(vault.key_slots)[0].id).toBe(a.store.vault?.slots[0]?.id);
    // Every cached record is clean, at its server version, with its base kept for merges.
    for (const r of Object.values(a.store.cache.records))
      expect(r).toMatchObject({ dirty: false, version: 1 });
    expect(Object.keys(a.store.cache.bases).sort()).toEqual(mine.sort());
  });

  it('signed in without a vault: says to create one, and links it once created', async () => {
    const a = device();
    const s = await a.signIn(email());
    expect(s).toMatchObject({ state: 'error', reason: 'no-vault' });
    await a.createVault();
    await a.add(entry('ACME', 'late@example.com'));
    expect(await a.engine.sync({ force: true })).toMatchObject({ state: 'synced', pending: 0 });
  });
});

describe('second device', () => {
  it('is asked to join, refuses a wrong passphrase, then sees the same entries and codes', async () => {
    const mail = email();
    const a = device();
    await a.createVault();
    await a.add(entry('ACME', 'alice@example.com'));
    await a.add(entry('Globex', 'bob@example.com', SECRET_2));
    await a.signIn(mail);

    const b = device();
    expect(await b.signIn(mail)).toMatchObject({ state: 'error', reason: 'join-needed' });
    await expect(b.engine.join('not the passphrase at all')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(b.store.vault).toBeNull();
    expect(await b.engine.join(PASS)).toMatchObject({ state: 'synced', pending: 0 });
    expect(b.store.vault?.vaultId).toBe(a.store.vault?.vaultId);
    expect(visible(await b.entries())).toEqual(visible(await a.entries()));
    const t = Date.UTC(2026, 0, 1);
    const codes = async (d: Device) => (await d.entries()).map((r) => generateCode(r, t));
    expect(await codes(b)).toEqual(await codes(a));
  });

  it('moves the entries of its own, different vault into the synced one (unlock first), skipping duplicates', async () => {
    const mail = email();
    const a = device();
    await a.createVault();
    await a.add(entry('ACME', 'alice@example.com'));
    await a.signIn(mail);

    const b = device();
    await b.createVault('another passphrase for b');
    await b.add(entry('ACME', 'alice@example.com')); // the same account, added on both before syncing
    await b.add(entry('Initech', 'carol@example.com', SECRET_2));
    const oldVault = b.store.vault?.vaultId;
    expect(await b.signIn(mail)).toMatchObject({ reason: 'join-needed' });
    b.lock();
    await expect(b.engine.join(PASS)).rejects.toMatchObject({ code: 'locked' });
    await b.unlock('another passphrase for b');
    expect(await b.engine.join(PASS)).toMatchObject({ state: 'synced', pending: 0 });
    // The old vault is kept aside, encrypted, in case anything went wrong.
    expect(b.store.aside?.meta.vaultId).toBe(oldVault);
    expect(Object.keys(b.store.aside?.records ?? {})).toHaveLength(2);

    await a.engine.sync({ force: true });
    const want = [
      ['ACME', 'alice@example.com', SECRET_1],
      ['Initech', 'carol@example.com', SECRET_2],
    ];
    expect(visible(await a.entries())).toEqual(want);
    expect(visible(await b.entries())).toEqual(want);
  });
});

describe('concurrent edits', () => {
  it('different fields of one entry on two devices: both edits survive on both', async () => {
    const { a, b, shared } = await pair();
    await a.edit(shared, { issuer: 'ACME Corp' });
    await b.edit(shared, { note: 'recovery codes in the safe' });
    await a.engine.sync({ force: true });
    expect((await b.engine.sync({ force: true })).pending).toBe(0);
    await a.engine.sync({ force: true });
    for (const d of [a, b]) {
      expect(await d.get(shared)).toMatchObject({ issuer: 'ACME Corp', note: 'recovery codes in the safe' });
      expect(Object.keys(d.store.cache.records)).toHaveLength(1);
    }
  });

  it('two different secrets for one entry: both kept, the local one as a visible conflicted copy', async () => {
    const { a, b, shared } = await pair();
    await a.edit(shared, { secret: SECRET_2 });
    await b.edit(shared, { secret: 'JBSWY3DPEHPK3PXP' });
    await a.engine.sync({ force: true });
    await b.engine.sync({ force: true });
    await a.engine.sync({ force: true });
    for (const d of [a, b]) {
      const all = await d.entries();
      expect(all.map((r) => r.secret).sort()).toEqual(['JBSWY3DPEHPK3PXP', SECRET_2].sort());
      expect(all.find((r) => r.secret === 'JBSWY3DPEHPK3PXP')?.tags).toContain(CONFLICT_TAG);
      expect(all.find((r) => r.id === shared)?.secret).toBe(SECRET_2);
    }
  });

  it('delete on one device, edit on the other: the edit wins everywhere', async () => {
    const { a, b, shared } = await pair();
    await a.remove(shared);
    await b.edit(shared, { account: 'alice@acme.example' });
    await a.engine.sync({ force: true });
    await b.engine.sync({ force: true });
    await a.engine.sync({ force: true });
    for (const d of [a, b])
      expect(visible(await d.entries())).toEqual([['ACME', 'alice@acme.example', SECRET_1]]);
  });

  it('a delete nobody contested reaches the other device and stays deleted', async () => {
    const { a, b, shared } = await pair();
    await a.remove(shared);
    expect((await a.engine.sync({ force: true })).pending).toBe(0);
    await b.engine.sync({ force: true });
    expect(await b.entries()).toEqual([]);
    await b.engine.sync({ force: true });
    await a.engine.sync({ force: true });
    expect(await a.entries()).toEqual([]);
  });

  it('a locked device still pulls ciphertext, and merges its own pending edit after unlock', async () => {
    const { a, b, shared } = await pair();
    await b.edit(shared, { note: 'from b' });
    b.lock();
    await a.edit(shared, { issuer: 'ACME Inc' });
    await a.add(entry('Hooli', 'dan@example.com', SECRET_2));
    await a.engine.sync({ force: true });
    expect((await b.engine.sync({ force: true })).pending).toBe(1);
    await b.unlock();
    expect((await b.engine.sync({ force: true })).pending).toBe(0);
    await a.engine.sync({ force: true });
    for (const d of [a, b]) {
      expect(await d.get(shared)).toMatchObject({ issuer: 'ACME Inc', note: 'from b' });
      expect(await d.entries()).toHaveLength(2);
    }
  });

  it('a passphrase changed on one device reaches the other', async () => {
    const { a, b } = await pair();
    const { createPassphraseSlot, openPassphraseSlot } = await import('../../../crypto-core/keyslots');
    const { ARGON2_FLOOR } = await import('../../../crypto-core/kdf');
    const meta = a.store.vault as NonNullable<typeof a.store.vault>;
    const vk = await openPassphraseSlot(
      meta.slots[0] as NonNullable<(typeof meta.slots)[0]>,
      meta.vaultId,
      PASS,
    );
    const slot = await createPassphraseSlot(vk, meta.vaultId, 'a brand new passphrase', ARGON2_FLOOR);
    vk.fill(0);
    a.store.vault = { ...meta, slots: [slot] };
    await a.engine.sync({ force: true });
    await b.engine.sync({ force: true });
    expect(b.store.vault?.slots.map((s) => s.id)).toEqual([slot.id]);
    await b.unlock('a brand new passphrase');
  });
});
