/** The error body every failing route returns: `{error: {code, message}}` (stable codes, see API.md). */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every code a client may see. Clients switch on these; messages are for people. */
export type ApiErrorCode =
  | 'bad-request'
  | 'invalid-json'
  | 'unsupported-media-type'
  | 'validation-failed'
  | 'not-found'
  | 'unauthorized'
  | 'invalid-code'
  | 'rate-limited'
  | 'payload-too-large'
  | 'blob-too-large'
  | 'quota-exceeded'
  | 'vault-not-found'
  | 'vault-exists'
  | 'device-not-found'
  | 'version-conflict'
  | 'cursor-expired'
  | 'cursor-ahead'
  | 'mail-failed'
  | 'pairing-not-found'
  | 'pairing-expired'
  | 'pairing-answered'
  | 'pairing-own-request'
  | 'key-rotated'
  | 'key-id-unchanged'
  | 'vault-changed'
  | 'rotation-incomplete'
  | 'internal';

/** The JSON body of an error response. */
export interface ApiErrorBody<C extends ApiErrorCode = ApiErrorCode> {
  error: { code: C; message: string };
}

/** Builds an error body; keeps the code's literal type for `hc` clients. */
export function errorBody<C extends ApiErrorCode>(code: C, message: string): ApiErrorBody<C> {
  return { error: { code, message } };
}

/** Answers an error response with the given status. */
export function apiError<C extends ApiErrorCode, S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: C,
  message: string,
) {
  return c.json(errorBody(code, message), status);
}
