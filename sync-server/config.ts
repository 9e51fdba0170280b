/** Server configuration from environment variables, validated with zod; defaults suit a laptop. */
import { z } from 'zod';

const originPattern = /^[a-z][a-z0-9+.-]*:\/\/(\*|[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9a-fA-F:]+\](:\d{1,5})?)$/;

const envSchema = z.object({
  HOST: z.string().trim().min(1, 'HOST must not be empty').default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'PORT must be a number' })
    .int('PORT must be an integer')
    .min(0, 'PORT must be between 0 and 65535')
    .max(65535, 'PORT must be between 0 and 65535')
    .default(8787),
  DATABASE_PATH: z.string().trim().min(1, 'DATABASE_PATH must not be empty').default('./data/ward.db'),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'SMTP_URL must look like smtp://user:pass@host:port or smtps://…' })
    .optional(),
  MAIL_FROM: z.string().trim().min(3).default('Ward <no-reply@localhost>'),
  CORS_ORIGINS: z
    .string()
    .default('chrome-extension://*,moz-extension://*')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              originPattern,
              'each CORS_ORIGINS entry must be an origin such as chrome-extension://<id> or scheme://*',
            ),
        )
        .min(1, 'CORS_ORIGINS must list at least one origin'),
    ),
  TRUST_PROXY: z
    .enum(['0', '1', 'false', 'true'], { error: 'TRUST_PROXY must be true or false' })
    .default('false')
    .transform((v) => v === '1' || v === 'true'),
});

/** Validated server configuration. */
export interface Config {
  host: string;
  port: number;
  databasePath: string;
  /** Unset: sign-in codes go to the server log (local use only). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Exact origins, or `scheme://*` for every origin of a scheme (browser-extension ids). */
  corsOrigins: string[];
  /** Take the client address from the last X-Forwarded-For hop (only behind your own reverse proxy). */
  trustProxy: boolean;
}

/** Thrown for invalid configuration; the message lists every problem, one per line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration (throws ConfigError naming each bad variable). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    corsOrigins: e.CORS_ORIGINS,
    trustProxy: e.TRUST_PROXY,
  };
}

/** True when `origin` is allowed by one of the configured entries (exact, or `scheme://*`). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  for (const a of allowed) {
    if (a.endsWith('://*') ? origin.startsWith(a.slice(0, -1)) && origin.length > a.length - 1 : origin === a)
      return true;
  }
  return false;
}
