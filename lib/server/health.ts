// GET /api/health: is the database reachable, and are all migrations applied?
import "server-only";
import { sql } from "drizzle-orm";
import { migrationState } from "@/db/client";
import { getAppContext } from "./context";
import { logger } from "./logger";

export type Health =
  | { status: 200; body: { ok: true; db: "pglite" | "postgres"; migrations: "current" } }
  | { status: 503; body: { ok: false; db: string; migrations?: "pending"; error: string } };

export async function checkHealth(): Promise<Health> {
  try {
    const ctx = await getAppContext();
    await withTimeout(ctx.db.execute(sql`select 1`), 3_000);
    const m = await migrationState(ctx.db);
    if (m.state === "pending") {
      // New migrations on disk that this process has not applied: it needs a restart.
      const error = `${m.pending} migration(s) not applied; restart the app`;
      return { status: 503, body: { ok: false, db: ctx.dbKind, migrations: "pending", error } };
    }
    return { status: 200, body: { ok: true, db: ctx.dbKind, migrations: "current" } };
  } catch (error) {
    logger.warn("health check: database unreachable", error instanceof Error ? error.message : error);
    return { status: 503, body: { ok: false, db: "unreachable", error: "The database is unreachable" } };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
