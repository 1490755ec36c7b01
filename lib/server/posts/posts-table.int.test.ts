// The Posts page's use-cases on a real database (PGlite, and Postgres with TEST_DATABASE_URL):
// the filtered, paged list; failures grouped with their count; the CSV export; the import's dry
// run (writes nothing) and its chunks through the batch create; bulk move, all or nothing.
import { and, eq, inArray } from "drizzle-orm";
import Papa from "papaparse";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "@/db/schema/index";
import { mapCsvTable } from "@/lib/domain/csv";
import { openTestContext } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import type { AppContext } from "../context";
import { ingestUploadedImage } from "../media/ingest";
import { createSlideshow, createSlideshowBatch, deletePosts, getPost, movePosts } from "./posts";
import { exportPostsCsv, failedCount, failureSummary, listPostsTable, previewImport } from "./posts-table";

let ctx: AppContext;
let bytes: Buffer;
/** The current test organization's stored image (media belongs to an organization). */
let image: string;
beforeAll(async () => {
  ctx = await openTestContext();
  bytes = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#0f766e" } }).jpeg().toBuffer();
});
afterAll(async () => {
  await ctx.close();
});

const NOW = new Date("2030-01-01T00:00:00Z");
const T = (day: number, hour: number) => new Date(Date.UTC(2030, 0, day, hour)).toISOString();

async function org() {
  const id = (await makeOrganization(ctx.db)).organization.id;
  const img = await ingestUploadedImage(ctx.db, { organizationId: id, bytes, config: ctx.config });
  if (!img.ok) throw img.error;
  image = img.value.url;
  return id;
}

async function post(orgId: string, b: Record<string, unknown>) {
  const r = await createSlideshow(ctx, orgId, { accountId: null, imageUrls: [image], ...b }, NOW);
  if (!r.ok) throw new Error(`${r.error.status} ${r.error.message}`);
  return r.value;
}

async function fail(ids: string[], lastError: string) {
  await ctx.db.update(posts).set({ status: "failed", lastError }).where(inArray(posts.id, ids));
}

async function page(orgId: string, body: Record<string, unknown>) {
  const r = await listPostsTable(ctx, orgId, body);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function exported(orgId: string, body: Record<string, unknown> = {}): Promise<string[][]> {
  const r = exportPostsCsv(ctx, orgId, body);
  if (!r.ok) throw new Error(r.error.message);
  const bytes = new Uint8Array(await new Response(r.value).arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true }).data;
}

describe("listPostsTable", () => {
  it("filters by status, account, label, platform, date range and caption, sorts both ways and pages by keyset", async () => {
    const o = await org();
    const a = await makeAccount(ctx.db, o, { tag: "fit", minGapMinutes: 0 });
    const b = await makeAccount(ctx.db, o, { platform: "instagram", tag: "food", minGapMinutes: 0 });
    const ps = [];
    for (let i = 0; i < 7; i++) ps.push(await post(o, { accountId: (i % 2 ? b : a).id, postTime: T(2 + i, 10), caption: i === 3 ? "100% off_sale" : `post ${i}`, strict: true }));
    await fail([ps[1]!.id], "TikTok rate_limit_exceeded");
    await deletePosts(ctx, o, { postIds: [ps[6]!.id] }, NOW);

    const all = await page(o, {});
    expect(all.total).toBe(6);
    expect(all.posts.map((p) => p.id)).toEqual(ps.slice(0, 6).map((p) => p.id));
    expect(all.posts[0]).toMatchObject({ username: a.username, platform: "tiktok", account_timezone: "UTC", status: "scheduled", caption: "post 0", strict: true });
    expect(all.posts[0]!.cover_url).toMatch(/\/media\/.+/);

    expect((await page(o, { status: ["failed"] })).posts.map((p) => p.id)).toEqual([ps[1]!.id]);
    expect((await page(o, { status: ["deleted"] })).posts.map((p) => p.id)).toEqual([ps[6]!.id]);
    expect((await page(o, { accountIds: [b.id] })).total).toBe(3);
    expect((await page(o, { tag: "fit" })).total).toBe(3);
    expect((await page(o, { platform: "instagram" })).total).toBe(3);
    expect((await page(o, { from: T(3, 0), to: T(5, 0) })).posts.map((p) => p.id)).toEqual([ps[1]!.id, ps[2]!.id]);
    // A % typed in the search is a percent sign, not a wildcard; case does not matter.
    expect((await page(o, { search: "0% OFF_" })).posts.map((p) => p.id)).toEqual([ps[3]!.id]);
    expect((await page(o, { search: "%" })).posts.map((p) => p.id)).toEqual([ps[3]!.id]);
    expect((await page(o, { sort: "scheduled_desc" })).posts.map((p) => p.id)).toEqual(ps.slice(0, 6).map((p) => p.id).reverse());

    // Keyset pages, from the GET route's strings: no row twice, none missed, total only on the first.
    for (const sort of ["scheduled_asc", "scheduled_desc"]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const p = await page(o, { limit: "4", sort, ...(cursor ? { cursor } : {}) });
        expect(p.total).toBe(pages === 0 ? 6 : null);
        seen.push(...p.posts.map((x) => x.id));
        cursor = p.next_cursor ?? undefined;
        pages++;
      } while (cursor);
      expect([pages, new Set(seen).size, seen.length]).toEqual([2, 6, 6]);
    }
    // Another organization sees none of it.
    expect((await page((await makeOrganization(ctx.db)).organization.id, {})).total).toBe(0);
  });

  it("refuses bad filters with 400 naming the field", async () => {
    const o = await org();
    for (const [body, path] of [
      [{ status: ["nope"] }, "status[0]"],
      [{ cursor: "garbage" }, "cursor"],
      [{ limit: "9999" }, "limit"],
      [{ from: "yesterday" }, "from"],
      [{ from: T(5, 0), to: T(4, 0) }, "to"],
      [{ colour: "red" }, "colour"],
    ] as const) {
      const r = await listPostsTable(ctx, o, body);
      expect(!r.ok && [r.error.status, r.error.details[0]?.path]).toEqual([400, path]);
    }
    const bad = exportPostsCsv(ctx, o, { sort: "sideways" });
    expect(!bad.ok && bad.error.details[0]?.path).toBe("sort");
  });
});

describe("failures", () => {
  it("groups the failed posts by reason with counts, and counts them for the badge", async () => {
    const o = await org();
    const a = await makeAccount(ctx.db, o, { minGapMinutes: 0 });
    const ps = [];
    for (let i = 0; i < 4; i++) ps.push(await post(o, { accountId: a.id, postTime: T(2, 10 + i) }));
    await fail([ps[0]!.id, ps[1]!.id], "TikTok rate_limit_exceeded: slow down");
    await fail([ps[2]!.id], "The account needs to be reconnected: TikTok access_token_invalid");
    const summary = await failureSummary(ctx, o);
    expect(summary.total).toBe(3);
    expect(summary.groups.map((g) => [g.reason, g.count, g.post_ids])).toEqual([
      ["needs_reconnect", 1, [ps[2]!.id]],
      ["rate_limited", 2, [ps[0]!.id, ps[1]!.id]],
    ]);
    expect(summary.groups[0]!.accounts).toEqual([{ id: a.id, username: a.username, count: 1 }]);
    expect(await failedCount(ctx, o)).toBe(3);
  });
});

describe("movePosts", () => {
  it("re-places every post non-strictly from the time, in schedule order; all or nothing", async () => {
    const o = await org();
    const a = await makeAccount(ctx.db, o, { minGapMinutes: 120 });
    const p1 = await post(o, { accountId: a.id, postTime: T(2, 9), strict: true });
    const p2 = await post(o, { accountId: a.id, postTime: T(2, 12) });
    await fail([p2.id], "boom");
    const done = await post(o, { accountId: a.id, postTime: T(3, 9) });
    await ctx.db.update(posts).set({ status: "complete" }).where(eq(posts.id, done.id));

    const refused = await movePosts(ctx, o, { postIds: [p1.id, done.id], postTime: T(5, 9) }, NOW);
    expect(!refused.ok && [refused.error.status, refused.error.details[0]?.path]).toEqual([409, "postIds[1]"]);
    const still = await getPost(ctx, o, { postId: p1.id });
    expect(still.ok && still.value.scheduled_at).toBe(T(2, 9));

    const moved = await movePosts(ctx, o, { postIds: [p2.id, p1.id], postTime: T(5, 9) }, NOW);
    if (!moved.ok) throw moved.error;
    const byId = new Map(moved.value.posts.map((p) => [p.id, p]));
    // p1 was first in the schedule: it takes 09:00; p2 goes to the next slot the gap allows (12:00).
    expect(byId.get(p1.id)).toMatchObject({ scheduled_at: T(5, 9), requested_time: T(5, 9), strict: false, status: "scheduled" });
    expect(byId.get(p2.id)).toMatchObject({ scheduled_at: T(5, 12), status: "scheduled", error: null, bumped: true });

    const past = await movePosts(ctx, o, { postIds: [p1.id], postTime: "2029-12-01T00:00:00Z" }, NOW);
    expect(!past.ok && past.error.details[0]?.path).toBe("postTime");
  });
});

describe("CSV export and import", () => {
  it("exports the filtered posts with formula-safe cells, and the file re-imports into the same schedule", async () => {
    const o = await org();
    const a = await makeAccount(ctx.db, o, { minGapMinutes: 60 });
    const b = await makeAccount(ctx.db, o, { minGapMinutes: 60 });
    const originals = [
      await post(o, { accountId: a.id, postTime: T(2, 9), caption: "=HYPERLINK(\"http://evil\")", strict: true }),
      await post(o, { accountId: b.id, postTime: T(2, 15), caption: "line one\nline, two", musicPostId: "7559313483398008095" }),
      await post(o, { accountId: a.id, postTime: T(3, 18), caption: "plain" }),
    ];
    const table = await exported(o);
    expect(table[0]).toEqual(["id", "account_id", "username", "platform", "status", "scheduled_at", "requested_time", "strict", "caption", "image_urls", "music_post_id", "post_url", "error"]);
    expect(table.length).toBe(4);
    expect(table[1]!.slice(0, 9)).toEqual([originals[0]!.id, a.id, a.username, "tiktok", "scheduled", T(2, 9), T(2, 9), "true", "'=HYPERLINK(\"http://evil\")"]);
    expect(table[1]![9]).toBe(originals[0]!.media_urls.join("|"));
    expect(table[2]![8]).toBe("line one\nline, two");
    expect((await exported(o, { accountIds: [b.id] })).length).toBe(2);

    // Round trip: the originals deleted, the file's rows dry-run, then imported through the batch.
    await deletePosts(ctx, o, { postIds: originals.map((p) => p.id) }, NOW);
    const mapped = mapCsvTable(table, NOW);
    expect(mapped.fileErrors).toEqual([]);
    expect(mapped.rows.flatMap((r) => r.errors)).toEqual([]);
    const dry = await previewImport(ctx, o, { rows: mapped.rows.map((r) => ({ row: r.row, body: r.body })) }, NOW);
    if (!dry.ok) throw dry.error;
    expect(dry.value.rows.map((r) => r.ok && [r.row, r.account_id, r.scheduled_at, r.bumped])).toEqual([
      [2, a.id, T(2, 9), false],
      [3, b.id, T(2, 15), false],
      [4, a.id, T(3, 18), false],
    ]);
    const imported = await createSlideshowBatch(ctx, o, { posts: mapped.rows.map((r) => r.body) }, NOW);
    if (!imported.ok) throw imported.error;
    expect(imported.value.posts.map((p) => [p.account_id, p.scheduled_at, p.strict, p.caption, p.music_post_id, p.media_urls])).toEqual(
      originals.map((p) => [p.account_id, p.scheduled_at, p.strict, p.caption, p.music_post_id, p.media_urls]),
    );
  });

  it("dry-runs rows one by one: placements as if the earlier rows were created, every error by field, nothing written", async () => {
    const o = await org();
    const a = await makeAccount(ctx.db, o, { minGapMinutes: 120 });
    const before = await ctx.db.$count(posts, eq(posts.organizationId, o));
    const unknown = "3f1c2b9e-6a8d-4c1e-9b7a-2d5e8f0a1b2c";
    const r = await previewImport(
      ctx,
      o,
      {
        rows: [
          { row: 2, body: { accountId: a.id, imageUrls: [image], postTime: T(2, 9) } },
          { row: 3, body: { accountId: a.id, imageUrls: [image], postTime: T(2, 9) } },
          { row: 4, body: { accountId: unknown, imageUrls: Array.from({ length: 36 }, () => image), postTime: "soon" } },
          { row: 5, body: { accountId: unknown, imageUrls: [image] } },
          { row: 6, body: { accountId: a.id, imageUrls: [image], postTime: T(2, 9), strict: true } },
        ],
        earlier: [{ account_id: a.id, scheduled_at: T(2, 12) }],
      },
      NOW,
    );
    if (!r.ok) throw r.error;
    const [first, second, bad, ghost, strict] = r.value.rows;
    expect(first).toMatchObject({ row: 2, ok: true, account_id: a.id, username: a.username, scheduled_at: T(2, 9), bumped: false });
    // 09:00 is taken by row 2 and 12:00 by an earlier chunk: the next slot is 15:00.
    expect(second).toMatchObject({ row: 3, ok: true, scheduled_at: T(2, 15), bumped: true });
    expect(bad!.ok === false && bad!.errors.map((e) => e.path).sort()).toEqual(["accountId", "imageUrls", "postTime"]);
    expect(bad!.ok === false && bad!.errors.find((e) => e.path === "accountId")?.message).toMatch(/unknown account/);
    expect(ghost).toEqual({ row: 5, ok: false, errors: [{ path: "accountId", message: expect.stringMatching(/unknown account/) }] });
    expect(strict!.ok === false && strict!.errors[0]!.path).toBe("postTime");
    expect(await ctx.db.$count(posts, eq(posts.organizationId, o))).toBe(before);

    const tooMany = await previewImport(ctx, o, { rows: Array.from({ length: 101 }, (_, i) => ({ row: i + 2, body: {} })) }, NOW);
    expect(!tooMany.ok && tooMany.error.details[0]?.path).toBe("rows");
  });

  it("imports chunk by chunk: a chunk with a bad row writes nothing, the next one still goes in", async () => {
    const o = await org();
    const a = await makeAccount(ctx.db, o, { minGapMinutes: 60 });
    const good = (h: number) => ({ accountId: a.id, imageUrls: [image], postTime: T(4, h), strict: true });
    const bad = await createSlideshowBatch(ctx, o, { posts: [good(9), { ...good(10), postTime: T(4, 9) }] }, NOW);
    expect(!bad.ok && [bad.error.status, bad.error.message]).toEqual([409, expect.stringMatching(/^posts\[1\]/)]);
    expect(await ctx.db.$count(posts, and(eq(posts.organizationId, o), eq(posts.accountId, a.id)))).toBe(0);
    const next = await createSlideshowBatch(ctx, o, { posts: [good(11), good(12)] }, NOW);
    expect(next.ok && next.value.posts.map((p) => p.scheduled_at)).toEqual([T(4, 11), T(4, 12)]);
  });
});
