/**
 * Duplicate detection for scans and imports: an incoming entry whose secret is already in the
 * vault, or that repeats an earlier account of the same batch exactly, is a duplicate. The user chooses once per import what
 * happens to all of them: skip, replace the stored entry, or keep both.
 */
import type { Entry } from '../../crypto-core/entry';
import { normalizeSecret } from '../../crypto-core/uri';

export type DuplicatePolicy = 'skip' | 'replace' | 'keep';
export const DUPLICATE_POLICIES: readonly DuplicatePolicy[] = ['skip', 'replace', 'keep'];

/** What to do with each incoming entry under one policy. */
export interface DuplicatePlan<R> {
  /** entries to add as new records */
  add: Entry[];
  /** stored records to overwrite with an incoming entry (policy 'replace') */
  replace: { record: R; entry: Entry }[];
  /** incoming entries left out */
  skipped: number;
  /** how many incoming entries were duplicates (whatever the policy did with them) */
  duplicates: number;
}

function canonicalSecret(secret: string): string {
  try {
    return normalizeSecret(secret);
  } catch {
    return secret; // an invalid secret fails validation on add; it duplicates nothing
  }
}

/** Compares two strings in time that depends only on their lengths (secrets must not leak by timing). */
export function sameSecret(a: string, b: string): boolean {
  const x = canonicalSecret(a);
  const y = canonicalSecret(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    diff |= (x.charCodeAt(i) | 0) ^ (y.charCodeAt(i) | 0);
  return diff === 0;
}

/**
 * The same account twice in one file: same secret and the same parameters and names. (Different
 * accounts can share a secret in test vectors and in some apps' exports; they are not merged.)
 */
function sameAccount(a: Entry, b: Entry): boolean {
  return (
    a.type === b.type &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    a.period === b.period &&
    a.issuer.trim() === b.issuer.trim() &&
    a.account.trim() === b.account.trim() &&
    sameSecret(a.secret, b.secret)
  );
}

/** How many of `incoming` share a secret with `existing` or repeat an earlier incoming account. */
export function countDuplicates(
  incoming: readonly Entry[],
  existing: readonly Pick<Entry, 'secret'>[],
): number {
  return planDuplicates(incoming, existing, 'skip').duplicates;
}

/**
 * Splits `incoming` by `policy`. 'replace' overwrites the stored record that has the secret; a
 * repeat within the batch itself is skipped under 'skip' and 'replace' (the first one wins) and
 * added under 'keep'.
 */
export function planDuplicates<R extends Pick<Entry, 'secret'>>(
  incoming: readonly Entry[],
  existing: readonly R[],
  policy: DuplicatePolicy,
): DuplicatePlan<R> {
  const plan: DuplicatePlan<R> = { add: [], replace: [], skipped: 0, duplicates: 0 };
  const seen: Entry[] = [];
  const replaced = new Set<R>();
  for (const entry of incoming) {
    const stored = existing.find((r) => sameSecret(r.secret, entry.secret));
    const repeat = seen.some((e) => sameAccount(e, entry));
    seen.push(entry);
    if (!stored && !repeat) {
      plan.add.push(entry);
      continue;
    }
    plan.duplicates++;
    if (policy === 'keep') plan.add.push(entry);
    else if (policy === 'replace' && stored && !replaced.has(stored)) {
      replaced.add(stored);
      plan.replace.push({ record: stored, entry });
    } else plan.skipped++;
  }
  return plan;
}
