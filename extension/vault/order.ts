/**
 * Display order: pinned entries first, then the user's manual order (`sortOrder`), then by name.
 * A move gives the moved entry a sortOrder between its new neighbours, so one move re-seals (and
 * later syncs) one record; only when the gap runs out are all entries renumbered.
 */

export interface Orderable {
  id: string;
  pinned?: boolean;
  sortOrder?: number;
  issuer: string;
  account: string;
}

const MIN_GAP = 1e-6;

/** Compare for display order. */
export function compareOrder(a: Orderable, b: Orderable): number {
  const pin = Number(b.pinned === true) - Number(a.pinned === true);
  if (pin) return pin;
  const so = (a.sortOrder ?? 0) - (b.sortOrder ?? 0);
  if (so) return so;
  return a.issuer.localeCompare(b.issuer) || a.account.localeCompare(b.account) || a.id.localeCompare(b.id);
}

/** The sortOrder for an entry added at the end. */
export function nextSortOrder(all: Orderable[]): number {
  return all.reduce((max, r) => Math.max(max, r.sortOrder ?? 0), 0) + 1;
}

/**
 * New sortOrders after placing `id` right after `afterId` (null: first). Returns only the entries
 * whose sortOrder changes. Unknown ids yield an empty map.
 */
export function placeAfter(all: Orderable[], id: string, afterId: string | null): Map<string, number> {
  const sorted = [...all].sort(compareOrder);
  const moving = sorted.find((r) => r.id === id);
  if (!moving || id === afterId) return new Map();
  const rest = sorted.filter((r) => r.id !== id);
  const at = afterId === null ? 0 : rest.findIndex((r) => r.id === afterId) + 1;
  if (afterId !== null && at === 0) return new Map();
  const before = rest[at - 1];
  const after = rest[at];
  const lo = before?.sortOrder ?? (after?.sortOrder ?? 0) - 2;
  const hi = after?.sortOrder ?? lo + 2;
  if (hi - lo > MIN_GAP) return new Map([[id, lo + (hi - lo) / 2]]);
  // Gap exhausted: renumber everything 1..n in the new order.
  const order = [...rest.slice(0, at), moving, ...rest.slice(at)];
  const changes = new Map<string, number>();
  order.forEach((r, i) => {
    if (r.sortOrder !== i + 1) changes.set(r.id, i + 1);
  });
  return changes;
}
