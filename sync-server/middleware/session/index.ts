/** Bearer-token authentication (RFC 6750): resolves the session, or answers 401. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { CachedSession } from '../../caches';
import { devices, sessions } from '../../db/schema';
import type { AppEnv, ServerDeps } from '../../deps';
import { errorBody } from '../../errors';
import { requestHeader } from '../../node-http';
import { TOKEN_PATTERN, tokenDigest } from '../../secrets';

/** Requires `Authorization: Bearer <token>` of a live session on a device that is not revoked. */
export function requireSession({ db, clock, limits, sessionCache }: ServerDeps) {
  const find = db
    .select({
      sessionId: sessions.id,
      accountId: sessions.accountId,
      deviceId: sessions.deviceId,
      expiresAt: sessions.expiresAt,
      lastSeenAt: devices.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(devices, eq(devices.id, sessions.deviceId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), isNull(devices.revokedAt)))
    .prepare();
  const touch = db
    .update(devices)
    .set({ lastSeenAt: sql`${sql.placeholder('now')}` })
    .where(eq(devices.id, sql.placeholder('id')))
    .prepare();

  return createMiddleware<AppEnv>(async function requireSession(c, next) {
    const header = requestHeader(c, 'authorization') ?? '';
    // The auth scheme name is case-insensitive (RFC 9110 §11.1).
    const token = /^bearer /i.test(header) ? header.slice(7).trim() : '';
    let row: CachedSession | undefined;
    if (TOKEN_PATTERN.test(token)) {
      const key = tokenDigest(token);
      row = sessionCache.get(key);
      if (!row) {
        row = find.get({ hash: Buffer.from(key, 'base64') });
        if (row) sessionCache.set(key, row);
      }
    }
    const now = clock();
    if (!row || row.expiresAt <= now) {
      c.header('WWW-Authenticate', 'Bearer realm="ward"');
      return c.json(
        errorBody('unauthorized', 'Sign in again: this session is missing, expired, signed out or revoked.'),
        401,
      );
    }
    // A stamp per request would turn every pull into a write; a minute's precision is plenty.
    if (now - row.lastSeenAt >= limits.lastSeenWriteIntervalMs) {
      touch.run({ now, id: row.deviceId });
      row.lastSeenAt = now;
    }
    c.set('session', { sessionId: row.sessionId, accountId: row.accountId, deviceId: row.deviceId });
    await next();
  });
}
