// Import of other apps' encrypted exports at real-world size: a 1,000-entry Aegis vault with the
// scrypt cost Aegis itself writes (N=2^15, r=8, p=1), and 2FAS / andOTP files of the same size.

import { importFileDetailed } from '../../crypto-core/importers/import-file';
import type { Account } from '../../tests/crypto-core/importers/accounts';
import { ACCOUNTS } from '../../tests/crypto-core/importers/accounts';
import {
  aegisEncrypted,
  aegisPlain,
  andotpEncrypted,
  PASSWORD,
  twofas,
} from '../../tests/crypto-core/importers/fixtures';
import type { BenchSection } from '../types';

const ENTRIES = 1000;
const RUNS = 3;

function manyAccounts(): Account[] {
  return Array.from({ length: ENTRIES }, (_, i) => {
    const base = ACCOUNTS[i % ACCOUNTS.length] as Account;
    return { ...base, entry: { ...base.entry, issuer: `${base.entry.issuer} ${i}` } };
  });
}

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

export default async (): Promise<BenchSection> => {
  const accounts = manyAccounts();
  const files: [string, string | Uint8Array, string][] = [
    [
      'Aegis, scrypt N=2^15 r=8 p=1',
      aegisEncrypted(accounts, PASSWORD, 2 ** 15),
      'scrypt (@noble/hashes, async)',
    ],
    ['2FAS, PBKDF2-SHA256 10,000', twofas(4, true, accounts), 'PBKDF2 (WebCrypto)'],
    ['andOTP, PBKDF2-SHA1 150,000', andotpEncrypted(accounts, 150_000), 'PBKDF2 (WebCrypto)'],
    ['Aegis, plain (no encryption)', aegisPlain(accounts), 'none'],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, data, kdf] of files) {
    let calls = 0;
    const ms = await median(async () => {
      const r = await importFileDetailed(data, { password: PASSWORD, onProgress: () => calls++ });
      if (r.entries.length !== ENTRIES) throw new Error(`${name}: ${r.entries.length} entries`);
    });
    rows.push([name, ENTRIES, kdf, Math.round(ms), Math.round(calls / RUNS)]);
  }
  return {
    title: 'Import of encrypted 1,000-entry exports from other apps',
    columns: ['file', 'entries', 'key derivation', 'ms (median of 3)', 'progress callbacks per import'],
    rows,
    notes: [
      'Whole importFile: detection, key derivation, AES-GCM open, JSON parse, conversion and validation of every entry.',
      'The plain Aegis row is the cost of everything but the cryptography; the rest is key derivation.',
      'Aegis reports scrypt progress through onProgress (at most once per whole percent), so the UI can show a progress bar for the slow step.',
    ],
  };
};
