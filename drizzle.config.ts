// drizzle-kit configuration: `npm run db:generate` writes SQL migrations from sync-server/db/schema.ts.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './sync-server/db/schema.ts',
  out: './sync-server/db/migrations',
  strict: true,
  verbose: true,
});
