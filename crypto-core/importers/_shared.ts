/** Helpers every foreign-format importer shares: JSON field access, entry building, per-entry errors. */
import { base32nopad } from '@scure/base';
import { canonicalEntry, DEFAULT_PERIOD } from '../_entry-check';
import type { Entry, HashAlgorithm, OtpType } from '../entry';
import { isWardError, WardError } from '../errors';
import type { ImportEntryError, ImportResult } from './types';

export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj[key]` when it is a string, else undefined. */
export function optString(obj: JsonObject, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}

/** `obj[key]` as a number when it is a finite number or a numeric string, else undefined. */
export function optNumber(obj: JsonObject, key: string): number | undefined {
  const v = obj[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** `obj[key]` as an array; this format's file is broken (WardError 'corrupt') when it is not one. */
export function requireArray(obj: JsonObject, key: string, format: string): unknown[] {
  const v = obj[key];
  if (!Array.isArray(v))
    throw new WardError('corrupt', `This ${format} file has no "${key}" list: it is damaged.`);
  return v;
}

/** Map a hash name as apps write it ('SHA1', 'sha-256', 'SHA512') to Ward's; anything else is refused. */
export function parseAlgorithm(value: unknown): HashAlgorithm {
  if (value === undefined || value === null || value === '') return 'SHA1';
  const name = String(value)
    .toUpperCase()
    .replace(/[-_\s]/g, '');
  if (name === 'SHA1' || name === 'SHA256' || name === 'SHA512') return name;
  throw new WardError(
    'invalid-algorithm',
    `Hash algorithm "${String(value).slice(0, 20)}" is not supported.`,
  );
}

/** Raw secret bytes as RFC 4648 base32, upper case, no padding (Ward's stored form). */
export function secretFromBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new WardError('missing-secret', 'The secret is empty.');
  return base32nopad.encode(bytes);
}

export interface EntryFields {
  type: OtpType;
  issuer?: string | undefined;
  account?: string | undefined;
  /** base32 in any case, with or without padding and spaces */
  secret: string;
  algorithm?: unknown;
  digits?: number | undefined;
  period?: number | undefined;
  counter?: number | undefined;
  note?: string | undefined;
  tags?: string[] | undefined;
  pinned?: boolean | undefined;
  icon?: string | undefined;
}

/**
 * One validated Entry from an app's fields, through the same checker as a scanned URI (canonicalEntry):
 * Steam is always 5 characters, SHA1, 30 s; HOTP keeps period 30 and TOTP counter 0. Throws WardError.
 */
export function buildEntry(f: EntryFields): Entry {
  const entry = canonicalEntry({
    type: f.type,
    issuer: f.issuer ?? '',
    account: f.account ?? '',
    secret: f.secret,
    algorithm: f.type === 'steam' ? 'SHA1' : parseAlgorithm(f.algorithm),
    digits: f.digits ?? 6,
    period: f.period ?? DEFAULT_PERIOD,
    counter: f.counter ?? 0,
  });
  if (f.note?.trim()) entry.note = f.note;
  const tags = [...new Set((f.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  if (tags.length) entry.tags = tags;
  if (f.pinned) entry.pinned = true;
  if (f.icon) entry.icon = f.icon;
  return entry;
}

/** "Issuer / account" for an error list, or "entry N" (1-based) when the file names neither. */
export function entryLabel(issuer: unknown, account: unknown, index: number): string {
  const parts = [issuer, account].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length ? parts.map((p) => p.trim().slice(0, 80)).join(' / ') : `entry ${index + 1}`;
}

/** Thrown by a converter for an entry the user deleted in the source app: skipped, not an error. */
export const SKIP = Symbol('skip');

/**
 * Convert each item; a failing item becomes an ImportEntryError (index + label, never the raw item,
 * which may hold a secret) and the rest continue. A converter returns SKIP for trashed entries.
 */
export function convertEach<T>(
  items: readonly T[],
  convert: (item: T, index: number) => Entry | typeof SKIP,
  label: (item: T, index: number) => string,
): ImportResult {
  const entries: Entry[] = [];
  const errors: ImportEntryError[] = [];
  items.forEach((item, index) => {
    try {
      const entry = convert(item, index);
      if (entry !== SKIP) entries.push(entry);
    } catch (e) {
      let name: string;
      try {
        name = label(item, index);
      } catch {
        name = `entry ${index + 1}`;
      }
      const message = isWardError(e) ? e.message : 'This entry could not be read.';
      errors.push({ index, label: name, message });
    }
  });
  return { entries, errors };
}

/** An entry-level WardError for a type Ward cannot generate codes for (mOTP, Yandex, ...). */
export function unsupportedType(type: unknown): WardError {
  return new WardError('unknown-type', `OTP type "${String(type).slice(0, 20)}" is not supported by Ward.`);
}
