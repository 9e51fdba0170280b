/**
 * Fast paths for @hono/node-server: read request headers from Node's parsed `IncomingMessage` and
 * set fixed response headers on the `ServerResponse`, instead of building WHATWG Headers objects
 * (measured as a large share of a pull's cost). Outside Node (app.request in tests) they fall back
 * to Hono's own API, with the same result.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

function bindings(c: Context): NodeBindings | undefined {
  return c.env as NodeBindings | undefined;
}

/** A request header (lower-case name), repeated values joined as RFC 9110 lists them. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = bindings(c)?.incoming;
  if (!incoming) return c.req.header(name);
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Sets a response header that applies whatever the handler answers. */
export function presetHeader(c: Context, name: string, value: string): void {
  const outgoing = bindings(c)?.outgoing;
  if (outgoing) outgoing.setHeader(name, value);
  else c.header(name, value);
}

/**
 * The query string's parameters (a repeated name gives an array), read from the raw request target.
 * Written out rather than via URLSearchParams or Hono's `queries()`: on an up-to-date pull either
 * one cost more than the session check.
 */
export function requestQuery(c: Context): Record<string, string | string[]> {
  const target = bindings(c)?.incoming?.url ?? c.req.url;
  const params: Record<string, string | string[]> = {};
  const at = target.indexOf('?');
  if (at === -1) return params;
  for (const pair of target.slice(at + 1).split('&')) {
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    // A name like __proto__ would reach the object's prototype; no route has such a parameter.
    if (name === '' || !SAFE_NAME.test(name)) continue;
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    const prev = params[name];
    params[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return params;
}

const SAFE_NAME = /^[A-Za-z0-9_-]+$/;

/** application/x-www-form-urlencoded decoding; malformed escapes are kept as sent. */
function decodeComponent(s: string): string {
  if (!/[%+]/.test(s)) return s;
  const spaced = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
