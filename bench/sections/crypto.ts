// Argon2id libraries at Ward's default parameters (median of 5), the memory sweep behind that default,
// and sealing/opening 1,000 vault records.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { argon2id as wasmArgon2id } from 'hash-wasm';
import { type Argon2Params, argon2id, DEFAULT_ARGON2 } from '../../crypto-core/kdf';
import { createPassphraseSlot, generateVaultKey, openPassphraseSlot } from '../../crypto-core/keyslots';
import {
  deriveVaultKeys,
  newRecordId,
  openRecord,
  sealRecord,
  type VaultRecord,
} from '../../crypto-core/vault';
import type { BenchSection } from '../types';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const password = new TextEncoder().encode('correct horse battery staple');
const salt = new Uint8Array(16).fill(7);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

async function median(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

// Native argon2 runs in a child process: its prebuilt binary has crashed Node on these machines, and
// a crash must cost one table row, not the whole bench.
function native(params: Argon2Params, runs: number): { ms: number; out: string } | string {
  const script = `
    const a = await import('argon2');
    const salt = Buffer.alloc(16, 7), times = []; let out;
    for (let i = 0; i < ${runs}; i++) {
      const s = performance.now();
      out = await a.hash('correct horse battery staple', { type: a.argon2id, raw: true, salt, hashLength: 32,
        memoryCost: ${params.m}, timeCost: ${params.t}, parallelism: ${params.p} });
      times.push(performance.now() - s);
    }
    times.sort((x, y) => x - y);
    console.log(JSON.stringify({ ms: times[Math.floor(times.length / 2)], out: out.toString('hex') }));`;
  try {
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    return JSON.parse(stdout.trim().split('\n').pop() as string) as { ms: number; out: string };
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return `not available (${msg?.slice(0, 80)})`;
  }
}

async function argon2Section(): Promise<BenchSection> {
  const p = DEFAULT_ARGON2;
  const label = `m=${p.m / 1024} MiB, t=${p.t}, p=${p.p}`;
  let wasmOut: Uint8Array = new Uint8Array();
  const wasmMs = await median(5, async () => {
    wasmOut = await argon2id(password, salt, p);
  });
  let nobleOut: Uint8Array = new Uint8Array();
  const nobleMs = await median(5, () => {
    nobleOut = nobleArgon2id(password, salt, { ...p, dkLen: 32 });
  });
  const nat = native(p, 5);
  const rows: (string | number)[][] = [
    ['hash-wasm (WASM), chosen', label, Math.round(wasmMs)],
    ['@noble/hashes (pure JS)', label, Math.round(nobleMs)],
    ['argon2 (native, reference)', label, typeof nat === 'string' ? nat : Math.round(nat.ms)],
  ];
  const same = hex(wasmOut) === hex(nobleOut) && (typeof nat === 'string' || nat.out === hex(wasmOut));
  const notes = [
    `Outputs ${same ? 'identical' : 'DIFFERENT'} across the libraries that ran (same password, salt, parameters).`,
    `@noble/hashes is ${(nobleMs / wasmMs).toFixed(1)}× slower than hash-wasm.`,
  ];
  if (typeof nat !== 'string') {
    const ratio = wasmMs / nat.ms;
    notes.push(
      `hash-wasm takes ${ratio.toFixed(2)}× native time: goal ≤ 1.8× ${ratio <= 1.8 ? 'met' : 'MISSED'}.`,
    );
  }
  return {
    title: 'Argon2id at the default parameters (median of 5, ms)',
    columns: ['library', 'parameters', 'ms'],
    rows,
    notes,
  };
}

async function sweepSection(): Promise<BenchSection> {
  const rows: (string | number)[][] = [];
  for (const mib of [64, 128, 192, 256]) {
    const ms = await median(3, () =>
      wasmArgon2id({
        password,
        salt,
        iterations: 3,
        parallelism: 1,
        memorySize: mib * 1024,
        hashLength: 32,
        outputType: 'binary',
      }),
    );
    rows.push([`${mib} MiB, t=3, p=1`, Math.round(ms), ms < 1000 ? 'yes' : 'no']);
  }
  const vk = generateVaultKey();
  const slot = await createPassphraseSlot(vk, 'bench-vault', 'correct horse battery staple');
  const unlock = await median(3, () =>
    openPassphraseSlot(slot, 'bench-vault', 'correct horse battery staple'),
  );
  rows.push([
    `unlock: openPassphraseSlot at the default (${DEFAULT_ARGON2.m / 1024} MiB)`,
    Math.round(unlock),
    unlock < 1000 ? 'yes' : 'no',
  ]);
  return {
    title: 'Argon2id memory sweep with hash-wasm (median of 3, ms): choosing the default',
    columns: ['parameters', 'ms', 'under the 1 s unlock budget'],
    rows,
    notes: [
      `Default: ${DEFAULT_ARGON2.m / 1024} MiB, t=${DEFAULT_ARGON2.t}, p=${DEFAULT_ARGON2.p}: the largest 64 MiB step under 1 s on the idle 2-core machine when chosen (192 MiB ≈ 0.77 s, 256 MiB ≈ 1.05 s), leaving headroom for slower devices.`,
    ],
  };
}

async function recordSection(): Promise<BenchSection> {
  const keys = await deriveVaultKeys(generateVaultKey(), 'bench-vault');
  const records: VaultRecord[] = Array.from({ length: 1000 }, (_, i) => ({
    id: newRecordId(),
    rev: 1,
    updatedAt: 1_700_000_000_000,
    deviceId: 'bench',
    type: 'totp',
    issuer: `Issuer ${i}`,
    account: `user${i}@example.com`,
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  }));
  let blobs: string[] = [];
  const sealSeq = await median(3, async () => {
    blobs = [];
    for (const r of records) blobs.push(await sealRecord(keys, r));
  });
  const openSeq = await median(3, async () => {
    for (let i = 0; i < records.length; i++)
      await openRecord(keys, (records[i] as VaultRecord).id, blobs[i] as string);
  });
  const sealAll = await median(3, () => Promise.all(records.map((r) => sealRecord(keys, r))));
  const openAll = await median(3, () =>
    Promise.all(records.map((r, i) => openRecord(keys, r.id, blobs[i] as string))),
  );
  const row = (what: string, ms: number) => [what, Math.round(ms), Math.round(1000 / (ms / 1000))];
  return {
    title: 'Vault records: seal/open 1,000 (WebCrypto AES-256-GCM, median of 3)',
    columns: ['operation', 'ms for 1,000', 'records/s'],
    rows: [
      row('seal, one at a time', sealSeq),
      row('open, one at a time', openSeq),
      row('seal, Promise.all', sealAll),
      row('open, Promise.all', openAll),
    ],
    notes: [
      `Each blob is ${blobs[0]?.length} base64url characters: ${Math.floor(((blobs[0]?.length ?? 0) * 3) / 4) - 33} bytes of padded plaintext (a multiple of 256) + 33 bytes of header, nonce and tag.`,
    ],
  };
}

export default async function crypto(): Promise<BenchSection[]> {
  const load = loadavg()[0] ?? 0;
  const sections = [await argon2Section(), await sweepSection(), await recordSection()];
  if (load > cpus().length * 0.5) {
    // Argon2 is CPU- and memory-bound: on a shared machine the figures say more about the neighbours.
    sections[0]?.notes?.push(
      `Load average was ${load.toFixed(1)} on ${cpus().length} cores when this ran: times are inflated; rerun on an idle machine.`,
    );
  }
  return sections;
}
