// Rotation and device approval through the extension's sync engine and the real server on loopback
// (in-memory store): `npm run bench sync-keys`.
import { openPassphraseSlot } from '../../crypto-core/keyslots';
import { approvePairing, listPairingRequests } from '../../extension/devices/pairing-approve';
import {
  type PairingKeyStore,
  type PendingPairing,
  startPairing,
  waitForApproval,
} from '../../extension/devices/pairing-request';
import { rotateNow } from '../../extension/devices/rotation';
import { Device, entry, PASS } from '../../tests/extension/sync/device';
import { startLoopbackServer } from '../../tests/extension/sync/server';
import type { BenchSection } from '../types';

const ENTRIES = 1000;
const PAIRINGS = 3;

const ms = (x: number) => x.toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function time<T>(job: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const out = await job();
  return [performance.now() - t, out];
}

async function vaultKey(d: Device): Promise<Uint8Array> {
  const meta = d.store.vault;
  const slot = meta?.slots.find((s) => s.kind === 'passphrase');
  if (!meta || !slot) throw new Error('no vault');
  return openPassphraseSlot(slot, meta.vaultId, PASS);
}

/** Rotation of a 1,000-entry vault and the pairing round trip. */
export default async function keyBench(): Promise<BenchSection> {
  const server = await startLoopbackServer();
  try {
    const code = (e: string) => server.code(e);
    const mail = 'keys@example.com';
    const a = new Device(server.url, code);
    await a.createVault();
    for (let i = 0; i < ENTRIES; i++) await a.add(entry(`Issuer ${i}`, `user${i}@example.com`));
    await a.signIn(mail, 'A');
    const b = new Device(server.url, code);
    await b.signIn(mail, 'B');
    await b.engine.join(PASS);

    const [vkMs, vk] = await time(() => vaultKey(a));
    const [rotMs, out] = await time(() =>
      rotateNow(a.engine, a.store, { oldVaultKey: vk, passphrase: PASS }),
    );
    vk.fill(0);
    const [adoptMs] = await time(() => b.engine.sync({ force: true }));
    const [unlockMs] = await time(() => b.unlock(PASS));
    const bOk = (await b.entries()).length === ENTRIES;

    const trips: number[] = [];
    for (let i = 0; i < PAIRINGS; i++) {
      const n = new Device(server.url, code);
      await n.signIn(mail, `New ${i}`);
      let held: PendingPairing | null = null;
      const keys: PairingKeyStore = {
        get: async () => held,
        set: async (v) => {
          held = v;
        },
      };
      const key = await vaultKey(a);
      const [t] = await time(async () => {
        const view = await startPairing(await n.engine.remote(), keys);
        const remoteA = await a.engine.remote();
        const [req] = await listPairingRequests(remoteA);
        if (!req) throw new Error('request not listed');
        await approvePairing(remoteA, req.id, req.phrase, key, a.store.vault?.vaultId as string);
        const ctx = { now: Date.now(), newId: () => crypto.randomUUID(), deviceId: n.store.install };
        const r = await waitForApproval(await n.engine.remote(), keys, n.store, ctx, 5);
        if (r.status !== 'approved' || view.phrase.length !== 5) throw new Error('not approved');
      });
      key.fill(0);
      trips.push(t);
    }
    return {
      title: `Vault key rotation (${ENTRIES} entries) and device approval, loopback, in-memory store`,
      columns: ['step', 'ms', 'bytes sent'],
      rows: [
        ['open VK from the passphrase slot (Argon2id floor, 64 MiB)', ms(vkMs), ''],
        [
          `rotate: re-seal ${ENTRIES} records, rewrap 2 slots (Argon2id floor), one POST /v1/vault/rotate`,
          ms(rotMs),
          out.bytesSent,
        ],
        [`other device: next sync sees the new key, locks, pulls ${ENTRIES}`, ms(adoptMs), ''],
        ['other device: unlock with the rewrapped passphrase slot', ms(unlockMs), ''],
        [
          `pairing round trip: request, list + phrase, seal + approve, long poll, open + verify + pull (median of ${PAIRINGS})`,
          ms(median(trips)),
          '',
        ],
      ],
      notes: [
        `Rotation pushes ${(out.bytesSent / ENTRIES).toFixed(0)} bytes per entry (base64url blobs of 256-byte padded records plus JSON).`,
        bOk
          ? `The other device read all ${ENTRIES} entries under the new key.`
          : 'The other device is MISSING entries.',
        'The pairing round trip excludes the human steps (comparing words, typing the passphrase to get VK).',
      ],
    };
  } finally {
    await server.close();
  }
}
