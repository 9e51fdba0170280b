/** /v1/devices: the account's signed-in devices; rename and revoke. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { appendAudit } from '../audit-log';
import { type Device, devices, sessions } from '../db/schema';
import { type AppEnv, iso, type ServerDeps } from '../deps';
import { errorBody } from '../errors';
import { limitBody } from '../middleware/body-limit';
import { requireSession } from '../middleware/session';
import { cancelDeviceRequests } from '../pairing-store';
import { deviceName, uuid } from '../schemas';
import { validate } from '../validate';

const idParam = z.object({ id: uuid });
const renameBody = z.object({ name: deviceName });

function view(d: Device, currentId: string) {
  return {
    id: d.id,
    name: d.name,
    createdAt: iso(d.createdAt),
    lastSeenAt: iso(d.lastSeenAt),
    current: d.id === currentId,
  };
}

const notFound = errorBody('device-not-found', 'No such device on this account (it may have been revoked).');

/** Routes under /v1/devices. */
export function deviceRoutes(deps: ServerDeps) {
  const { db, clock, limits } = deps;
  // Another account's device id answers exactly like a missing one.
  const own = (accountId: string, id: string) =>
    db
      .select()
      .from(devices)
      .where(and(eq(devices.id, id), eq(devices.accountId, accountId), isNull(devices.revokedAt)))
      .get();

  return new Hono<AppEnv>()
    .use(requireSession(deps))
    .get('/', (c) => {
      const { accountId, deviceId } = c.get('session');
      const rows = db
        .select()
        .from(devices)
        .where(and(eq(devices.accountId, accountId), isNull(devices.revokedAt)))
        .orderBy(asc(devices.createdAt), sql`rowid`) // rowid: sign-in order within a millisecond
        .all();
      return c.json(
        rows.map((d) => view(d, deviceId)),
        200,
      );
    })
    .patch(
      '/:id',
      limitBody(limits.smallBodyBytes),
      validate('param', idParam),
      validate('json', renameBody),
      (c) => {
        const { accountId, deviceId } = c.get('session');
        const { id } = c.req.valid('param');
        const { name } = c.req.valid('json');
        const now = clock();
        const updated = db.transaction((tx) => {
          const d = own(accountId, id);
          if (!d) return undefined;
          tx.update(devices).set({ name }).where(eq(devices.id, id)).run();
          appendAudit(tx, now, {
            accountId,
            deviceId,
            type: 'device-renamed',
            detail: { id, from: d.name, to: name },
          });
          return { ...d, name };
        });
        if (!updated) return c.json(notFound, 404);
        return c.json(view(updated, deviceId), 200);
      },
    )
    .delete('/:id', validate('param', idParam), (c) => {
      const { accountId, deviceId } = c.get('session');
      const { id } = c.req.valid('param');
      const now = clock();
      const revoked = db.transaction((tx) => {
        const d = own(accountId, id);
        if (!d) return false;
        // Deleting the sessions is what makes the device's very next request a 401.
        tx.delete(sessions).where(eq(sessions.deviceId, id)).run();
        tx.update(devices).set({ revokedAt: now }).where(eq(devices.id, id)).run();
        cancelDeviceRequests(tx, accountId, id, now, 'device-revoked');
        appendAudit(tx, now, { accountId, deviceId, type: 'device-revoked', detail: { id, name: d.name } });
        return true;
      });
      deps.sessionCache.clear();
      if (!revoked) return c.json(notFound, 404);
      return c.body(null, 204);
    });
}
