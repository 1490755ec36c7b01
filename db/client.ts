// The one database module: PGlite in DATA_DIR/pglite when DATABASE_URL is unset, postgres.js
// when it is set. Migrations are applied whenever a database is opened.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = "pglite" | "postgres";

export type Database = {
  db: Db;
  kind: DbKind;
  /** Releases connections (and the PGlite lock). */
  close: () => Promise<void>;
  /** Runs `fn` while holding a cross-process lock (Postgres: an advisory lock). */
  exclusively: <T>(fn: () => Promise<T>) => Promise<T>;
};

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
}

/**
 * Opens the configured database and applies pending migrations.
 * `pglite` may be a directory or "memory://" (tests).
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  pgliteDir?: string;
  maxConnections?: number;
  migrate?: boolean;
}): Promise<Database> {
  const database = opts.databaseUrl
    ? await openPostgres(opts.databaseUrl, opts.maxConnections ?? 10)
    : await openPglite(opts.pgliteDir ?? "memory://");
  if (opts.migrate !== false) {
    try {
      await applyMigrations(database);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max,
    connect_timeout: 5,
    onnotice: () => {},
    // timestamptz columns come back as Date; keep bigint counts exact as strings.
  });
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
  const exclusively = async <T>(fn: () => Promise<T>): Promise<T> => {
    // Session-level lock on a reserved connection: other processes wait here until we finish.
    const conn = await client.reserve();
    try {
      await conn`select pg_advisory_lock(72736115)`;
      return await fn();
    } finally {
      await conn`select pg_advisory_unlock(72736115)`.catch(() => {});
      conn.release();
    }
  };
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }), exclusively };
}

async function openPglite(dir: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : acquireDirLock(dir);
  let client;
  try {
    if (!inMemory) mkdirSync(dir, { recursive: true });
    client = new PGlite(inMemory ? undefined : dir);
    await client.waitReady;
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
  const pg = client;
  return {
    db,
    kind: "pglite",
    // One process owns the directory (see acquireDirLock), so there is nobody to wait for.
    exclusively: (fn) => fn(),
    close: async () => {
      await pg.close();
      release();
    },
  };
}

/**
 * PGlite is single-process: two processes opening one directory corrupt it. A pid file
 * next to the directory guards it; a lock left by a dead process is taken over.
 */
export function acquireDirLock(dir: string): () => void {
  const lockFile = `${dir.replace(/\/+$/, "")}.lock`;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (readFileSync(lockFile, "utf8") === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = lockHolder(dir);
      if (holder) {
        throw new DatabaseLockedError(
          `The embedded database ${dir} is in use by process ${holder}. ` +
            "Stop it, or run the command through the running app.",
        );
      }
      unlinkSync(lockFile);
    }
  }
  throw new DatabaseLockedError(`Could not lock the embedded database ${dir}`);
}

/** The live process (other than this one) holding the embedded database `dir`, if any. */
export function lockHolder(dir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(`${dir.replace(/\/+$/, "")}.lock`, "utf8").trim());
  } catch {
    return null;
  }
  return pid && pid !== process.pid && isAlive(pid) ? pid : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Applies committed migrations; on Postgres an advisory lock serialises concurrent starts. */
export async function applyMigrations(database: Database): Promise<void> {
  const folder = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(database.db as never, folder);
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // Several app instances may start at once; the lock lets exactly one apply each migration.
  await database.exclusively(() => migrate(database.db as never, folder));
}

/** Rows of a raw `db.execute`, whichever driver ran it (postgres.js: array; PGlite: {rows}). */
export async function executeRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

type JournalEntry = { tag: string; when: number };

/** Whether every committed migration has been applied: "current", or "pending" with a count. */
export async function migrationState(db: Db): Promise<{ state: "current" | "pending"; pending: number }> {
  const journal = JSON.parse(
    readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"),
  ) as { entries: JournalEntry[] };
  const rows = await executeRows<{ created_at: string | number }>(
    db,
    sql`select created_at from drizzle.__drizzle_migrations`,
  );
  const applied = new Set(rows.map((r) => Number(r.created_at)));
  const pending = journal.entries.filter((e) => !applied.has(e.when)).length;
  return { state: pending === 0 ? "current" : "pending", pending };
}

export function pgliteDirFor(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

/** Postgres codes that mean "this transaction lost a race; running it again will do": deadlock, serialization. */
const RETRYABLE_CODES = new Set(["40P01", "40001"]);

/** Whether `error` (or an error it wraps, as drizzle does) is a deadlock or serialization failure. */
export function isTransientConflict(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE_CODES.has(code)) return true;
  }
  return false;
}

/**
 * Thrown inside a transaction that must start over because what it read changed under it (a
 * post moved to an account it had not locked; a candidate held by a transaction it must not
 * wait for). retryOnConflict treats it as the serialization failure it amounts to.
 */
export class StartOver extends Error {
  readonly code = "40001";
}

/**
 * Runs `fn` (a whole transaction) again when Postgres aborted it as a deadlock victim or for a
 * serialization failure, with a short jittered pause: such an abort means nothing was written,
 * and the caller must never see it as a 500 (DESIGN.md §4).
 */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !isTransientConflict(error)) throw error;
      await new Promise((r) => setTimeout(r, Math.min(500, 5 * 2 ** i) * (1 + Math.random())));
    }
  }
}
