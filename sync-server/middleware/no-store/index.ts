/** Cache-Control: no-store (RFC 9111) and X-Content-Type-Options: nosniff on every response. */
import type { MiddlewareHandler } from 'hono';
import { presetHeader } from '../../node-http';

/**
 * Responses carry tokens and ciphertext: never cache them, never sniff their type. Set before the
 * handler runs, so they join the response as it is built instead of forcing a copy afterwards.
 */
export function noStore(): MiddlewareHandler {
  return async function noStore(c, next) {
    presetHeader(c, 'cache-control', 'no-store');
    presetHeader(c, 'x-content-type-options', 'nosniff');
    await next();
  };
}
