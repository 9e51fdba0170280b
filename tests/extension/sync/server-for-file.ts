// Kept apart from server.ts, which the benchmarks load outside vitest.
import { afterAll, beforeAll } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from './server';

/**
 * One loopback server for the calling test file: started before its first test, closed after its
 * last. The returned handle is usable at the top level of the file; its members reach the running
 * server only once the tests run.
 */
export function loopbackServerForFile(): LoopbackServer {
  let live: LoopbackServer | null = null;
  const running = (): LoopbackServer => {
    if (!live) throw new Error('the loopback server is started in beforeAll');
    return live;
  };
  beforeAll(async () => {
    live = await startLoopbackServer();
  });
  afterAll(async () => {
    await live?.close();
  });
  return {
    get url() {
      return running().url;
    },
    get dbPath() {
      return running().dbPath;
    },
    db: () => running().db(),
    purgeTombstones: () => running().purgeTombstones(),
    code: (email) => running().code(email),
    stop: () => running().stop(),
    start: () => running().start(),
    close: () => running().close(),
  };
}
