/** /v1/audit: the account's security events, newest first. */
import { and, desc, eq, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { auditEvents } from '../db/schema';
import { type AppEnv, iso, type ServerDeps } from '../deps';
import { requireSession } from '../middleware/session';
import { queryInt } from '../schemas';
import { validate } from '../validate';

/** Routes under /v1/audit. */
export function auditRoutes(deps: ServerDeps) {
  const { db, limits } = deps;
  const query = z.object({
    before: queryInt('before', 1, Number.MAX_SAFE_INTEGER).optional(),
    limit: queryInt('limit', 1, limits.maxAuditLimit).optional(),
  });

  return new Hono<AppEnv>().use(requireSession(deps)).get('/', validate('query', query), (c) => {
    const { accountId } = c.get('session');
    const { before, limit = limits.defaultAuditLimit } = c.req.valid('query');
    const where = before
      ? and(eq(auditEvents.accountId, accountId), lt(auditEvents.id, before))
      : eq(auditEvents.accountId, accountId);
    const rows = db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(limit + 1)
      .all();
    const page = rows.slice(0, limit);
    const events = page.map((e) => ({
      id: e.id,
      type: e.type,
      at: iso(e.at),
      deviceId: e.deviceId,
      ip: e.ip,
      detail: JSON.parse(e.detail) as Record<string, unknown>,
    }));
    // `cursor` goes into `before` for the next (older) page; null when this was the last one.
    return c.json({ events, cursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null }, 200);
  });
}
