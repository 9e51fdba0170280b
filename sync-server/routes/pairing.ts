/** /v1/pairing: a new device asks a signed-in one for the vault key; the server relays keys and ciphertext. */
import { x25519 } from '@noble/curves/ed25519.js';
import { Hono } from 'hono';
import { z } from 'zod';
import { clientIp } from '../client-ip';
import { type AppEnv, iso, type ServerDeps } from '../deps';
import { errorBody } from '../errors';
import { RateLimiter } from '../limits';
import { limitBody } from '../middleware/body-limit';
import { requireSession } from '../middleware/session';
import { type Actor, createPairingStore } from '../pairing-store';
import { queryInt, uuid } from '../schemas';
import { validate, validateQuery } from '../validate';

// A throwaway scalar: noble refuses low-order points (RFC 7748 §6.1) inside the ladder, whose
// shared secret would not depend on the new device's private key.
const PROBE = new Uint8Array(32).fill(9);

/** True for a base64url (no padding) X25519 public key of 32 bytes that is not a low-order point. */
function usableX25519Key(s: string): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(s)) return false;
  const bytes = Buffer.from(s, 'base64url');
  if (bytes.length !== 32 || bytes.toString('base64url') !== s) return false;
  try {
    x25519.getSharedSecret(PROBE, bytes);
    return true;
  } catch {
    return false;
  }
}

function isJsonObject(s: string): boolean {
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

const idParam = z.object({ id: uuid });
const createBody = z.object({
  publicKey: z
    .string()
    .refine(usableX25519Key, 'must be a 32-byte X25519 public key, base64url without padding'),
});

/** Routes under /v1/pairing. */
export function pairingRoutes(deps: ServerDeps) {
  const { db, clock, limits, config } = deps;
  const store = createPairingStore(db);
  const waiters = deps.pairingWaiters;
  const perAccount = new RateLimiter(limits.pairingRequestsPerAccountPerHour);
  const small = limitBody(limits.smallBodyBytes);
  const answerBody = z.discriminatedUnion('decision', [
    z.strictObject({
      decision: z.literal('approve'),
      transfer: z
        .string()
        .min(2)
        .max(limits.maxPairingTransferChars, `must be at most ${limits.maxPairingTransferChars} characters`)
        .refine(isJsonObject, 'must be the sealed transfer as a JSON object text'),
    }),
    z.strictObject({ decision: z.literal('deny') }),
  ]);
  const pollQuery = z.object({
    wait: queryInt('wait', 0, Math.floor(limits.maxPairingWaitMs / 1000)).optional(),
  });

  const notFound = errorBody(
    'pairing-not-found',
    'No such pairing request on this account (already answered and collected, withdrawn, or never made).',
  );
  const expired = errorBody(
    'pairing-expired',
    'This pairing request expired (requests live 10 minutes); start a new one on the new device.',
  );
  const actor = (c: { get(k: 'session'): AppEnv['Variables']['session'] }, ip: string): Actor => {
    const { accountId, deviceId } = c.get('session');
    return { accountId, deviceId, ip, now: clock() };
  };

  return new Hono<AppEnv>()
    .use(requireSession(deps))
    .post('/requests', small, validate('json', createBody), (c) => {
      const a = actor(c, clientIp(c, config.trustProxy));
      const wait = perAccount.retryAfter(a.accountId, a.now);
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return c.json(errorBody('rate-limited', `Too many pairing requests; try again in ${wait} s.`), 429);
      }
      const row = store.create(
        a,
        c.req.valid('json').publicKey,
        limits.pairingTtlMs,
        limits.pairingPendingPerAccount,
      );
      if (!row) {
        c.header('Retry-After', String(Math.ceil(limits.pairingTtlMs / 1000)));
        return c.json(
          errorBody(
            'rate-limited',
            'This account has too many open pairing requests; answer or let them expire, then try again.',
          ),
          429,
        );
      }
      perAccount.record(a.accountId, a.now);
      return c.json({ id: row.id, createdAt: iso(row.createdAt), expiresAt: iso(row.expiresAt) }, 201);
    })
    .get('/requests', (c) => {
      const { accountId, deviceId } = c.get('session');
      const rows = store.pending(accountId, deviceId, clock());
      return c.json(
        {
          requests: rows.map((r) => ({
            id: r.id,
            deviceId: r.deviceId,
            deviceName: r.deviceName,
            publicKey: r.publicKey,
            createdAt: iso(r.createdAt),
            expiresAt: iso(r.expiresAt),
          })),
        },
        200,
      );
    })
    .post('/requests/:id/answer', small, validate('param', idParam), validate('json', answerBody), (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const outcome = store.answer(
        actor(c, clientIp(c, config.trustProxy)),
        id,
        body.decision === 'approve' ? body.transfer : null,
      );
      switch (outcome) {
        case 'answered':
          waiters.notify(id);
          return c.body(null, 204);
        case 'expired':
          return c.json(expired, 410);
        case 'own-request':
          return c.json(
            errorBody('pairing-own-request', 'A device cannot answer its own pairing request.'),
            403,
          );
        case 'already-answered':
          return c.json(
            errorBody('pairing-answered', 'Another device already answered this pairing request.'),
            409,
          );
        default:
          return c.json(notFound, 404);
      }
    })
    .get('/requests/:id', validate('param', idParam), validateQuery(pollQuery), async (c) => {
      const { id } = c.req.valid('param');
      const ip = clientIp(c, config.trustProxy);
      let r = store.take(actor(c, ip), id);
      if (r.status === 'pending') {
        // Bounded by the request's own expiry too (checked again by take()).
        const waitMs = Math.min((c.req.valid('query').wait ?? 0) * 1000, r.expiresAt - clock());
        if (waitMs > 0) {
          await waiters.wait(id, waitMs, c.req.raw.signal);
          // A client that hung up must not consume the result it would never receive.
          if (c.req.raw.signal.aborted) return c.body(null, 204);
          r = store.take(actor(c, ip), id);
        }
      }
      switch (r.status) {
        case 'pending':
          return c.json({ status: 'pending' as const, expiresAt: iso(r.expiresAt) }, 200);
        case 'approved':
        case 'denied':
          return c.json({ status: r.status, transfer: r.transfer, answeredBy: r.answeredBy }, 200);
        case 'expired':
          return c.json(expired, 410);
        default:
          return c.json(notFound, 404);
      }
    })
    .delete('/requests/:id', validate('param', idParam), (c) => {
      const ok = store.cancel(actor(c, clientIp(c, config.trustProxy)), c.req.valid('param').id);
      if (!ok) return c.json(notFound, 404);
      waiters.notify(c.req.valid('param').id);
      return c.body(null, 204);
    });
}
