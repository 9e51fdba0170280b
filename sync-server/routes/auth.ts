/** /v1/auth: email one-time-code sign-in, sign-out. */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, lt, or } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { appendAudit } from '../audit-log';
import { clientIp } from '../client-ip';
import { accounts, devices, sessions, signInCodes } from '../db/schema';
import { type AppEnv, iso, type ServerDeps } from '../deps';
import { errorBody } from '../errors';
import { RateLimiter } from '../limits';
import type { NewDeviceNotice } from '../mail';
import { limitBody } from '../middleware/body-limit';
import { requireSession } from '../middleware/session';
import { cancelDeviceRequests } from '../pairing-store';
import { deviceName, email } from '../schemas';
import { hashToken, macCode, newCode, newToken, sameDigest } from '../secrets';
import { validate } from '../validate';

const DAY = 86_400_000;

const startBody = z.object({ email });
const verifyBody = z.object({
  email,
  code: z.string().regex(/^\d{6}$/, 'must be the 6 digits from the mail'),
  device: z.object({ name: deviceName }),
  /** "Keep me signed in"; false marks the session for the client to forget when the browser closes. */
  persistent: z.boolean().optional(),
});

type VerifyOutcome =
  | {
      ok: true;
      token: string;
      accountId: string;
      deviceId: string;
      expiresAt: number;
      newAccount: boolean;
    }
  | { ok: false; attemptsLeft: number };

/** Routes under /v1/auth. */
export function authRoutes(deps: ServerDeps) {
  const { db, clock, limits, logger, mailer, config, codeKey } = deps;
  const startsPerEmail = new RateLimiter(limits.startsPerEmailPerHour);
  const startsPerIp = new RateLimiter(limits.startsPerIpPerHour);
  const failuresPerIp = new RateLimiter(limits.failedVerifiesPerIpPerHour);
  const small = limitBody(limits.smallBodyBytes);

  // After the response, and never failing the sign-in: the session exists either way, and the
  // audit log records the sign-in even when the mail server is down.
  function notifyNewDevice(to: string, notice: NewDeviceNotice): void {
    mailer.sendNewDeviceNotice?.(to, notice).catch((err: unknown) => {
      logger.error('mailing a new-device notice failed', {
        error: err instanceof Error ? err.message : 'unknown',
      });
    });
  }

  // Lookup, comparison and consumption run in one synchronous transaction, so two requests
  // racing with the same right code cannot both sign in.
  function checkCode(
    addr: string,
    code: string,
    deviceLabel: string,
    persistent: boolean,
    ip: string,
    now: number,
  ): VerifyOutcome {
    return db.transaction(
      (tx) => {
        const row = tx
          .select()
          .from(signInCodes)
          .where(and(eq(signInCodes.email, addr), gt(signInCodes.expiresAt, now)))
          .orderBy(desc(signInCodes.createdAt))
          .limit(1)
          .get();
        const account = tx.select().from(accounts).where(eq(accounts.email, addr)).get();
        const right = row ? sameDigest(macCode(codeKey, row.id, addr, code), row.codeHash) : false;
        if (!row || !right) {
          let attemptsLeft = 0;
          if (row) {
            const attempts = row.attempts + 1;
            attemptsLeft = Math.max(0, limits.codeAttempts - attempts);
            // The last allowed wrong attempt burns the code: guessing stops at 5 tries per mail.
            if (attemptsLeft === 0) tx.delete(signInCodes).where(eq(signInCodes.id, row.id)).run();
            else tx.update(signInCodes).set({ attempts }).where(eq(signInCodes.id, row.id)).run();
          }
          // Logged only against a pending code, where the row update above writes anyway: a write
          // for known addresses alone would make failures slower for them (account enumeration).
          if (account && row) {
            const detail = { reason: 'wrong-code' };
            appendAudit(tx, now, { accountId: account.id, type: 'sign-in-failed', ip, detail });
          }
          return { ok: false, attemptsLeft };
        }
        tx.delete(signInCodes).where(eq(signInCodes.email, addr)).run();
        let acct = account;
        if (!acct) {
          acct = { id: randomUUID(), email: addr, sessionDays: limits.defaultSessionDays, createdAt: now };
          tx.insert(accounts).values(acct).run();
        }
        const deviceId = randomUUID();
        tx.insert(devices)
          .values({ id: deviceId, accountId: acct.id, name: deviceLabel, createdAt: now, lastSeenAt: now })
          .run();
        const token = newToken();
        const expiresAt = now + acct.sessionDays * DAY;
        tx.insert(sessions)
          .values({
            id: randomUUID(),
            tokenHash: hashToken(token),
            accountId: acct.id,
            deviceId,
            createdAt: now,
            expiresAt,
            persistent,
          })
          .run();
        const detail = { deviceName: deviceLabel, newAccount: !account };
        appendAudit(tx, now, { accountId: acct.id, type: 'sign-in', deviceId, ip, detail });
        return { ok: true, token, accountId: acct.id, deviceId, expiresAt, newAccount: !account };
      },
      { behavior: 'immediate' },
    );
  }

  return new Hono<AppEnv>()
    .post('/start', small, validate('json', startBody), async (c) => {
      const { email: addr } = c.req.valid('json');
      const now = clock();
      const ip = clientIp(c, config.trustProxy);
      const wait = Math.max(startsPerEmail.retryAfter(addr, now), startsPerIp.retryAfter(ip, now));
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return c.json(errorBody('rate-limited', `Too many sign-in requests; try again in ${wait} s.`), 429);
      }
      startsPerEmail.record(addr, now);
      startsPerIp.record(ip, now);

      // Every address gets a code, known or not, so the answer never tells whether an account exists.
      const id = randomUUID();
      const code = newCode();
      const row = { id, email: addr, codeHash: macCode(codeKey, id, addr, code), createdAt: now };
      db.transaction((tx) => {
        tx.delete(signInCodes)
          .where(or(eq(signInCodes.email, addr), lt(signInCodes.expiresAt, now)))
          .run();
        tx.insert(signInCodes)
          .values({ ...row, expiresAt: now + limits.codeTtlMs })
          .run();
      });
      try {
        await mailer.sendSignInCode(addr, code, Math.round(limits.codeTtlMs / 60_000));
      } catch (err) {
        db.delete(signInCodes).where(eq(signInCodes.id, id)).run();
        logger.error('mailing a sign-in code failed', {
          error: err instanceof Error ? err.message : 'unknown',
        });
        return c.json(errorBody('mail-failed', 'The sign-in mail could not be sent; try again later.'), 502);
      }
      return c.json({ codeLength: 6, expiresInSeconds: Math.round(limits.codeTtlMs / 1000) }, 202);
    })
    .post('/verify', small, validate('json', verifyBody), (c) => {
      const body = c.req.valid('json');
      const now = clock();
      const ip = clientIp(c, config.trustProxy);
      const wait = failuresPerIp.retryAfter(ip, now);
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return c.json(errorBody('rate-limited', `Too many wrong codes; try again in ${wait} s.`), 429);
      }
      const persistent = body.persistent ?? true;
      const r = checkCode(body.email, body.code, body.device.name, persistent, ip, now);
      if (!r.ok) {
        failuresPerIp.record(ip, now);
        const message =
          r.attemptsLeft > 0
            ? 'That code is not right; check the latest mail from Ward and try again.'
            : 'No valid code for this address (expired, used, or too many wrong tries); request a new one.';
        return c.json(errorBody('invalid-code', message), 401);
      }
      // Not for the first device of a new account: its owner is the one signing in right now.
      if (!r.newAccount) notifyNewDevice(body.email, { deviceName: body.device.name, at: iso(now), ip });
      return c.json(
        {
          token: r.token,
          accountId: r.accountId,
          deviceId: r.deviceId,
          expiresAt: iso(r.expiresAt),
          persistent,
        },
        200,
      );
    })
    .post('/logout', requireSession(deps), (c) => {
      const { deviceId, accountId } = c.get('session');
      const now = clock();
      db.transaction((tx) => {
        tx.delete(sessions).where(eq(sessions.deviceId, deviceId)).run();
        tx.update(devices).set({ revokedAt: now }).where(eq(devices.id, deviceId)).run();
        cancelDeviceRequests(tx, accountId, deviceId, now, 'signed-out');
        appendAudit(tx, now, { accountId, type: 'sign-out', deviceId });
      });
      deps.sessionCache.clear();
      return c.body(null, 204);
    });
}
