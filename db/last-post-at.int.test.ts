import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import type { Database } from "./client";
import { accounts, posts } from "./schema";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("accounts.last_post_at (kept by triggers on posts)", () => {
  it("follows the latest live post through inserts, moves, status changes and deletes", async () => {
    const db = database.db;
    const { organization } = await makeOrganization(db);
    const a = await makeAccount(db, organization.id);
    const b = await makeAccount(db, organization.id);
    const last = async (id: string) =>
      (await db.select({ v: accounts.lastPostAt }).from(accounts).where(eq(accounts.id, id)))[0]?.v?.toISOString() ?? null;
    const insert = (accountId: string, at: string, status: "scheduled" | "failed" = "scheduled") =>
      db.insert(posts).values({ organizationId: organization.id, accountId, scheduledAt: new Date(at), status }).returning({ id: posts.id });

    expect(await last(a.id)).toBeNull();
    const [p1] = await insert(a.id, "2030-01-02T10:00:00Z");
    await insert(a.id, "2030-01-01T10:00:00Z");
    expect(await last(a.id)).toBe("2030-01-02T10:00:00.000Z");

    // A failed post is not live: it does not count.
    await insert(a.id, "2030-01-09T10:00:00Z", "failed");
    expect(await last(a.id)).toBe("2030-01-02T10:00:00.000Z");

    // Bulk insert across accounts in one statement.
    await db.insert(posts).values([
      { organizationId: organization.id, accountId: a.id, scheduledAt: new Date("2030-01-03T10:00:00Z") },
      { organizationId: organization.id, accountId: b.id, scheduledAt: new Date("2030-01-04T10:00:00Z") },
    ]);
    expect([await last(a.id), await last(b.id)]).toEqual(["2030-01-03T10:00:00.000Z", "2030-01-04T10:00:00.000Z"]);

    // pending → complete keeps it; → failed or deleted lowers it; moving a post moves it.
    const latestA = await db
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.accountId, a.id), eq(posts.scheduledAt, new Date("2030-01-03T10:00:00Z"))));
    await db.update(posts).set({ status: "complete" }).where(eq(posts.id, latestA[0]!.id));
    expect(await last(a.id)).toBe("2030-01-03T10:00:00.000Z");
    await db.update(posts).set({ status: "deleted" }).where(eq(posts.id, latestA[0]!.id));
    expect(await last(a.id)).toBe("2030-01-02T10:00:00.000Z");
    await db.update(posts).set({ scheduledAt: new Date("2030-02-01T00:00:00Z") }).where(eq(posts.id, p1!.id));
    expect(await last(a.id)).toBe("2030-02-01T00:00:00.000Z");
    // Moving a post to another account updates both.
    await db.update(posts).set({ accountId: b.id }).where(eq(posts.id, p1!.id));
    expect([await last(a.id), await last(b.id)]).toEqual(["2030-01-01T10:00:00.000Z", "2030-02-01T00:00:00.000Z"]);
    await db.delete(posts).where(inArray(posts.accountId, [a.id, b.id]));
    expect([await last(a.id), await last(b.id)]).toEqual([null, null]);
  });
});
