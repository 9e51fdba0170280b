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
