// Sync engine when things go wrong: server down while editing, 410 resyncs, a revoked device, an
// expired session, and a wrong local clock. Real server on loopback, stopped and restarted.
import { describe, expect, it } from 'vitest';
import { Device, entry, PASS, SECRET_2, visible } from './device';
import { loopbackServerForFile } from './server-for-file';

const server = loopbackServerForFile();
let n = 0;
const email = () => `resilient${++n}@example.com`;
const device = (now?: () => number) => new Device(server.url, (e) => server.code(e), now ? { now } : {});

async function pair() {
  const mail = email();
  const a = device();
  await a.createVault();
  const shared = await a.add(entry('ACME', 'alice@example.com'));
  await a.signIn(mail, 'Laptop');
  const b = device();
  await b.signIn(mail, 'Desktop');
  await b.engine.join(PASS);
  return { a, b, shared, mail };
}

describe('server unreachable', () => {
  it('keeps edits pending while the server is down, backs off, and pushes them when it is back', async () => {
    const { a, b, shared } = await pair();
    await server.stop();
    try {
      await a.edit(shared, { note: 'edited offline' });
      const added = await a.add(entry('Globex', 'bob@example.com', SECRET_2));
      const s = await a.engine.sync({ force: true });
      expect(s).toMatchObject({ state: 'offline', reason: 'offline', pending: 2 });
      expect(s.nextRetryAt).toBeGreaterThan(Date.now());
      // Inside the backoff window an unforced sync does not even try.
      expect(await a.engine.sync()).toBe(s);
      const again = await a.engine.sync({ force: true });
      expect((again.nextRetryAt ?? 0) - Date.now()).toBeGreaterThan(0);
      expect(a.store.cache.records[added]?.dirty).toBe(true);
    } finally {
      await server.start();
    }
    expect(await a.engine.sync({ force: true })).toMatchObject({
      state: 'synced',
      pending: 0,
      nextRetryAt: null,
    });
    await b.engine.sync({ force: true });
    expect(visible(await b.entries())).toEqual(visible(await a.entries()));
    expect(await b.get(shared)).toMatchObject({ note: 'edited offline' });
  });

  it('both devices edit the same entry while the server is down: after it returns nothing is lost', async () => {
    const { a, b, shared } = await pair();
    await server.stop();
    await a.edit(shared, { issuer: 'ACME (work)' });
    await b.edit(shared, { tags: ['work'] });
    await b.add(entry('Initech', 'carol@example.com', SECRET_2));
    expect((await a.engine.sync({ force: true })).state).toBe('offline');
    expect((await b.engine.sync({ force: true })).state).toBe('offline');
    await server.start();
    await a.engine.sync({ force: true });
    await b.engine.sync({ force: true });
    await a.engine.sync({ force: true });
    for (const d of [a, b]) {
      expect(visible(await d.entries())).toEqual([
        ['ACME (work)', 'alice@example.com', expect.any(String), 'work'],
        ['Initech', 'carol@example.com', SECRET_2],
      ]);
    }
  });
});

describe('410: the cursor cannot continue', () => {
  it('after tombstones were purged, resyncs by id: deletions stay deleted, pending edits survive', async () => {
    const { a, b, shared } = await pair();
    const keep = await a.add(entry('Globex', 'bob@example.com', SECRET_2));
    await a.engine.sync({ force: true });
    await b.engine.sync({ force: true });
    // b keeps an unpushed edit while a deletes the shared entry and the server purges the tombstone.
    await b.edit(keep, { note: 'b was here' });
    await a.remove(shared);
    await a.engine.sync({ force: true });
    server.purgeTombstones();
    await a.add(entry('Hooli', 'dan@example.com'));
    await a.engine.sync({ force: true });

    expect(await b.engine.sync({ force: true })).toMatchObject({ state: 'synced', pending: 0 });
    await a.engine.sync({ force: true });
    for (const d of [a, b]) {
      expect((await d.entries()).map((r) => r.issuer)).toEqual(['Globex', 'Hooli']);
      expect(await d.get(keep)).toMatchObject({ note: 'b was here' });
    }
  });

  it('a cursor ahead of the server (restored from a backup) pushes back what the server lost', async () => {
    const { a, b } = await pair();
    await b.store.transact((c) => {
      c.cursor = 1_000_000;
    });
    expect(await b.engine.sync({ force: true })).toMatchObject({ state: 'synced', pending: 0 });
    expect(b.store.cache.cursor).toBeLessThan(1_000_000);
    await a.engine.sync({ force: true });
    expect(visible(await b.entries())).toEqual(visible(await a.entries()));
  });
});

describe('session ends', () => {
  it('a revoked device is told so, signs out and wipes its local copy', async () => {
    const { a, b } = await pair();
    const other = (await fetch(`${server.url}/v1/devices`, {
      headers: { authorization: `Bearer ${a.store.acct?.token}` },
    }).then((r) => r.json())) as { id: string; current: boolean }[];
    const target = other.find((d) => d.id === b.store.acct?.deviceId);
    expect(target?.current).toBe(false);
    const del = await fetch(`${server.url}/v1/devices/${target?.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${a.store.acct?.token}` },
    });
    expect(del.status).toBe(204);

    await b.add(entry('Unsynced', 'x@example.com'));
    const s = await b.engine.sync({ force: true });
    expect(s).toMatchObject({ state: 'signed-out', reason: 'revoked' });
    expect(s.message).toMatch(/removed from your Ward account/);
    expect(b.store.acct).toBeNull();
    expect(b.store.vault).toBeNull();
    expect(b.store.unlocked).toBeNull();
    expect(b.store.cache).toEqual({ records: {}, bases: {}, cursor: null });
    // The other device is untouched.
    expect((await a.engine.sync({ force: true })).state).toBe('synced');
  });

  it('an expired session signs out but keeps the vault and its unpushed edits', async () => {
    const { b } = await pair();
    await fetch(`${server.url}/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.store.acct?.token}` },
    });
    await b.store.setAccount({
      ...(b.store.acct as NonNullable<typeof b.store.acct>),
      expiresAt: Date.now() - 1,
    });
    const id = await b.add(entry('Kept', 'k@example.com'));
    expect(await b.engine.sync({ force: true })).toMatchObject({
      state: 'signed-out',
      reason: 'expired',
      pending: 1,
    });
    expect(b.store.vault).not.toBeNull();
    expect((await b.get(id)).issuer).toBe('Kept');
  });

  it('signing out ends the server session and keeps the local vault', async () => {
    const { b } = await pair();
    const token = b.store.acct?.token;
    expect((await b.engine.signOut()).state).toBe('signed-out');
    expect(b.store.acct).toBeNull();
    expect(await b.entries()).toHaveLength(1);
    const r = await fetch(`${server.url}/v1/vault`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(401);
  });
});

describe('clock skew', () => {
  it('warns when the local clock is more than 15 s off the server', async () => {
    const mail = email();
    const wrong = device(() => Date.now() - 60_000);
    await wrong.createVault();
    const s = await wrong.signIn(mail);
    expect(s.state).toBe('synced');
    expect(s.clockSkewMs).toBeGreaterThan(58_000);
    expect(s.clockSkewWarning).toBe(true);

    const right = device();
    await right.signIn(mail);
    expect(right.engine.status()).toMatchObject({ clockSkewWarning: false });
    expect(Math.abs(right.engine.status().clockSkewMs ?? 99_999)).toBeLessThan(2_000);
  });
});

describe('sign-in', () => {
  it('rejects a wrong code and a non-local http server, and stores nothing', async () => {
    const d = device();
    await d.engine.startSignIn(server.url, 'wrong@example.com');
    await expect(d.engine.finishSignIn(server.url, 'wrong@example.com', '000000', 'X')).rejects.toMatchObject(
      {
        code: 'invalid-code',
      },
    );
    await expect(d.engine.startSignIn('http://ward.example.com', 'a@example.com')).rejects.toMatchObject({
      code: 'bad-server-url',
    });
    await expect(d.engine.startSignIn('http://127.0.0.1:1', 'a@example.com')).rejects.toMatchObject({
      code: 'offline',
    });
    expect(d.store.acct).toBeNull();
  });
});
