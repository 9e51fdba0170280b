/** CORS (WHATWG Fetch, CORS protocol) for browser-extension origins only. */
import type { MiddlewareHandler } from 'hono';
import { originAllowed } from '../../config';
import { presetHeader, requestHeader } from '../../node-http';

export interface ExtensionCorsOptions {
  /** Exact origins, or `scheme://*` for every origin of a scheme. */
  origins: readonly string[];
  /** Preflight cache lifetime in seconds. */
  maxAgeSeconds?: number;
}

/**
 * Answers preflights and adds Access-Control-* headers for allowed origins. Headers are set before
 * the handler runs (hono's cors() edits the finished response, which on @hono/node-server forces a
 * slow full Response and cost most of a pull's time in measurements).
 */
export function extensionCors({ origins, maxAgeSeconds = 600 }: ExtensionCorsOptions): MiddlewareHandler {
  return async function extensionCors(c, next) {
    const origin = requestHeader(c, 'origin');
    const allowed = origin !== undefined && originAllowed(origin, origins);
    if (c.req.method === 'OPTIONS' && requestHeader(c, 'access-control-request-method')) {
      const headers: Record<string, string> = { vary: 'Origin' };
      if (allowed) {
        headers['access-control-allow-origin'] = origin;
        headers['access-control-allow-methods'] = 'GET,POST,PUT,PATCH,DELETE';
        headers['access-control-allow-headers'] = 'Authorization,Content-Type';
        headers['access-control-max-age'] = String(maxAgeSeconds);
      }
      return c.body(null, 204, headers);
    }
    if (origin !== undefined) {
      presetHeader(c, 'vary', 'Origin');
      if (allowed) {
        presetHeader(c, 'access-control-allow-origin', origin);
        presetHeader(c, 'access-control-expose-headers', 'Retry-After,Date');
      }
    }
    await next();
  };
}
