// Device approval through the real server on loopback: a signed-in device approves a new one, which
// then holds the vault without typing the passphrase; denied, expired, withdrawn and relay-forged
// answers leave the new device with nothing.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateVaultKey } from '../../../crypto-core/keyslots';
import { sealVaultKeyForDevice } from '../../../crypto-core/pairing';
import { approvePairing, denyPairing, listPairingRequests } from '../../../extension/devices/pairing-approve';
import {
  cancelPairing,
  type PairingKeyStore,
  type PendingPairing,
  startPairing,
  waitForApproval,
} from '../../../extension/devices/pairing-request';
import { Device, entry, laptopWithTwoEntries, vaultKeyOf, visible } from '../sync/device';
import { loopbackServerForFile } from '../sync/server-for-file';

const server = loopbackServerForFile();
let n = 0;
const email = () => `pair${++n}@example.com`;
const device = () => new Device(server.url, (e) => server.code(e));

class MemoryKeys implements PairingKeyStore {
  value: PendingPairing | null = null;
  async get() {
    return this.value;
  }
  async set(v: PendingPairing | null) {
    this.value = v;
  }
}

/** Scans the server's database files for `key` as raw bytes, hex, base64 and base64url. */
function expectNoKeyIn(key: Uint8Array) {
  const k = Buffer.from(key);
  const texts = [k.toString('hex'), k.toString('base64'), k.toString('base64url')];
  for (const file of [server.dbPath, `${server.dbPath}-wal`]) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    expect(bytes.includes(k)).toBe(false);
    for (const t of texts) expect(bytes.includes(Buffer.from(t.slice(0, 40)))).toBe(false);
  }
}

/** A (vault with two entries, signed in) and B (signed in, no vault), with B's request open. */
async function setup() {
  const mail = email();
  const { a, signedIn } = await laptopWithTwoEntries(device, mail);
  expect(signedIn.state).toBe('synced');
  const b = device();
  expect((await b.signIn(mail, 'New phone')).reason).toBe('join-needed');
  const keys = new MemoryKeys();
  const view = await startPairing(await b.engine.remote(), keys);
  return { a, b, keys, view };
}

describe('approve a new device', () => {
  it('A sees the request with the same words; after approval B opens every entry without the passphrase', async () => {
    const { a, b, keys, view } = await setup();
    expect(view.phrase).toHaveLength(5);
    expect(keys.value?.privateKey).toBeTruthy();

    const remoteA = await a.engine.remote();
    const list = await listPairingRequests(remoteA);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: view.requestId, deviceName: 'New phone', phrase: view.phrase });

    const remoteB = await b.engine.remote();
    const ctx = { now: Date.now(), newId: () => crypto.randomUUID(), deviceId: b.store.install };
    expect((await waitForApproval(remoteB, keys, b.store, ctx, 0)).status).toBe('pending');

    const vk = await vaultKeyOf(a);
    const vkCopy = vk.slice();
    await approvePairing(remoteA, view.requestId, view.phrase, vk, a.store.vault?.vaultId as string);
    vk.fill(0);
    // While the sealed transfer waits on the server, its database (and WAL) holds no VK in any encoding.
    expectNoKeyIn(vkCopy);

    const done = await waitForApproval(remoteB, keys, b.store, ctx, 5);
    expect(done).toEqual({ status: 'approved', approvedBy: 'Laptop' });
    expect(keys.value).toBeNull();
    expect(b.store.unlocked).not.toBeNull();
    expect(visible(await b.entries())).toEqual(visible(await a.entries()));
    // B now syncs like any device: an entry added there reaches A.
    await b.add(entry('Initech', 'carol@example.com'));
    expect((await b.engine.sync({ force: true })).state).toBe('synced');
    await a.engine.sync({ force: true });
    expect((await a.entries()).map((e) => e.issuer)).toContain('Initech');
    expect(await listPairingRequests(remoteA)).toEqual([]);
    expectNoKeyIn(vkCopy);
  });

  it('a long poll returns as soon as the other device approves', async () => {
    const { a, b, keys, view } = await setup();
    const remoteB = await b.engine.remote();
    const ctx = { now: Date.now(), newId: () => crypto.randomUUID(), deviceId: b.store.install };
    const waiting = waitForApproval(remoteB, keys, b.store, ctx, 20);
    const vk = await vaultKeyOf(a);
    await approvePairing(
      await a.engine.remote(),
      view.requestId,
      view.phrase,
      vk,
      a.store.vault?.vaultId as string,
    );
    vk.fill(0);
    expect((await waiting).status).toBe('approved');
  });

  it('approval refuses words that are not the request key’s', async () => {
    const { a, view } = await setup();
    const vk = await vaultKeyOf(a);
    const wrong = [...view.phrase].reverse();
    await expect(
      approvePairing(await a.engine.remote(), view.requestId, wrong, vk, a.store.vault?.vaultId as string),
    ).rejects.toMatchObject({ code: 'phrase-mismatch' });
    vk.fill(0);
  });

  it('a denied request gives B nothing and says so', async () => {
    const { a, b, keys, view } = await setup();
    await denyPairing(await a.engine.remote(), view.requestId);
    const remoteB = await b.engine.remote();
    const ctx = { now: Date.now(), newId: () => crypto.randomUUID(), deviceId: b.store.install };
    await expect(waitForApproval(remoteB, keys, b.store, ctx, 0)).rejects.toMatchObject({
      code: 'pairing-denied',
    });
    expect(keys.value).toBeNull();
    expect(b.store.vault).toBeNull();
    expect(b.store.unlocked).toBeNull();
    expect(Object.keys(b.store.cache.records)).toHaveLength(0);
  });

  it('an expired request gives B nothing', async () => {
    const { b, keys, view } = await setup();
    // Ten minutes pass on the server: age the request in its database.
    server
      .db()
      .$client.prepare('UPDATE pairing_requests SET expires_at = ? WHERE id = ?')
      .run(Date.now() - 1000, view.requestId);
    const remoteB = await b.engine.remote();
    const ctx = { now: Date.now(), newId: () => crypto.randomUUID(), deviceId: b.store.install };
    await expect(waitForApproval(remoteB, keys, b.store, ctx, 0)).rejects.toMatchObject({
      code: 'pairing-expired',
    });
    expect(keys.value).toBeNull();
    expect(b.store.vault).toBeNull();
  });

  it('a withdrawn request disappears from the approver’s list', async () => {
    const { a, b, keys } = await setup();
    await cancelPairing(await b.engine.remote(), keys);
    expect(keys.value).toBeNull();
    expect(await listPairingRequests(await a.engine.remote())).toEqual([]);
  });

  it('a key that does not open the vault’s records is refused and nothing is stored', async () => {
    const { b, keys, view, a } = await setup();
    // What a malicious relay could do: seal a key of its own to B's request.
    const forged = generateVaultKey();
    const t = await sealVaultKeyForDevice(
      forged,
      a.store.vault?.vaultId as string,
      keys.value?.publicKey as string,
      {
        requestId: view.requestId,
      },
    );
    const remoteA = await a.engine.remote();
    const res = await remoteA.api.answerPairing(view.requestId, {
      decision: 'approve',
      transfer: JSON.stringify(t),
    });
    expect(res.ok).toBe(true);
    const remoteB = await b.engine.remote();
    const ctx = { now: Date.now(), newId: () => crypto.randomUUID(), deviceId: b.store.install };
    await expect(waitForApproval(remoteB, keys, b.store, ctx, 0)).rejects.toMatchObject({
      code: 'pairing-key-mismatch',
    });
    expect(b.store.vault).toBeNull();
    expect(b.store.unlocked).toBeNull();
  });
});
