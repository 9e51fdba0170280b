/**
 * Guards for message bodies from Ward's pages: small composable checks, so the popup bundle does not
 * carry a schema library. Each feature's messages module builds its table from these.
 */

/** True when a value has the expected shape. */
export type Check = (v: unknown) => boolean;

/** A plain object (not null, not an array). */
export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string of `min` to `max` UTF-16 code units. */
export const str =
  (max: number, min = 0): Check =>
  (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max;

/** Non-empty base64url without padding, at most `max` characters. */
export const b64u =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length > 0 && v.length <= max && /^[A-Za-z0-9_-]+$/.test(v);

export const int: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v);
export const bool: Check = (v) => typeof v === 'boolean';

/** A whole number from `min` to `max`. */
export const intIn =
  (min: number, max: number): Check =>
  (v) =>
    int(v) && (v as number) >= min && (v as number) <= max;

/** One of these exact values. */
export const oneOf =
  (...xs: readonly unknown[]): Check =>
  (v) =>
    xs.includes(v);

/** An array of at most `max` items, each passing `of`. */
export const arr =
  (of: Check, max = 1000): Check =>
  (v) =>
    Array.isArray(v) && v.length <= max && v.every(of);

export const nullable =
  (c: Check): Check =>
  (v) =>
    v === null || c(v);

/** An object with exactly these keys (those not in `optional` are required), each passing its check. */
export const obj =
  (shape: Record<string, Check>, optional: readonly string[] = []): Check =>
  (v) =>
    isObj(v) &&
    Object.keys(v).every((k) => k in shape) &&
    Object.entries(shape).every(([k, c]) => (k in v ? c(v[k]) : optional.includes(k)));

/** An empty body. */
export const none = obj({});
