/** /v1/account: the signed-in account and its session lifetime. */
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { appendAudit } from '../audit-log';
import { accounts, sessions } from '../db/schema';
import { type AppEnv, iso, type ServerDeps } from '../deps';
import { limitBody } from '../middleware/body-limit';
import { requireSession } from '../middleware/session';
import { validate } from '../validate';

const DAY = 86_400_000;

const patchBody = z.object({
  sessionDays: z.number().int('must be a whole number of days').min(1).max(365),
});

/** Routes under /v1/account. */
export function accountRoutes(deps: ServerDeps) {
  const { db, clock, limits } = deps;
  const view = (id: string) => {
    const a = db.select().from(accounts).where(eq(accounts.id, id)).get();
    if (!a) throw new Error('session without account');
    return { accountId: a.id, email: a.email, sessionDays: a.sessionDays, createdAt: iso(a.createdAt) };
  };

  return new Hono<AppEnv>()
    .use(requireSession(deps))
    .get('/', (c) => c.json(view(c.get('session').accountId), 200))
    .patch('/', limitBody(limits.smallBodyBytes), validate('json', patchBody), (c) => {
      const { accountId, deviceId } = c.get('session');
      const { sessionDays } = c.req.valid('json');
      const now = clock();
      db.transaction((tx) => {
        const before = tx.select().from(accounts).where(eq(accounts.id, accountId)).get();
        tx.update(accounts).set({ sessionDays }).where(eq(accounts.id, accountId)).run();
        // Existing sessions follow the new lifetime too: shortening it must cut off old devices now.
        tx.update(sessions)
          .set({ expiresAt: sql`${sessions.createdAt} + ${sessionDays * DAY}` })
          .where(eq(sessions.accountId, accountId))
          .run();
        appendAudit(tx, now, {
          accountId,
          deviceId,
          type: 'session-lifetime-changed',
          detail: { from: before?.sessionDays ?? null, to: sessionDays },
        });
      });
      deps.sessionCache.clear();
      return c.json(view(accountId), 200);
    });
}
