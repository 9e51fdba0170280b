// `npm run bench sync`: the extension's sync engine against the real server on loopback, with the
// engine's in-memory store (the browser's storage.local adds its own cost on top).
import { Device, entry, PASS } from '../../tests/extension/sync/device';
import { startLoopbackServer } from '../../tests/extension/sync/server';
import type { BenchSection } from '../types';

const ENTRIES = 500;
const RUNS = 20;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const ms = (x: number) => x.toFixed(1);

async function time(job: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await job();
  return performance.now() - t;
}

export default async function syncBench(): Promise<BenchSection> {
  const server = await startLoopbackServer();
  try {
    const code = (e: string) => server.code(e);
    const a = new Device(server.url, code);
    await a.createVault();
    for (let i = 0; i < ENTRIES; i++) await a.add(entry(`Issuer ${i}`, `user${i}@example.com`));
    const upload = await time(() => a.signIn('bench@example.com', 'A'));

    const b = new Device(server.url, code);
    await b.signIn('bench@example.com', 'B');
    const join = await time(() => b.engine.join(PASS));

    const idle: number[] = [];
    for (let i = 0; i < RUNS; i++) idle.push(await time(() => b.engine.sync({ force: true })));

    const ids = Object.keys(a.store.cache.records);
    const push: number[] = [];
    const pull: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await a.edit(ids[i] as string, { note: `edit ${i}` });
      push.push(await time(() => a.engine.sync({ force: true })));
      pull.push(await time(() => b.engine.sync({ force: true })));
    }
    const same = (await b.entries()).length === ENTRIES;
    return {
      title: `Sync engine on loopback (${ENTRIES} entries, in-memory store)`,
      columns: ['step', 'ms'],
      rows: [
        [`first device: sign-in, create vault, push ${ENTRIES}`, ms(upload)],
        [`second device: join (Argon2id 64 MiB floor) + pull ${ENTRIES}`, ms(join)],
        [`sync with nothing to do (median of ${RUNS})`, ms(median(idle))],
        [`push one edit (median of ${RUNS})`, ms(median(push))],
        [`pull and apply one edit (median of ${RUNS})`, ms(median(pull))],
      ],
      notes: [
        `Every sync is 2 requests when idle (GET /v1/vault, GET changes) plus 1 per push batch.`,
        same
          ? `The second device ended with all ${ENTRIES} entries.`
          : 'The second device is MISSING entries.',
      ],
    };
  } finally {
    await server.close();
  }
}
