// The real `sync-server/main.ts` as a child process: configuration errors, the no-SMTP mode,
// graceful SIGTERM, and kill -9 in the middle of batch pushes.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBlob, request, SmtpSink } from './harness';

interface Child {
  proc: ChildProcess;
  url: string;
  out: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const root = join(import.meta.dirname, '..', '..');

function run(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  proc.stdout?.on('data', (d: Buffer) => out.push(d.toString()));
  proc.stderr?.on('data', (d: Buffer) => out.push(d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, out, exited };
}

async function startServer(env: Record<string, string>): Promise<Child> {
  const c = run(env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(c.out.join(''));
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 20);
    c.exited.then(() => {
      clearInterval(timer);
      reject(new Error(`server exited: ${c.out.join('')}`));
    });
  });
  return { ...c, url };
}

let dir: string;
let sink: SmtpSink;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ward-proc-'));
  sink = await new SmtpSink().start();
});
afterAll(async () => {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(url: string, email: string) {
  await request(url, 'POST', '/v1/auth/start', { body: { email } });
  const code = await sink.nextCode(email);
  const r = await request(url, 'POST', '/v1/auth/verify', {
    body: { email, code, device: { name: 'proc' } },
  });
  return r.body.token as string;
}

describe('main.ts', () => {
  it('refuses invalid configuration with a clear message and a non-zero exit', async () => {
    const c = run({ PORT: 'eighty', CORS_ORIGINS: '*' });
    const { code } = await c.exited;
    expect(code).toBe(2);
    const text = c.out.join('');
    expect(text).toContain('Invalid configuration');
    expect(text).toMatch(/PORT: /);
    expect(text).toMatch(/CORS_ORIGINS/);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('without SMTP_URL, warns loudly and logs the code; creates the database folder', async () => {
    const c = await startServer({ DATABASE_PATH: join(dir, 'nested', 'folder', 'local.db') });
    expect((await request(c.url, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect(c.out.join('')).toMatch(/SMTP_URL is not set.*local testing only/);
    await request(c.url, 'POST', '/v1/auth/start', { body: { email: 'local@example.com' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(c.out.join('')).toMatch(/LOCAL USE ONLY: sign-in code for local@example.com is \d{6}/);
    c.proc.kill('SIGTERM');
    expect((await c.exited).code).toBe(0);
  });

  it('on SIGTERM finishes the request in flight, then exits 0', async () => {
    const c = await startServer({
      DATABASE_PATH: join(dir, 'term.db'),
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    });
    const token = await signIn(c.url, 'term@example.com');
    await request(c.url, 'PUT', '/v1/vault/key-slots', { token, body: { baseVersion: 0, keySlots: [] } });
    const body = JSON.stringify({ changes: [{ id: randomUUID(), baseVersion: 0, blob: fakeBlob(1000) }] });
    const { port } = new URL(c.url);
    // Send half the body, signal the server, then send the rest: the push must still complete.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/vault/records',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': body.length,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => {
            text += d.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 500));
      setTimeout(() => {
        c.proc.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(500)), 300);
      }, 100);
    });
    const r = await answer;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).results[0].status).toBe('applied');
    expect((await c.exited).code).toBe(0);
    expect(c.out.join('')).toContain('stopped');
  });

  it('on SIGTERM answers parked pairing polls at once instead of holding the shutdown', async () => {
    const c = await startServer({
      DATABASE_PATH: join(dir, 'poll.db'),
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    });
    const token = await signIn(c.url, 'poll@example.com');
    const publicKey = Buffer.alloc(32, 9).toString('base64url');
    const made = await request(c.url, 'POST', '/v1/pairing/requests', { token, body: { publicKey } });
    expect(made.status).toBe(201);
    const parked = request(c.url, 'GET', `/v1/pairing/requests/${made.body.id}?wait=25`, { token });
    await new Promise((resolve) => setTimeout(resolve, 300));
    c.proc.kill('SIGTERM');
    const r = await parked;
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('pending');
    expect((await c.exited).code).toBe(0);
  });

  it('kill -9 during batch pushes: each batch is all or nothing, the file is intact, pulls are exact', async () => {
    const dbPath = join(dir, 'crash.db');
    const env = { DATABASE_PATH: dbPath, SMTP_URL: `smtp://127.0.0.1:${sink.port}` };
    let c = await startServer(env);
    const token = await signIn(c.url, 'crash@example.com');
    await request(c.url, 'PUT', '/v1/vault/key-slots', { token, body: { baseVersion: 0, keySlots: [] } });

    const batches: { ids: string[]; acknowledged: boolean }[] = [];
    for (let round = 0; round < 4; round++) {
      let killed = false;
      const pushing = (async () => {
        while (!killed) {
          const batch = { ids: Array.from({ length: 800 }, () => randomUUID()), acknowledged: false };
          batches.push(batch);
          const changes = batch.ids.map((id, i) => ({ id, baseVersion: 0, blob: fakeBlob(700, i % 251) }));
          try {
            const r = await request(c.url, 'POST', '/v1/vault/records', { token, body: { changes } });
            if (r.status === 200) batch.acknowledged = true;
          } catch {
            return; // the connection died with the server
          }
        }
      })();
      await new Promise((r) => setTimeout(r, 150 + round * 120));
      killed = true;
      c.proc.kill('SIGKILL');
      expect((await c.exited).signal).toBe('SIGKILL');
      await pushing;
      c = await startServer(env);
    }

    // Pull everything from cursor 0 through the restarted server.
    const seen: { id: string; seq: number }[] = [];
    let cursor = 0;
    for (;;) {
      const r = await request(c.url, 'GET', `/v1/vault/changes?since=${cursor}&limit=1000`, { token });
      expect(r.status).toBe(200);
      seen.push(...r.body.changes);
      cursor = r.body.cursor;
      if (!r.body.hasMore) break;
    }
    c.proc.kill('SIGTERM');
    expect((await c.exited).code).toBe(0);

    const ids = new Set(seen.map((x) => x.id));
    expect(ids.size).toBe(seen.length);
    expect(seen.map((x) => x.seq)).toEqual(seen.map((_, i) => i + 1));
    let applied = 0;
    for (const b of batches) {
      const present = b.ids.filter((id) => ids.has(id)).length;
      expect([0, b.ids.length]).toContain(present);
      if (b.acknowledged) expect(present).toBe(b.ids.length);
      if (present) applied++;
    }
    expect(applied * 800).toBe(seen.length);
    expect(applied).toBeGreaterThan(0);

    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const v = db.prepare('SELECT seq, live_records AS live FROM vaults').get() as {
      seq: number;
      live: number;
    };
    expect(v).toEqual({ seq: seen.length, live: seen.length });
    db.close();
  });
});
