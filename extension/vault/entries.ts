/**
 * Entry operations on the unlocked vault: add (validated), edit metadata, delete/undo, reorder,
 * HOTP counter, and the secret-free summaries the popup sees.
 */

import { canonicalEntry } from '../../crypto-core/_entry-check';
import type { Entry } from '../../crypto-core/entry';
import { newRecordId, type VaultKeys, type VaultRecord } from '../../crypto-core/vault';
import { registrableDomain } from '../autofill/match';
import type { EntryPatch, EntrySummary } from '../messages';
import { deviceIdItem } from './items';
import { compareOrder, nextSortOrder, placeAfter } from './order';
import { deleteRecord, openAll, putRecords, undeleteRecord } from './record-store';
import { VaultError } from './vault-error';

/** What the popup may see: the record without its secret. */
export function toSummary(r: VaultRecord): EntrySummary {
  return {
    id: r.id,
    type: r.type,
    issuer: r.issuer,
    account: r.account,
    algorithm: r.algorithm,
    digits: r.digits,
    period: r.period,
    counter: r.counter,
    domains: r.domains ?? [],
    tags: r.tags ?? [],
    note: r.note ?? '',
    color: r.color ?? '',
    pinned: r.pinned === true,
    sortOrder: r.sortOrder ?? 0,
    updatedAt: r.updatedAt,
  };
}

async function deviceId(): Promise<string> {
  const known = await deviceIdItem.getValue();
  if (known) return known;
  const fresh = newRecordId();
  await deviceIdItem.setValue(fresh);
  return fresh;
}

/** Reduces "https://login.example.co.uk/x" or "example.co.uk" to its registrable domain. */
export function toRegistrableDomain(input: string): string {
  // The same rule autofill matches pages with, so a domain saved here always matches its site
  // (private suffixes such as github.io count; localhost and IP addresses are kept as they are).
  const domain = registrableDomain(input);
  if (!domain) {
    const shown = input.trim().slice(0, 80);
    throw new VaultError('bad-request', `"${shown}" is not a web domain (e.g. example.com).`);
  }
  return domain;
}

function cleanList(xs: string[] | undefined, map: (s: string) => string = (s) => s.trim()): string[] {
  return [...new Set((xs ?? []).map(map).filter((s) => s !== ''))];
}

/**
 * Checks the OTP parameters and normalises the secret (crypto-core's one checker, the same rules as a
 * scanned URI); throws WardError with a precise code. Ward's metadata is kept as given for `meta`.
 */
export function validateEntry(e: Entry): Entry {
  return { ...e, ...canonicalEntry(e) };
}

function meta(e: Entry): Partial<Entry> {
  return {
    issuer: e.issuer.trim(),
    account: e.account.trim(),
    domains: cleanList(e.domains, toRegistrableDomain),
    tags: cleanList(e.tags),
    note: e.note ?? '',
    color: e.color ?? '',
    pinned: e.pinned === true,
  };
}

/** Every entry in display order. */
export async function listEntries(keys: VaultKeys): Promise<EntrySummary[]> {
  const all = [...(await openAll(keys)).values()];
  return all.sort(compareOrder).map(toSummary);
}

/** The opened record or VaultError 'not-found'. */
export async function getRecord(keys: VaultKeys, id: string): Promise<VaultRecord> {
  const r = (await openAll(keys)).get(id);
  if (!r) throw new VaultError('not-found', 'That entry no longer exists.');
  return r;
}

/** Adds entries (validated) at the end of the list. */
export async function addEntries(
  keys: VaultKeys,
  entries: Entry[],
  now = Date.now(),
): Promise<VaultRecord[]> {
  const all = [...(await openAll(keys)).values()];
  const device = await deviceId();
  let order = nextSortOrder(all);
  const records = entries.map((e): VaultRecord => {
    // Icons are not user-settable yet; dropping them keeps remote URLs out of the vault.
    const { icon: _icon, ...valid } = validateEntry(e);
    return {
      ...valid,
      ...meta(valid),
      id: newRecordId(),
      rev: 1,
      updatedAt: now,
      deviceId: device,
      sortOrder: order++,
    };
  });
  await putRecords(keys, records);
  return records;
}

async function rewrite(keys: VaultKeys, r: VaultRecord, change: Partial<VaultRecord>, now: number) {
  const next: VaultRecord = { ...r, ...change, rev: r.rev + 1, updatedAt: now, deviceId: await deviceId() };
  await putRecords(keys, [next]);
  return next;
}

/** Changes an entry's metadata (names, domains, tags, note, colour, pin). */
export async function updateEntry(keys: VaultKeys, id: string, patch: EntryPatch, now = Date.now()) {
  const r = await getRecord(keys, id);
  const merged = { ...r, ...patch } as Entry;
  const clean = meta(merged);
  const change: Partial<VaultRecord> = {};
  for (const k of Object.keys(patch) as (keyof EntryPatch)[]) Object.assign(change, { [k]: clean[k] });
  return rewrite(keys, r, change, now);
}

/** Advances an HOTP counter by one (RFC 4226: each code is used once). */
export async function advanceHotp(keys: VaultKeys, id: string, now = Date.now()): Promise<VaultRecord> {
  const r = await getRecord(keys, id);
  if (r.type !== 'hotp')
    throw new VaultError('bad-request', 'Only counter-based (HOTP) entries have a next code.');
  return rewrite(keys, r, { counter: r.counter + 1 }, now);
}

/** Moves an entry right after `afterId` (null: to the top). */
export async function moveEntry(keys: VaultKeys, id: string, afterId: string | null, now = Date.now()) {
  const map = await openAll(keys);
  if (!map.has(id) || (afterId !== null && !map.has(afterId))) {
    throw new VaultError('not-found', 'That entry no longer exists.');
  }
  const changes = placeAfter([...map.values()], id, afterId);
  const device = await deviceId();
  const changed = [...changes].map(([cid, sortOrder]): VaultRecord => {
    const r = map.get(cid) as VaultRecord;
    return { ...r, sortOrder, rev: r.rev + 1, updatedAt: now, deviceId: device };
  });
  if (changed.length) await putRecords(keys, changed);
  return listEntries(keys);
}

/** Deletes an entry; it can be undone for a few seconds. */
export async function removeEntry(keys: VaultKeys, id: string, now = Date.now()): Promise<void> {
  if (!(await deleteRecord(keys, id, now))) throw new VaultError('not-found', 'That entry no longer exists.');
}

/** Undoes a recent delete. */
export async function restoreEntry(keys: VaultKeys, id: string, now = Date.now()): Promise<VaultRecord> {
  const r = await undeleteRecord(keys, id, now);
  if (!r) throw new VaultError('not-found', 'Too late to undo: the entry was deleted.');
  return r;
}
