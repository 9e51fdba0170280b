/** Three-way merge of one vault record edited on two devices (ARCHITECTURE.md, "Sync"). */
import { WardError } from './errors';
import type { VaultRecord } from './vault';

export interface MergeContext {
  /** id for a conflicted copy; UUIDv4 in production */
  newId: () => string;
  /** this device, written into the merged record */
  deviceId: string;
  now: number;
}

export interface MergeResult {
  /** what the shared id holds after the merge; null when the record stays deleted */
  merged: VaultRecord | null;
  /** the local side under a new id, when the two sides hold different secrets that cannot become one */
  conflictedCopy?: VaultRecord;
}

/** Tag put on a conflicted copy so the user sees it and can delete whichever is wrong. */
export const CONFLICT_TAG = 'conflicted copy';

// Fields that together say which code an entry produces. Two different sets are two accounts,
// never merged into one: picking either would leave the user with a code that does not work.
const OTP_FIELDS = ['type', 'secret', 'algorithm', 'digits', 'period'] as const;
const SCALAR_FIELDS = ['issuer', 'account', 'note', 'color', 'icon', 'pinned', 'sortOrder'] as const;
const SET_FIELDS = ['domains', 'tags'] as const;
const CONTENT_FIELDS = [...OTP_FIELDS, ...SCALAR_FIELDS, ...SET_FIELDS, 'counter'] as const;

type Field = (typeof CONTENT_FIELDS)[number];

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? a : [];
    const y = Array.isArray(b) ? b : [];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a === b;
}

function changed(base: VaultRecord | null, side: VaultRecord, fields: readonly Field[]): boolean {
  return base === null || fields.some((f) => !same(base[f], side[f]));
}

/** Set fields merge by membership: an item added on either side stays, one removed on either side goes. */
function mergeSet(base: string[] | undefined, local: string[] | undefined, remote: string[] | undefined) {
  const b = new Set(base ?? []);
  const l = new Set(local ?? []);
  const r = new Set(remote ?? []);
  const out: string[] = [];
  for (const item of [...(local ?? []), ...(remote ?? [])]) {
    if (out.includes(item)) continue;
    const removed = b.has(item) && (!l.has(item) || !r.has(item));
    if (!removed) out.push(item);
  }
  return out;
}

/**
 * Merge `local` (this device) and `remote` (the server's current copy) against `base`, the copy
 * both started from (null when unknown, e.g. two devices created the same id offline).
 * A null side means deleted there. An edit always beats a delete, so nothing typed is lost.
 */
export function mergeRecords(
  base: VaultRecord | null,
  local: VaultRecord | null,
  remote: VaultRecord | null,
  ctx: MergeContext,
): MergeResult {
  for (const side of [base, local, remote]) {
    if (side !== null && (typeof side !== 'object' || typeof side.id !== 'string')) {
      throw new WardError('invalid-argument', 'mergeRecords takes opened vault records or null.');
    }
  }
  if (typeof ctx?.newId !== 'function' || typeof ctx.deviceId !== 'string' || !Number.isFinite(ctx.now)) {
    throw new WardError('invalid-argument', 'mergeRecords needs a context with newId, deviceId and now.');
  }
  if (local === null && remote === null) return { merged: null };
  if (local === null || remote === null) {
    const survivor = (local ?? remote) as VaultRecord;
    return { merged: changed(base, survivor, CONTENT_FIELDS) ? survivor : null };
  }

  const stamp = {
    rev: Math.max(local.rev, remote.rev) + 1,
    updatedAt: Math.max(local.updatedAt, remote.updatedAt, ctx.now),
    deviceId: ctx.deviceId,
  };
  const localOtpChanged = changed(base, local, OTP_FIELDS);
  const remoteOtpChanged = changed(base, remote, OTP_FIELDS);
  if (localOtpChanged && remoteOtpChanged && OTP_FIELDS.some((f) => !same(local[f], remote[f]))) {
    return {
      merged: remote,
      conflictedCopy: {
        ...local,
        ...stamp,
        id: ctx.newId(),
        tags: mergeSet(undefined, local.tags, [CONFLICT_TAG]),
      },
    };
  }

  const localNewer = local.updatedAt > remote.updatedAt;
  const merged: VaultRecord = { ...remote, ...stamp };
  const out = merged as unknown as Record<Field, unknown>;
  for (const f of [...OTP_FIELDS, ...SCALAR_FIELDS]) {
    const l = local[f];
    const r = remote[f];
    if (same(l, r)) continue;
    const localChanged = base === null || !same(base[f], l);
    const remoteChanged = base === null || !same(base[f], r);
    // Only one side touched it: that side's value. Both did: the newer edit.
    const takeLocal = localChanged && (!remoteChanged || localNewer);
    out[f] = takeLocal ? l : r;
  }
  for (const f of SET_FIELDS) {
    if (local[f] !== undefined || remote[f] !== undefined) out[f] = mergeSet(base?.[f], local[f], remote[f]);
  }
  // A counter only moves forward: reusing an HOTP code that was already shown would fail at the site.
  merged.counter = Math.max(local.counter, remote.counter);
  for (const key of Object.keys(merged) as (keyof VaultRecord)[]) {
    if (merged[key] === undefined) delete merged[key];
  }
  return { merged };
}
