import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "@/db/schema/index";
import { LIVE_STATUSES } from "@/lib/domain/posts";
import { localDay } from "@/lib/domain/time";
import { openTestContext, testDbKind } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import { type ImageHost, startImageHost } from "@/test/image-host";
import type { AppContext } from "../context";
import { createSlideshow } from "./posts";

// Concurrency claims need real parallel connections: PGlite has one, so this runs on Postgres.
describe.runIf(testDbKind === "postgres")("reservations under concurrency", () => {
  let ctx: AppContext;
  let host: ImageHost;
  beforeAll(async () => {
    ctx = await openTestContext({ maxConnections: 20, env: { ALLOW_PRIVATE_MEDIA_URLS: "1" } });
    host = await startImageHost();
  });
  afterAll(async () => {
    await host.close();
    await ctx.close();
  });

  it("200 creates over 20 connections on 5 accounts never break a gap or a cap, and never 5xx", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const { organization } = await makeOrganization(ctx.db, "Race Org");
    const tz = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "UTC"];
    const accounts = await Promise.all(
      tz.map((timezone, i) => makeAccount(ctx.db, organization.id, { tag: "race", timezone, minGapMinutes: 90 + i * 15, dailyCap: 4 })),
    );

    // Deterministic pseudo-random mix of explicit/auto and strict/non-strict over a narrow
    // window of times, so requests collide on purpose.
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const bodies = Array.from({ length: 200 }, () => {
      const explicit = rand(2) === 0;
      const postTime = new Date(Date.UTC(2030, 0, 2, 8) + rand(48) * 30 * 60_000).toISOString();
      return {
        accountId: explicit ? accounts[rand(5)]!.id : null,
        ...(explicit ? {} : { tag: "race" }),
        imageUrls: [host.url("/portrait/race.jpg")],
        postTime,
        strict: rand(2) === 0,
      };
    });

    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const r = await createSlideshow(ctx, organization.id, body, now);
        statuses.push(r.ok ? 201 : r.error.status);
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));

    expect(statuses).toHaveLength(200);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s === 409).length).toBeGreaterThan(0);

    const rows = await ctx.db
      .select({ accountId: posts.accountId, at: posts.scheduledAt })
      .from(posts)
      .where(and(eq(posts.organizationId, organization.id), inArray(posts.status, [...LIVE_STATUSES])))
      .orderBy(asc(posts.accountId), asc(posts.scheduledAt));
    expect(rows.length).toBe(statuses.filter((s) => s === 201).length);
    for (const account of accounts) {
      const mine = rows.filter((r) => r.accountId === account.id);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.at.getTime() - mine[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(account.minGapMinutes * 60_000);
      }
      const perDay = new Map<string, number>();
      for (const r of mine) perDay.set(localDay(r.at, account.timezone), (perDay.get(localDay(r.at, account.timezone)) ?? 0) + 1);
      for (const count of perDay.values()) expect(count).toBeLessThanOrEqual(account.dailyCap);
    }
  }, 180_000);
});
