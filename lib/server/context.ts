// The process-wide application context: config, database and auth, created once.
import "server-only";
import { type Config, getConfig } from "@/env";
import { type Db, type DbKind, openDatabase, pgliteDirFor } from "@/db/client";
import { type Auth, createAuth } from "./identity/auth";
import { setLogLevel } from "./logger";

export type AppContext = {
  config: Config;
  db: Db;
  dbKind: DbKind;
  auth: Auth;
  close: () => Promise<void>;
};

const globalForApp = globalThis as unknown as { __postdeckApp?: Promise<AppContext> };

/** Builds a context over an open database (tests build their own with a test database). */
export function contextFor(
  config: Config,
  database: { db: Db; kind: DbKind; close: () => Promise<void> },
): AppContext {
  return {
    config,
    db: database.db,
    dbKind: database.kind,
    auth: createAuth(database.db, config),
    close: database.close,
  };
}

/**
 * The app's context. Next.js may evaluate this module in several bundles of one process,
 * so the singleton lives on globalThis: one PGlite instance, one connection pool.
 */
export function getAppContext(): Promise<AppContext> {
  globalForApp.__postdeckApp ??= (async () => {
    const config = getConfig();
    setLogLevel(config.logLevel);
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      maxConnections: config.databasePoolSize,
      pgliteDir: pgliteDirFor(config.dataDir),
    });
    return contextFor(config, database);
  })().catch((err: unknown) => {
    globalForApp.__postdeckApp = undefined;
    throw err;
  });
  return globalForApp.__postdeckApp;
}
