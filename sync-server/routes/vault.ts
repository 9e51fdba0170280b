/** /v1/vault: key slots (optimistic versions) and record sync (pull by seq, push by baseVersion). */
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, iso, type ServerDeps } from '../deps';
import { errorBody } from '../errors';
import { limitBody } from '../middleware/body-limit';
import { requireSession } from '../middleware/session';
import { queryInt, uuid } from '../schemas';
import { createSyncStore, KeyRotated, type KeySlot, QuotaExceeded } from '../sync-store';
import { validate, validateQuery } from '../validate';
import { rotateVault } from '../vault-rotation';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The vault key generation, as record blobs carry it: 4 bytes, here 8 lower-case hex digits. */
const keyIdSchema = z.string().regex(/^[0-9a-f]{8}$/, 'must be 8 lower-case hex digits');

const keyRotatedBody = (current: string) => ({
  ...errorBody(
    'key-rotated',
    'The vault key was rotated on another device: nothing was written. Unlock again, pull, and retry.',
  ),
  keyId: current,
});

/** Routes under /v1/vault. */
export function vaultRoutes(deps: ServerDeps) {
  const { db, clock, limits } = deps;
  const store = createSyncStore(db, deps.vaultHeads);
  const maxChars = Math.ceil((limits.maxBlobBytes * 4) / 3);
  const tooBig = (blob: string | null) => blob !== null && blob.length > maxChars;
  const notBase64 = (blob: string | null) => blob !== null && blob.length % 4 === 1;

  const keySlot = z.strictObject({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _'),
    kind: z
      .string()
      .min(1)
      .max(32)
      .regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits or -'),
    data: z
      .string()
      .max(limits.maxKeySlotDataChars, `must be at most ${limits.maxKeySlotDataChars} characters`),
  });
  const keySlotsBody = z.object({
    baseVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    vaultId: uuid.optional(),
    keyId: keyIdSchema.optional(),
    keySlots: z
      .array(keySlot)
      .max(limits.maxKeySlots)
      .refine((s) => new Set(s.map((k) => k.id)).size === s.length, 'slot ids must be unique'),
  });
  const pullQuery = z.object({
    since: queryInt('since', 0, Number.MAX_SAFE_INTEGER).optional(),
    limit: queryInt('limit', 1, limits.maxPullLimit).optional(),
    full: z.enum(['1', 'true'], { error: 'full must be 1 or true' }).optional(),
  });
  const blobSchema = z.string().min(2).regex(BASE64URL, 'must be base64url without padding');
  const rotateBody = z.object({
    baseVersion: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    baseSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    keyId: keyIdSchema,
    keySlots: keySlotsBody.shape.keySlots.min(1, 'a rotated vault needs at least one key slot'),
    records: z
      .array(z.strictObject({ id: uuid, blob: blobSchema }))
      .max(limits.maxLiveRecords)
      .refine((c) => new Set(c.map((x) => x.id)).size === c.length, 'each record id may appear once'),
  });
  const pushBody = z.object({
    keyId: keyIdSchema.optional(),
    changes: z
      .array(
        z.strictObject({
          id: uuid,
          baseVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
          blob: blobSchema.nullable(),
        }),
      )
      .min(1)
      .max(limits.maxChangesPerPush)
      .refine(
        (c) => new Set(c.map((x) => x.id)).size === c.length,
        'each record id may appear once per push',
      ),
  });

  const noVault = errorBody(
    'vault-not-found',
    'This account has no vault yet; create it with PUT /v1/vault/key-slots.',
  );
  const slotsView = (keySlots: string, keySlotsVersion: number) => ({
    keySlots: JSON.parse(keySlots) as KeySlot[],
    keySlotsVersion,
  });

  return new Hono<AppEnv>()
    .use(requireSession(deps))
    .get('/', (c) => {
      const v = store.vault(c.get('session').accountId);
      if (!v) return c.json(noVault, 404);
      return c.json(
        {
          vaultId: v.id,
          ...slotsView(v.keySlots, v.keySlotsVersion),
          keyId: v.keyId,
          createdAt: iso(v.createdAt),
        },
        200,
      );
    })
    .put('/key-slots', limitBody(limits.maxBodyBytes), validate('json', keySlotsBody), (c) => {
      const { accountId, deviceId } = c.get('session');
      const body = c.req.valid('json');
      let r: ReturnType<typeof store.putKeySlots>;
      try {
        r = store.putKeySlots(
          accountId,
          deviceId,
          body.baseVersion,
          body.keySlots,
          clock(),
          body.vaultId,
          body.keyId,
        );
      } catch (err) {
        if (!(err instanceof KeyRotated)) throw err;
        return c.json(keyRotatedBody(err.current), 409);
      }
      if (r.ok && r.vault)
        return c.json({ vaultId: r.vault.id, keySlotsVersion: r.vault.keySlotsVersion }, 200);
      if (r.idTaken)
        return c.json(errorBody('vault-exists', 'That vaultId is taken; generate a new one.'), 409);
      if (!r.vault) return c.json(noVault, 404);
      return c.json(
        {
          ...errorBody(
            'version-conflict',
            'The key slots changed on another device; merge with `current` and retry.',
          ),
          current: { vaultId: r.vault.id, ...slotsView(r.vault.keySlots, r.vault.keySlotsVersion) },
        },
        409,
      );
    })
    .get('/changes', validateQuery(pullQuery), (c) => {
      const q = c.req.valid('query');
      const since = q.since ?? 0;
      const v = store.head(c.get('session').accountId);
      if (!v) return c.json(noVault, 404);
      // A cursor below the highest purged tombstone may have missed a deletion, unless the client
      // says it is paging through a full snapshot (it started at 0 and will drop what it does not
      // see). A cursor above the vault's seq comes from a server state that no longer exists.
      if (since > 0 && since < v.purgedSeq && !q.full) {
        return c.json(
          errorBody(
            'cursor-expired',
            'This cursor is older than tombstone retention; resync from since=0 by id.',
          ),
          410,
        );
      }
      if (since > v.seq) {
        return c.json(
          errorBody(
            'cursor-ahead',
            'This cursor is ahead of the server (restored from a backup?); resync from since=0.',
          ),
          410,
        );
      }
      // Up to date (the common poll): the counters already say there is nothing to read.
      if (since === v.seq) return c.json({ changes: [], cursor: since, hasMore: false }, 200);
      return c.json(store.changes(v.id, since, q.limit ?? limits.defaultPullLimit, v.seq), 200);
    })
    .post('/records', limitBody(limits.maxBodyBytes), validate('json', pushBody), (c) => {
      const { changes, keyId } = c.req.valid('json');
      const big = changes.find((ch) => tooBig(ch.blob));
      if (big) {
        return c.json(
          errorBody(
            'blob-too-large',
            `Record ${big.id} is over ${limits.maxBlobBytes} bytes; nothing was applied.`,
          ),
          413,
        );
      }
      const bad = changes.find((ch) => notBase64(ch.blob));
      if (bad)
        return c.json(errorBody('validation-failed', `Record ${bad.id}: blob is not valid base64url.`), 400);
      const v = store.head(c.get('session').accountId);
      if (!v) return c.json(noVault, 404);
      try {
        return c.json(
          store.push(c.get('session').accountId, v.id, changes, clock(), limits.maxLiveRecords, keyId),
          200,
        );
      } catch (err) {
        if (err instanceof KeyRotated) return c.json(keyRotatedBody(err.current), 409);
        if (!(err instanceof QuotaExceeded)) throw err;
        return c.json(
          errorBody(
            'quota-exceeded',
            `A vault holds at most ${limits.maxLiveRecords} records; nothing was applied.`,
          ),
          413,
        );
      }
    })
    .post('/rotate', limitBody(limits.rotateBodyBytes), validate('json', rotateBody), (c) => {
      const { accountId, deviceId } = c.get('session');
      const body = c.req.valid('json');
      const big = body.records.find((x) => tooBig(x.blob));
      if (big) {
        return c.json(
          errorBody(
            'blob-too-large',
            `Record ${big.id} is over ${limits.maxBlobBytes} bytes; nothing changed.`,
          ),
          413,
        );
      }
      const bad = body.records.find((x) => notBase64(x.blob));
      if (bad)
        return c.json(errorBody('validation-failed', `Record ${bad.id}: blob is not valid base64url.`), 400);
      const r = rotateVault(db, deps.vaultHeads, { ...body, accountId, deviceId, now: clock() });
      if (r.ok) {
        const { ok: _, ...view } = r;
        return c.json(view, 200);
      }
      switch (r.reason) {
        case 'no-vault':
          return c.json(noVault, 404);
        case 'slots-changed':
          return c.json(
            {
              ...errorBody(
                'version-conflict',
                'The key slots changed on another device; pull, rewrap them all, and rotate again.',
              ),
              current: { vaultId: r.vault.id, ...slotsView(r.vault.keySlots, r.vault.keySlotsVersion) },
            },
            409,
          );
        case 'records-changed':
          return c.json(
            {
              ...errorBody(
                'vault-changed',
                'Records changed since baseSeq; pull, re-encrypt the new ones, and rotate again.',
              ),
              cursor: r.cursor,
            },
            409,
          );
        case 'same-key-id':
          return c.json(
            errorBody('key-id-unchanged', 'keyId is the vault’s current key id; a rotation needs a new key.'),
            409,
          );
        default:
          return c.json(
            errorBody(
              'rotation-incomplete',
              `A rotation must re-encrypt exactly the live records: ${r.missing} missing, ${r.unknown} not live; nothing changed.`,
            ),
            400,
          );
      }
    });
}
