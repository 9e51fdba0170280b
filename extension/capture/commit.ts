/**
 * Adds scanned or imported entries to the unlocked vault, asking about duplicates first: without
 * a policy, a batch that holds duplicates adds nothing and reports how many there are, so the
 * popup can ask the user once and send the batch again with their choice.
 */
import type { Entry } from '../../crypto-core/entry';
import type { VaultKeys, VaultRecord } from '../../crypto-core/vault';
import { addEntries, toRegistrableDomain, validateEntry } from '../vault/entries';
import { deviceIdItem } from '../vault/items';
import { openAll, putRecords } from '../vault/record-store';
import { type DuplicatePolicy, planDuplicates } from './duplicates';

/** The answer to a commit: either "ask about duplicates" or what was done. */
export type CommitOutcome =
  | { status: 'duplicates'; duplicates: number; total: number }
  | { status: 'done'; added: number; replaced: number; skipped: number };

function domainsOf(xs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const d of xs) {
    try {
      out.add(toRegistrableDomain(d));
    } catch {
      // a domain that is not a web domain is dropped rather than failing the whole batch
    }
  }
  return [...out];
}

/** The stored record with the incoming account's OTP parameters and names; its own metadata stays. */
function replacement(record: VaultRecord, entry: Entry, device: string, now: number): VaultRecord {
  const v = validateEntry(entry);
  return {
    ...record,
    type: v.type,
    issuer: v.issuer.trim() || record.issuer,
    account: v.account.trim() || record.account,
    secret: v.secret,
    algorithm: v.algorithm,
    digits: v.digits,
    period: v.period,
    counter: v.counter,
    domains: domainsOf([...(record.domains ?? []), ...(v.domains ?? [])]),
    rev: record.rev + 1,
    updatedAt: now,
    deviceId: device,
  };
}

/** Adds `entries` under `policy`; without one, stops at duplicates so the user can choose. */
export async function commitEntries(
  keys: VaultKeys,
  entries: readonly Entry[],
  policy: DuplicatePolicy | undefined,
  now = Date.now(),
): Promise<CommitOutcome> {
  const existing = [...(await openAll(keys)).values()];
  const plan = planDuplicates(entries, existing, policy ?? 'skip');
  if (plan.duplicates > 0 && policy === undefined) {
    return { status: 'duplicates', duplicates: plan.duplicates, total: entries.length };
  }
  // Validate every replacement before writing anything, so a bad entry leaves the vault untouched.
  for (const r of plan.replace) validateEntry(r.entry);
  const added = plan.add.length
    ? await addEntries(
        keys,
        plan.add.map((e) => ({ ...e, domains: domainsOf(e.domains ?? []) })),
        now,
      )
    : [];
  const device = (await deviceIdItem.getValue()) ?? '';
  const replaced = plan.replace.map(({ record, entry }) => replacement(record, entry, device, now));
  if (replaced.length) await putRecords(keys, replaced);
  return { status: 'done', added: added.length, replaced: replaced.length, skipped: plan.skipped };
}
