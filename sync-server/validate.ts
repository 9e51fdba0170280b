/** Request validation with zod (@hono/zod-validator), answering failures in Ward's error format. */
import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './deps';
import { errorBody } from './errors';
import { requestQuery } from './node-http';

const jsonType = /^application\/([\w.-]+\+)?json$/i;

function describe(issues: readonly z.core.$ZodIssue[]): string {
  // Messages name the field and the rule, never the value sent (it may be a code or a token).
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** zValidator whose failures are `400 validation-failed` (or `415` for a body that is not JSON). */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result, c) => {
    if (result.success) return;
    if (target === 'json') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
      if (!jsonType.test(type)) {
        return c.json(
          errorBody(
            'unsupported-media-type',
            'Send the request body as JSON with Content-Type: application/json.',
          ),
          415,
        );
      }
    }
    return c.json(errorBody('validation-failed', `Invalid request: ${describe(result.error.issues)}.`), 400);
  });
}

/**
 * Query-string validation for GET routes. Hono's `validator` reads Content-Type for every target,
 * which on @hono/node-server builds a whole Headers object per request: on an up-to-date pull that was
 * a quarter of the server's time. A GET has no body, so this reads only the query.
 */
export function validateQuery<T extends z.ZodType>(
  schema: T,
): MiddlewareHandler<AppEnv, string, { in: { query: z.input<T> }; out: { query: z.output<T> } }> {
  return async function validateQuery(c, next) {
    const result = schema.safeParse(requestQuery(c));
    if (!result.success) {
      return c.json(
        errorBody('validation-failed', `Invalid request: ${describe(result.error.issues)}.`),
        400,
      );
    }
    c.req.addValidatedData('query', result.data as object);
    await next();
  };
}
