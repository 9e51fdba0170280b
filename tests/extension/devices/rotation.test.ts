// Vault key rotation against the real server on loopback: every record re-sealed and every slot
// rewrapped in one request; the other device locks, unlocks with the same passphrase and sees every
// entry; the retired key id is refused by the server.
import { describe, expect, it } from 'vitest';
import { openRecoverySlot, recoveryKeyFromWords } from '../../../crypto-core/keyslots';
import { rotateNow } from '../../../extension/devices/rotation';
import { keyIdHex } from '../../../extension/sync/api';
import { type RotateInput, rotateVaultKey } from '../../../extension/sync/rotate';
import { Device, entry, laptopWithTwoEntries, PASS, vaultKeyOf, visible } from '../sync/device';
import { loopbackServerForFile } from '../sync/server-for-file';

const server = loopbackServerForFile();
let n = 0;
const email = () => `rot${++n}@example.com`;
const device = () => new Device(server.url, (e) => server.code(e));

async function input(d: Device, extra: Partial<RotateInput> = {}): Promise<RotateInput> {
  return { oldVaultKey: await vaultKeyOf(d), passphrase: PASS, ...extra };
}

async function twoDevices() {
  const mail = email();
  const { a, signedIn } = await laptopWithTwoEntries(device, mail);
  expect(signedIn.state).toBe('synced');
  const b = device();
  await b.signIn(mail, 'Desktop');
  expect((await b.engine.join(PASS)).state).toBe('synced');
  return { a, b };
}

describe('rotate vault key', () => {
  it('re-seals every entry; the other device locks, unlocks with the passphrase and sees them all', async () => {
    const { a, b } = await twoDevices();
    const before = visible(await a.entries());
    const oldKeyId = keyIdHex(a.store.unlocked?.keyId as number);
    const oldBlobs = Object.values(a.store.cache.records).map((r) => r.blob);

    const out = await rotateNow(a.engine, a.store, await input(a));
    expect(out.records).toBe(2);
    expect(out.keyId).not.toBe(oldKeyId);
    expect(out.recoveryWords).toHaveLength(24);
    expect(out.bytesSent).toBeGreaterThan(0);
    expect(visible(await a.entries())).toEqual(before);
    expect(a.store.acct?.keyId).toBe(out.keyId);
    // Nothing under the old key is left on the server.
    const rows = server.db().$client.prepare('SELECT blob FROM records WHERE blob IS NOT NULL').all() as {
      blob: Buffer | string;
    }[];
    const stored = rows.map((r) =>
      typeof r.blob === 'string' ? r.blob : Buffer.from(r.blob).toString('base64url'),
    );
    for (const old of oldBlobs) expect(stored).not.toContain(old);

    // B's next sync sees the new key generation: it locks and takes the new slots and blobs.
    const s = await b.engine.sync({ force: true });
    expect(s.state).toBe('synced');
    expect(b.store.unlocked).toBeNull();
    await b.unlock(PASS);
    expect(b.store.unlocked?.keyId).toBe(a.store.unlocked?.keyId);
    expect(visible(await b.entries())).toEqual(before);
    // B keeps syncing under the new key.
    await b.add(entry('Initech', 'carol@example.com'));
    expect((await b.engine.sync({ force: true })).state).toBe('synced');
    await a.engine.sync({ force: true });
    expect((await a.entries()).map((e) => e.issuer)).toContain('Initech');
  });

  it('the server refuses a push under the retired key id', async () => {
    const { a, b } = await twoDevices();
    const oldKeyId = keyIdHex(b.store.unlocked?.keyId as number);
    await rotateNow(a.engine, a.store, await input(a));
    const remote = await b.engine.remote();
    const id = crypto.randomUUID();
    const res = await remote.api.push([{ id, baseVersion: 0, blob: 'AQAAAAA' }], oldKeyId);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.failure).toMatchObject({ kind: 'conflict', code: 'key-rotated' });
  });

  it('an edit B made before it learnt of the rotation is kept aside, not pushed under the old key', async () => {
    const { a, b } = await twoDevices();
    await rotateNow(a.engine, a.store, await input(a));
    await b.add(entry('Hooli', 'dan@example.com'));
    const s = await b.engine.sync({ force: true });
    expect(s.state).toBe('synced');
    expect(b.store.unlocked).toBeNull();
    expect(Object.keys(b.store.aside?.records ?? {})).toHaveLength(1);
    await b.unlock(PASS);
    expect((await b.entries()).map((e) => e.issuer)).not.toContain('Hooli');
  });

  it('keeps the same recovery words when they are given', async () => {
    const { a } = await twoDevices();
    const meta = a.store.vault;
    if (!meta) throw new Error('no vault');
    // The test vault has no recovery slot: add one with known words first.
    const words =
      'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon ' +
      'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art';
    const { createRecoverySlot } = await import('../../../crypto-core/keyslots');
    const inp = await input(a);
    const rk = recoveryKeyFromWords(words);
    meta.slots.push(await createRecoverySlot(inp.oldVaultKey, meta.vaultId, rk));
    await a.engine.sync({ force: true });
    const out = await rotateNow(a.engine, a.store, { ...inp, recoveryWords: words });
    expect(out.recoveryWords).toBeNull();
    const slot = a.store.vault?.slots.find((s) => s.kind === 'recovery');
    const vk = await openRecoverySlot(slot as never, meta.vaultId, rk);
    expect(vk).toHaveLength(32);
  });

  it('refuses recovery words that are not the vault’s, and changes nothing', async () => {
    const { a } = await twoDevices();
    const before = JSON.stringify(a.store.vault);
    const words =
      'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon ' +
      'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art';
    await expect(
      rotateNow(a.engine, a.store, await input(a, { recoveryWords: words })),
    ).rejects.toMatchObject({
      code: 'invalid-recovery-key',
    });
    expect(JSON.stringify(a.store.vault)).toBe(before);
  });

  it('a write by another device since the last pull refuses the rotation and changes nothing', async () => {
    const { a, b } = await twoDevices();
    await b.add(entry('Hooli', 'dan@example.com'));
    await b.engine.sync({ force: true });
    const before = JSON.stringify([a.store.vault, a.store.cache]);
    const remote = await a.engine.remote();
    await expect(rotateVaultKey(a.store, remote, await input(a))).rejects.toMatchObject({
      code: 'vault-changed',
    });
    expect(JSON.stringify([a.store.vault, a.store.cache])).toBe(before);
    // Synced, the same rotation goes through and keeps B's entry.
    await rotateNow(a.engine, a.store, await input(a));
    expect((await a.entries()).map((e) => e.issuer)).toContain('Hooli');
  });

  it('a vault that never synced rotates locally', async () => {
    const a = device();
    await a.createVault();
    await a.add(entry('ACME', 'alice@example.com'));
    const before = visible(await a.entries());
    const old = a.store.unlocked?.keyId;
    const out = await rotateNow(a.engine, a.store, await input(a));
    expect(out.bytesSent).toBe(0);
    expect(a.store.unlocked?.keyId).not.toBe(old);
    expect(visible(await a.entries())).toEqual(before);
  });
});
