/** `npm run server`: reads the environment, migrates the database, serves, shuts down gracefully. */
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { BoundedCache, type VaultHead } from './caches';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { DEFAULT_LIMITS } from './limits';
import { createConsoleLogger } from './logger';
import { createLogMailer, createSmtpMailer } from './mail';
import { purgeExpired } from './maintenance';
import { PairingWaiters } from './pairing-waiters';

const logger = createConsoleLogger();

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(
    `${err.message}\nFix the environment variables above and start again (see sync-server/API.md).\n`,
  );
  process.exit(2);
}

let db: ReturnType<typeof openDatabase>;
try {
  db = openDatabase(config.databasePath);
} catch (err) {
  const busy = err instanceof Error && /locked|busy/i.test(err.message);
  process.stderr.write(
    busy
      ? `The database ${config.databasePath} is in use by another process (is a Ward server already running?).\n`
      : `Cannot open the database ${config.databasePath}: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
}
const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : createLogMailer(logger);
const vaultHeads = new BoundedCache<VaultHead>();
const pairingWaiters = new PairingWaiters(DEFAULT_LIMITS.maxPairingWaiters);
const app = createApp({ db, mailer, config, logger, vaultHeads, pairingWaiters });

function maintain() {
  try {
    const r = purgeExpired(db, Date.now(), DEFAULT_LIMITS.tombstoneRetentionMs, vaultHeads);
    if (r.tombstones || r.sessions || r.codes || r.pairings) logger.info('purged expired rows', { ...r });
  } catch (err) {
    logger.error('maintenance failed', { error: err instanceof Error ? err.message : 'unknown' });
  }
}
maintain();
const maintenance = setInterval(maintain, 60 * 60 * 1000);
maintenance.unref();

const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  logger.info('ward sync server listening', {
    url: `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`,
    port: info.port,
    database: config.databasePath,
    mail: config.smtpUrl ? 'smtp' : 'log (local use only)',
  });
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down: finishing in-flight requests', { signal });
  clearInterval(maintenance);
  // Parked pairing polls would hold close() for up to 25 s: answer them now (`pending`).
  pairingWaiters.close();
  // Stop accepting; close idle keep-alive sockets so close() does not wait for them.
  server.close((err) => {
    mailer.close();
    db.$client.close();
    if (err) logger.error('server close failed', { error: err.message });
    logger.info('stopped');
    process.exit(err ? 1 : 0);
  });
  // A connection whose request finishes after close() turns idle, not closed: sweep until done.
  const sweep = setInterval(() => {
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  }, 50);
  sweep.unref();
  setTimeout(() => {
    logger.error('in-flight requests did not finish within 10 s; exiting');
    process.exit(1);
  }, 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
