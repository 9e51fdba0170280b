// The client-side crypto of device approval and of the recovery kit (no network: the server's share
// of a pairing round trip is measured with the routes). Median of RUNS calls each.
import { generateRecoveryKey, generateVaultKey } from '../../crypto-core/keyslots';
import {
  createPairingRequest,
  fingerprintPhrase,
  openVaultKeyFromDevice,
  sealVaultKeyForDevice,
} from '../../crypto-core/pairing';
import { combineRecoveryShares, createRecoveryKit } from '../../crypto-core/recovery-kit';
import type { BenchSection } from '../types';

const RUNS = 21;
const CTX = { requestId: 'req-1' };

async function median(fn: () => unknown): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

const ms = (n: number) => n.toFixed(2);

export default async (): Promise<BenchSection[]> => {
  const vk = generateVaultKey();
  const device = createPairingRequest();
  const transfer = await sealVaultKeyForDevice(vk, 'vault-1', device.publicKey, CTX);
  const roundTrip = await median(async () => {
    const d = createPairingRequest();
    fingerprintPhrase(d.publicKey);
    const t = await sealVaultKeyForDevice(vk, 'vault-1', d.publicKey, CTX);
    await openVaultKeyFromDevice(t, d.privateKey, 'vault-1', CTX);
  });
  const pairing: BenchSection = {
    title: 'Device approval crypto (X25519 + HKDF-SHA256 + AES-256-GCM)',
    columns: ['step', 'median ms'],
    rows: [
      ['createPairingRequest (new device)', ms(await median(() => createPairingRequest()))],
      ['fingerprintPhrase (both screens)', ms(await median(() => fingerprintPhrase(device.publicKey)))],
      [
        'sealVaultKeyForDevice (approver)',
        ms(await median(() => sealVaultKeyForDevice(vk, 'vault-1', device.publicKey, CTX))),
      ],
      [
        'openVaultKeyFromDevice (new device)',
        ms(await median(() => openVaultKeyFromDevice(transfer, device.privateKey, 'vault-1', CTX))),
      ],
      ['all four, one after another', ms(roundTrip)],
    ],
    notes: [
      'Pure JavaScript (@noble/curves) X25519; the network and the user reading five words dominate a real pairing.',
    ],
  };

  const key = generateRecoveryKey().key;
  const kit = await createRecoveryKit(key, 3, 5);
  const three = kit.shares.slice(0, 3).map((s) => s.words);
  const typo = three.map((w) => w.slice());
  (typo[1] as string[])[9] = (typo[1] as string[])[9] === 'abandon' ? 'ability' : 'abandon';
  const kitSection: BenchSection = {
    title: 'Recovery kit (Shamir 3-of-5 over the 32-byte recovery key)',
    columns: ['step', 'median ms'],
    rows: [
      ['createRecoveryKit 3-of-5 (words + QR text)', ms(await median(() => createRecoveryKit(key, 3, 5)))],
      ['combineRecoveryShares, 3 shares as words', ms(await median(() => combineRecoveryShares(three)))],
      [
        'combineRecoveryShares with a mistyped word (locating it)',
        ms(await median(() => combineRecoveryShares(typo).catch(() => undefined))),
      ],
    ],
    notes: [
      'Locating a mistyped word tries every other word at every position (33 × 2,047 checksums): only on the error path.',
    ],
  };
  return [pairing, kitSection];
};
