import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openTestDatabase, testDbKind } from "@/test/db";
import { DatabaseLockedError, acquireDirLock, executeRows, migrationState, openDatabase } from "./client";

describe("openDatabase", () => {
  it("applies every committed migration", async () => {
    const database = await openTestDatabase();
    try {
      expect(await migrationState(database.db)).toEqual({ state: "current", pending: 0 });
      const tables = await executeRows<{ table_name: string }>(
        database.db,
        sql`select table_name from information_schema.tables where table_schema = 'public'`,
      );
      const names = tables.map((t) => t.table_name);
      for (const t of ["users", "organizations", "members", "accounts", "posts", "post_images", "media_objects", "sounds", "api_keys"]) {
        expect(names).toContain(t);
      }
    } finally {
      await database.close();
    }
  });

  it.runIf(testDbKind === "postgres")("lets several processes' worth of starts migrate at once", async () => {
    const opened = await Promise.all(Array.from({ length: 4 }, () => openTestDatabase({ maxConnections: 2 })));
    for (const d of opened) expect((await migrationState(d.db)).state).toBe("current");
    await Promise.all(opened.map((d) => d.close()));
  });

  it.runIf(testDbKind === "pglite")("keeps an embedded database on disk across opens", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "postdeck-pglite-")), "db");
    const first = await openDatabase({ pgliteDir: dir });
    await first.db.execute(sql`create table keep_me (v int)`);
    await first.db.execute(sql`insert into keep_me values (42)`);
    await first.close();
    const second = await openDatabase({ pgliteDir: dir });
    expect(await executeRows(second.db, sql`select v from keep_me`)).toEqual([{ v: 42 }]);
    await second.close();
  });
});

describe("acquireDirLock", () => {
  it("refuses a directory locked by a live process and takes over a dead one's lock", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "postdeck-lock-")), "pglite");
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(`${dir}.lock`, String(holder.pid));
      expect(() => acquireDirLock(dir)).toThrow(DatabaseLockedError);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((r) => holder.once("exit", r));
    }
    const release = acquireDirLock(dir);
    release();
  });
});
