/** /v1/audit: the account's security events, newest first; and events only a client can see (exports). */
import { and, desc, eq, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { appendAudit } from '../audit-log';
import { clientIp } from '../client-ip';
import { auditEvents } from '../db/schema';
import { type AppEnv, iso, type ServerDeps } from '../deps';
import { errorBody } from '../errors';
import { RateLimiter } from '../limits';
import { limitBody } from '../middleware/body-limit';
import { requireSession } from '../middleware/session';
import { queryInt } from '../schemas';
import { validate, validateQuery } from '../validate';

const count = z.number().int().min(0).max(1_000_000);
const slug = z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be 1–32 of a–z 0–9 -');

/**
 * The events a client may report, each with a strict detail shape: the log is read by the user
 * as a security record, so a client may add only small typed facts, never free text or secrets.
 */
const clientEvent = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('export'),
    detail: z.strictObject({ format: slug, entries: count, encrypted: z.boolean() }),
  }),
  z.strictObject({
    kind: z.literal('backup-created'),
    detail: z.strictObject({ entries: count }),
  }),
  z.strictObject({
    kind: z.literal('recovery-kit-created'),
    detail: z.strictObject({
      shares: z.number().int().min(1).max(255),
      threshold: z.number().int().min(1).max(255),
    }),
  }),
  z.strictObject({ kind: z.literal('recovery-key-used'), detail: z.strictObject({}).optional() }),
]);

/** The client-reported kinds, as API.md lists them. */
export const CLIENT_EVENT_KINDS = clientEvent.options.map((o) => o.shape.kind.value);

/** Routes under /v1/audit. */
export function auditRoutes(deps: ServerDeps) {
  const { db, limits, clock, config } = deps;
  const reports = new RateLimiter(limits.clientEventsPerAccountPerHour);
  const query = z.object({
    before: queryInt('before', 1, Number.MAX_SAFE_INTEGER).optional(),
    limit: queryInt('limit', 1, limits.maxAuditLimit).optional(),
  });

  return new Hono<AppEnv>()
    .use(requireSession(deps))
    .get('/', validateQuery(query), (c) => {
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
    })
    .post('/events', limitBody(limits.smallBodyBytes), validate('json', clientEvent), (c) => {
      const { accountId, deviceId } = c.get('session');
      const now = clock();
      const wait = reports.retryAfter(accountId, now);
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return c.json(errorBody('rate-limited', `Too many reported events; try again in ${wait} s.`), 429);
      }
      reports.record(accountId, now);
      const e = c.req.valid('json');
      const ip = clientIp(c, config.trustProxy);
      appendAudit(db, now, {
        accountId,
        deviceId,
        ip,
        type: e.kind,
        detail: { ...e.detail, reported: true },
      });
      return c.body(null, 204);
    });
}
