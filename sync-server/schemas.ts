/** zod schemas shared by route modules (ids, names, cursors). */
import { z } from 'zod';

/** A lowercase RFC 9562 UUID, as `crypto.randomUUID()` produces. */
export const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lowercase UUID');

/** A normalised email address (trimmed, lower case). */
export const email = z.string().trim().toLowerCase().pipe(z.email('must be an email address').max(254));

/** A device name as the user typed it: 1–64 characters, no control characters. */
export const deviceName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** A whole number from a query string (no sign, no exponent). */
export function queryInt(name: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,15}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));
}
