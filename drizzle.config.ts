import { defineConfig } from "drizzle-kit";

// Used only to generate migrations (`npm run db:generate`); the app applies them itself at start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema",
  out: "./db/migrations",
  casing: "snake_case",
  strict: true,
  verbose: true,
});
