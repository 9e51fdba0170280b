/** A minimal structured logger (one JSON object per line); injectable so tests can capture it. */

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** What the server logs through. Never pass a token, code or key in `msg` or `fields`. */
export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** Writes JSON lines: info to stdout, warnings and errors to stderr. */
export function createConsoleLogger(): Logger {
  const line = (level: string, msg: string, fields?: LogFields) =>
    JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  return {
    info: (msg, fields) => process.stdout.write(`${line('info', msg, fields)}\n`),
    warn: (msg, fields) => process.stderr.write(`${line('warn', msg, fields)}\n`),
    error: (msg, fields) => process.stderr.write(`${line('error', msg, fields)}\n`),
  };
}
