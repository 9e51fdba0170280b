/** The sync server's HTTP app (Hono): composes the route modules and exports AppType for `hc`. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { BoundedCache, type VaultHeadCache } from './caches';
import type { Config } from './config';
import type { Db } from './db/client';
import type { ServerDeps } from './deps';
import { errorBody } from './errors';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { createConsoleLogger, type Logger } from './logger';
import type { Mailer } from './mail';
import { extensionCors } from './middleware/cors';
import { noStore } from './middleware/no-store';
import { PairingWaiters } from './pairing-waiters';
import { accountRoutes } from './routes/account';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { deviceRoutes } from './routes/devices';
import { pairingRoutes } from './routes/pairing';
import { vaultRoutes } from './routes/vault';
import { newCodeKey } from './secrets';

export interface CreateAppOptions {
  db: Db;
  mailer: Mailer;
  config: Config;
  /** Unix ms; defaults to Date.now. */
  clock?: () => number;
  logger?: Logger;
  limits?: Partial<Limits>;
  /** Key for sign-in code MACs; defaults to a fresh random key (codes do not survive a restart). */
  codeKey?: Uint8Array;
  /** Pass the same cache to purgeExpired(), which must clear it (main.ts does). */
  vaultHeads?: VaultHeadCache;
  /** Pass one to wake parked pairing polls at shutdown (main.ts does). */
  pairingWaiters?: PairingWaiters;
}

/** Builds the app with its dependencies injected (tests pass a temp database and a movable clock). */
export function createApp(options: CreateAppOptions) {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const deps: ServerDeps = {
    db: options.db,
    mailer: options.mailer,
    config: options.config,
    clock: options.clock ?? Date.now,
    logger: options.logger ?? createConsoleLogger(),
    limits,
    codeKey: options.codeKey ?? newCodeKey(),
    sessionCache: new BoundedCache(),
    vaultHeads: options.vaultHeads ?? new BoundedCache(),
    pairingWaiters: options.pairingWaiters ?? new PairingWaiters(limits.maxPairingWaiters),
  };
  const { logger, config } = deps;
  const ping = deps.db.$client.prepare('SELECT 1');

  return new Hono()
    .use(noStore())
    .use('/v1/*', extensionCors({ origins: config.corsOrigins }))
    .onError((err, c) => {
      if (err instanceof HTTPException && err.status < 500) {
        const malformed = err.status === 400 && /json/i.test(err.message);
        return malformed
          ? c.json(errorBody('invalid-json', 'The request body is not valid JSON.'), 400)
          : c.json(errorBody('bad-request', err.message || 'Bad request.'), err.status);
      }
      logger.error('unhandled error', {
        method: c.req.method,
        path: c.req.path,
        error: err instanceof Error ? err.message : 'unknown',
        stack: err instanceof Error ? err.stack : undefined,
      });
      return c.json(errorBody('internal', 'Something went wrong on the server; try again later.'), 500);
    })
    .notFound((c) =>
      c.json(errorBody('not-found', `No route ${c.req.method} ${c.req.path}; see API.md.`), 404),
    )
    .get('/healthz', (c) => {
      ping.get();
      return c.json({ status: 'ok' }, 200);
    })
    .route('/v1/auth', authRoutes(deps))
    .route('/v1/account', accountRoutes(deps))
    .route('/v1/devices', deviceRoutes(deps))
    .route('/v1/vault', vaultRoutes(deps))
    .route('/v1/audit', auditRoutes(deps))
    .route('/v1/pairing', pairingRoutes(deps));
}

/** The typed route tree, for `hc<AppType>(baseUrl)` in the extension. */
export type AppType = ReturnType<typeof createApp>;
