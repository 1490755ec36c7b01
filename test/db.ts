// Test databases: a fresh Postgres database (TEST_DATABASE_URL, made by scripts/test.ts) or an
// in-memory PGlite. Tests isolate themselves by creating their own organizations.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Config, parseConfig } from "@/env";
import { type Database, openDatabase } from "@/db/client";
import { type AppContext, contextFor } from "@/lib/server/context";

export const testDbKind: "postgres" | "pglite" = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

export function openTestDatabase(opts: { maxConnections?: number } = {}): Promise<Database> {
  return openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, maxConnections: opts.maxConnections });
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(path.join(tmpdir(), "postdeck-test-"));
  return parseConfig({ DATA_DIR: dataDir, PORT: "3999", ...overrides });
}

/** A full app context over a fresh test database. Call `close()` in afterAll. */
export async function openTestContext(
  opts: { maxConnections?: number; env?: Record<string, string> } = {},
): Promise<AppContext> {
  return contextFor(testConfig(opts.env), await openTestDatabase(opts));
}

/**
 * Makes route handlers (which call getAppContext()) use `ctx`. The app keeps its context on
 * globalThis for the reason given in lib/server/context.ts; tests put theirs in the same slot.
 */
export function installAppContext(ctx: AppContext): void {
  (globalThis as unknown as { __postdeckApp?: Promise<AppContext> }).__postdeckApp = Promise.resolve(ctx);
}

let counter = 0;
/** A unique email for this run, so tests on a shared database never collide. */
export function uniqueEmail(label = "user"): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${process.pid}-${counter}@example.test`;
}
