// Test harness: a real SMTP sink (smtp-server + mailparser) and the real server on a loopback port,
// with a temp SQLite file, a movable clock and a captured logger.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { type AppType, createApp } from '../../sync-server/app';
import { BoundedCache, type VaultHead, type VaultHeadCache } from '../../sync-server/caches';
import { loadConfig } from '../../sync-server/config';
import { type Db, openDatabase } from '../../sync-server/db/client';
import type { Limits } from '../../sync-server/limits';
import type { LogFields, Logger } from '../../sync-server/logger';
import { createSmtpMailer } from '../../sync-server/mail';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

const isCodeMail = (m: Mail) => m.subject === 'Your Ward sign-in code';

/** A local SMTP server that parses every message it receives. */
export class SmtpSink {
  readonly mails: Mail[] = [];
  #waiters: { to: string; match: (m: Mail) => boolean; resolve: (m: Mail) => void }[] = [];
  #server: SMTPServer;
  port = 0;

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((m: ParsedMail) => {
            const to = Array.isArray(m.to) ? (m.to[0]?.text ?? '') : (m.to?.text ?? '');
            this.#deliver({ to, subject: m.subject ?? '', text: m.text ?? '' });
            callback();
          })
          .catch(callback);
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.server.address() as AddressInfo).port;
    return this;
  }

  #deliver(mail: Mail): void {
    const i = this.#waiters.findIndex((w) => w.to === mail.to && w.match(mail));
    const w = i >= 0 ? this.#waiters.splice(i, 1)[0] : undefined;
    if (w) w.resolve(mail);
    else this.mails.push(mail);
  }

  /** The next mail to `to` that `match` accepts (already received or still to come). */
  next(to: string, match: (m: Mail) => boolean = () => true): Promise<Mail> {
    const i = this.mails.findIndex((m) => m.to === to && match(m));
    if (i >= 0) return Promise.resolve(this.mails.splice(i, 1)[0] as Mail);
    return new Promise((resolve) => this.#waiters.push({ to, match, resolve }));
  }

  /** The code in the next sign-in mail to `to` (other mail, such as new-device notices, is left queued). */
  async nextCode(to: string): Promise<string> {
    const m = await this.next(to, isCodeMail);
    const code = /code is: (\d{6})/.exec(m.text)?.[1];
    if (!code) throw new Error(`no code in mail: ${m.text}`);
    return code;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the server answered
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: string;
}

export interface Session {
  token: string;
  accountId: string;
  deviceId: string;
  expiresAt: string;
}

/** A running server plus helpers; one per test file keeps files independent. */
export interface TestServer {
  url: string;
  db: Db;
  dbPath: string;
  dir: string;
  sink: SmtpSink;
  clock: { now: number; advance(ms: number): void };
  logs: string[];
  /** The app's vault-counter cache, for purgeExpired(). */
  vaultHeads: VaultHeadCache;
  /** The same app, for in-process `app.request` (no Node request objects underneath). */
  app: AppType;
  api(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse>;
  signIn(email: string, deviceName?: string): Promise<Session>;
  close(): Promise<void>;
}

/** Sends one request to `url` and reads the answer. */
export async function request(url: string, method: string, path: string, o: RequestOptions = {}) {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body: string | undefined = o.raw;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url + path, { method, headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, headers: res.headers, body: json, text } as ApiResponse;
}

/** Starts the SMTP sink and the app on 127.0.0.1:0 with a temp database. */
export async function startTestServer(limits: Partial<Limits> = {}): Promise<TestServer> {
  const sink = await new SmtpSink().start();
  const dir = mkdtempSync(join(tmpdir(), 'ward-server-'));
  const dbPath = join(dir, 'ward.db');
  const db = openDatabase(dbPath);
  const config = loadConfig({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, DATABASE_PATH: dbPath });
  const logs: string[] = [];
  const capture =
    (level: string) =>
    (msg: string, fields?: LogFields): void => {
      logs.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
    };
  const logger: Logger = { info: capture('info'), warn: capture('warn'), error: capture('error') };
  const clock = {
    now: Date.UTC(2026, 0, 1),
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const mailer = createSmtpMailer(config.smtpUrl as string, config.mailFrom);
  const vaultHeads = new BoundedCache<VaultHead>();
  // Generous IP limits by default: every test signs in from 127.0.0.1.
  const app = createApp({
    db,
    mailer,
    config,
    logger,
    clock: () => clock.now,
    vaultHeads,
    limits: { startsPerIpPerHour: 10_000, failedVerifiesPerIpPerHour: 10_000, ...limits },
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = (method: string, path: string, opts?: RequestOptions) => request(url, method, path, opts);
  return {
    url,
    db,
    dbPath,
    dir,
    sink,
    clock,
    logs,
    vaultHeads,
    app,
    api,
    async signIn(email, deviceName = 'Test device') {
      const start = await api('POST', '/v1/auth/start', { body: { email } });
      if (start.status !== 202) throw new Error(`start: ${start.status} ${start.text}`);
      const code = await sink.nextCode(email);
      const r = await api('POST', '/v1/auth/verify', { body: { email, code, device: { name: deviceName } } });
      if (r.status !== 200) throw new Error(`verify: ${r.status} ${r.text}`);
      return r.body as Session;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      mailer.close();
      await sink.close();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A base64url blob of `bytes` random-looking bytes (the server never looks inside). */
export function fakeBlob(bytes: number, fill = 7): string {
  return Buffer.alloc(bytes, fill).toString('base64url');
}

export const DAY = 86_400_000;
