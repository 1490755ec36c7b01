import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, mediaObjects, posts } from "@/db/schema/index";
import type { AppError } from "@/lib/domain/errors";
import { openTestContext } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import { type ImageHost, startImageHost } from "@/test/image-host";
import type { AppContext } from "../context";
import type { PostObject } from "./post-object";
import { createSlideshow, deletePosts, getPost, listPosts, previewSchedule, retryPosts, updatePost } from "./posts";

let ctx: AppContext;
let host: ImageHost;
beforeAll(async () => {
  ctx = await openTestContext({ env: { ALLOW_PRIVATE_MEDIA_URLS: "1" } });
  host = await startImageHost();
});
afterAll(async () => {
  await host.close();
  await ctx.close();
});

// A fixed "now" well before every requested time keeps these tests independent of the clock.
const NOW = new Date("2030-01-01T00:00:00Z");
const at = (iso: string) => new Date(iso).toISOString();

async function org() {
  const { organization } = await makeOrganization(ctx.db);
  return organization.id;
}

function body(patch: Record<string, unknown> = {}) {
  return { accountId: null, imageUrls: [host.url("/portrait/a.jpg")], caption: "hello", ...patch };
}

async function created(orgId: string, b: Record<string, unknown>): Promise<PostObject> {
  const r = await createSlideshow(ctx, orgId, b, NOW);
  if (!r.ok) throw new Error(`expected a post, got ${r.error.status} ${r.error.message}`);
  return r.value;
}

type UseCase = (c: AppContext, orgId: string, b: unknown, now: Date) => Promise<{ ok: true } | { ok: false; error: AppError }>;

async function failed(orgId: string, b: unknown, fn: UseCase = createSlideshow): Promise<AppError> {
  const r = await fn(ctx, orgId, b, NOW);
  if (r.ok) throw new Error("expected an error");
  return r.error;
}

const countPosts = async (orgId: string) => ctx.db.$count(posts, eq(posts.organizationId, orgId));

describe("createSlideshow", () => {
  it("schedules on an explicit account at the requested time and returns the post object", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const post = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T10:00:00Z", musicPostId: "7559313483398008095" }));
    expect(post).toMatchObject({
      account_id: acc.id,
      platform: "tiktok",
      type: "slideshow",
      status: "scheduled",
      caption: "hello",
      music_post_id: "7559313483398008095",
      requested_time: at("2030-01-02T10:00:00Z"),
      scheduled_at: at("2030-01-02T10:00:00Z"),
      strict: false,
      bumped: false,
      social_id: null,
      post_url: null,
      error: null,
      warnings: [],
      selection: { mode: "explicit", candidates: 1, available: 1 },
    });
    expect(post.media_urls).toHaveLength(1);
    expect(post.media_urls[0]).toMatch(/\/media\/[0-9a-f]{64}\.jpg$/);
  });

  it("warns about a non-9:16 image but still schedules", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const post = await created(o, body({ accountId: acc.id, imageUrls: [host.url("/square/x.jpg")], postTime: "2030-01-02T10:00:00Z" }));
    expect(post.warnings).toHaveLength(1);
    expect(post.warnings[0]).toMatch(/^imageUrls\[0\]/);
  });

  it("strict: refuses a taken time with 409 naming the conflicting post, writing nothing", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const first = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T10:00:00Z" }));
    const e = await failed(o, body({ accountId: acc.id, postTime: "2030-01-02T11:00:00Z", strict: true }));
    expect(e.status).toBe(409);
    expect(e.message).toContain(first.id);
    expect(e.message).toContain("2030-01-02T10:00:00.000Z");
    expect(await countPosts(o)).toBe(1);
  });

  it("non-strict: bumps to the account's next free slot", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    await created(o, body({ accountId: acc.id, postTime: "2030-01-02T09:00:00Z" }));
    const post = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T10:00:00Z" }));
    expect(post).toMatchObject({ bumped: true, scheduled_at: at("2030-01-02T12:00:00Z"), requested_time: at("2030-01-02T10:00:00Z") });
  });

  it("non-strict: finds the next free slot days after T when the days near T are full (the near read falls back to the horizon)", async () => {
    const o = await org();
    // One post a day at 09:00 (UTC) on the account's only slot; five days are taken, more than
    // the near read reaches (T + 1 day, padded): an answer from it alone would be the 5th.
    const acc = await makeAccount(ctx.db, o, { dailyCap: 1, postingTimes: { mon: ["09:00"], tue: ["09:00"], wed: ["09:00"], thu: ["09:00"], fri: ["09:00"], sat: ["09:00"], sun: ["09:00"] } });
    for (const day of ["02", "03", "04", "05", "06"]) await created(o, body({ accountId: acc.id, postTime: `2030-01-${day}T09:00:00Z`, strict: true }));
    const post = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T09:00:00Z" }));
    expect(post).toMatchObject({ bumped: true, scheduled_at: at("2030-01-07T09:00:00Z") });
    // Through a pool (ranked near T, re-checked under the lock), the same answer.
    await ctx.db.update(accounts).set({ tag: "far" }).where(eq(accounts.id, acc.id));
    const pooled = await created(o, body({ tag: "far", postTime: "2030-01-02T09:00:00Z" }));
    expect(pooled).toMatchObject({ account_id: acc.id, scheduled_at: at("2030-01-08T09:00:00Z") });
    // And a strict request on a taken day is refused from the near read alone.
    const refused = await failed(o, body({ accountId: acc.id, postTime: "2030-01-03T09:00:00Z", strict: true }));
    expect(refused.status).toBe(409);
  });

  it("refuses a paused account, saying it is paused", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o, { status: "paused" });
    const e = await failed(o, body({ accountId: acc.id, postTime: "2030-01-02T10:00:00Z" }));
    expect(e.status).toBe(409);
    expect(e.message).toMatch(/paused/);
  });

  it("auto, strict: picks the least recently posted account free at T", async () => {
    const o = await org();
    const a = await makeAccount(ctx.db, o, { tag: "pool" });
    const b = await makeAccount(ctx.db, o, { tag: "pool" });
    await created(o, body({ accountId: a.id, postTime: "2030-01-05T10:00:00Z" }));
    const post = await created(o, body({ tag: "pool", postTime: "2030-01-03T10:00:00Z", strict: true }));
    expect(post.account_id).toBe(b.id);
    expect(post.selection).toMatchObject({ mode: "least_recently_posted", candidates: 2, available: 2 });
  });

  it("auto, non-strict: picks the account that can post closest to T", async () => {
    const o = await org();
    const b = await makeAccount(ctx.db, o, { userGroup: "g" });
    await makeAccount(ctx.db, o, { userGroup: "other" });
    await created(o, body({ accountId: b.id, postTime: "2030-01-03T10:00:00Z" }));
    // c posts only at 23:00 and is busy around T too.
    const c = await makeAccount(ctx.db, o, { userGroup: "g", postingTimes: { mon: ["23:00"], tue: ["23:00"], wed: ["23:00"], thu: ["23:00"], fri: ["23:00"], sat: ["23:00"], sun: ["23:00"] } });
    await created(o, body({ accountId: c.id, postTime: "2030-01-03T10:30:00Z" }));
    const post = await created(o, body({ user_group: "g", postTime: "2030-01-03T10:45:00Z" }));
    // b's next slot is 12:00 (2 h after 10:00); c's is 23:00: b wins.
    expect(post).toMatchObject({ account_id: b.id, scheduled_at: at("2030-01-03T12:00:00Z"), bumped: true });
    expect(post.selection).toMatchObject({ mode: "closest_slot", candidates: 2, available: 2 });
  });

  it("auto: a musicPostId limits the pool to TikTok accounts", async () => {
    const o = await org();
    await makeAccount(ctx.db, o, { platform: "instagram", tag: "mix" });
    const tt = await makeAccount(ctx.db, o, { platform: "tiktok", tag: "mix" });
    const post = await created(o, body({ tag: "mix", musicPostId: "123", postTime: "2030-01-03T10:00:00Z" }));
    expect(post.account_id).toBe(tt.id);
    expect(post.selection).toMatchObject({ candidates: 1 });
  });

  it("auto: 409 naming the filters and how many accounts matched", async () => {
    const o = await org();
    await makeAccount(ctx.db, o, { tag: "busy", status: "paused" });
    const none = await failed(o, body({ tag: "nobody", postTime: "2030-01-03T10:00:00Z" }));
    expect(none.status).toBe(409);
    expect(none.message).toBe("no account matches tag=nobody (0 accounts matched)");
    const paused = await failed(o, body({ tag: "busy", postTime: "2030-01-03T10:00:00Z", strict: true }));
    expect(paused.message).toMatch(/none of the 1 account matching tag=busy/);
  });

  describe("refuses bad input with 400 naming the field, writing nothing", () => {
    const cases: [string, Record<string, unknown>, string, number][] = [
      ["no accountId key", { accountId: undefined }, "accountId", 400],
      ["empty imageUrls", { imageUrls: [] }, "imageUrls", 400],
      ["36 imageUrls", { imageUrls: Array.from({ length: 36 }, (_, i) => `https://x.test/${i}.jpg`) }, "imageUrls", 400],
      ["a non-URL image", { imageUrls: ["https://x.test/a.jpg", "not a url"] }, "imageUrls[1]", 400],
      ["a non-http image", { imageUrls: ["ftp://x.test/a.jpg"] }, "imageUrls[0]", 400],
      ["a 501-character caption", { caption: "a".repeat(501) }, "caption", 400],
      ["a musicPostId that is not digits", { musicPostId: "abc123" }, "musicPostId", 400],
      ["a numeric musicPostId", { musicPostId: 123 }, "musicPostId", 400],
      ["a postTime without offset", { postTime: "2030-01-02T10:00:00" }, "postTime", 400],
      ["an unparsable postTime", { postTime: "next tuesday" }, "postTime", 400],
      ["a postTime 61 s in the past", { postTime: new Date(NOW.getTime() - 61_000).toISOString() }, "postTime", 400],
      ["strict that is not a boolean", { strict: "true" }, "strict", 400],
      ["an unknown field", { colour: "red" }, "colour", 400],
    ];
    it.each(cases)("%s", async (_label, patch, path, status) => {
      const o = await org();
      await makeAccount(ctx.db, o);
      const b = body(patch);
      if ("accountId" in patch && patch.accountId === undefined) delete (b as Record<string, unknown>).accountId;
      const hitsBefore = host.hits();
      const e = await failed(o, b);
      expect(e.status).toBe(status);
      expect(e.details[0]?.path).toBe(path);
      expect(e.message.startsWith(path)).toBe(true);
      expect(await countPosts(o)).toBe(0);
      expect(host.hits()).toBe(hitsBefore);
    });

    it("accepts a 500-code-point caption full of emoji (more than 500 UTF-16 units)", async () => {
      const o = await org();
      const acc = await makeAccount(ctx.db, o);
      const caption = "🎉".repeat(500);
      expect(caption.length).toBe(1000);
      const post = await created(o, body({ accountId: acc.id, caption, postTime: "2030-01-02T10:00:00Z" }));
      expect(post.caption).toBe(caption);
    });

    it("404s an account of another organization, exactly as an unknown one", async () => {
      const mine = await org();
      const theirs = await org();
      const foreign = await makeAccount(ctx.db, theirs);
      const e1 = await failed(mine, body({ accountId: foreign.id }));
      const e2 = await failed(mine, body({ accountId: "00000000-0000-4000-8000-000000000000" }));
      expect([e1.status, e2.status]).toEqual([404, 404]);
      expect(e1.message).toBe(e2.message);
    });

    it("400s a musicPostId, more than 10 images or 31 hashtags for an Instagram account", async () => {
      const o = await org();
      const ig = await makeAccount(ctx.db, o, { platform: "instagram" });
      expect((await failed(o, body({ accountId: ig.id, musicPostId: "123" }))).details[0]?.path).toBe("musicPostId");
      const eleven = Array.from({ length: 11 }, (_, i) => host.url(`/portrait/${i}.jpg`));
      expect((await failed(o, body({ accountId: ig.id, imageUrls: eleven }))).details[0]?.path).toBe("imageUrls");
      const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(" ");
      expect((await failed(o, body({ accountId: ig.id, caption: tags }))).details[0]?.path).toBe("caption");
      expect(await countPosts(o)).toBe(0);
    });

    it("422s an image that cannot be fetched, naming its index, writing no row", async () => {
      const o = await org();
      const acc = await makeAccount(ctx.db, o);
      const before = await ctx.db.$count(mediaObjects, eq(mediaObjects.organizationId, o));
      const e = await failed(o, body({ accountId: acc.id, imageUrls: [host.url("/portrait/ok.jpg"), host.url("/missing.jpg")] }));
      expect(e.status).toBe(422);
      expect(e.details[0]?.path).toBe("imageUrls[1]");
      expect(await countPosts(o)).toBe(0);
      expect(await ctx.db.$count(mediaObjects, eq(mediaObjects.organizationId, o))).toBe(before);
    });
  });
});

describe("previewSchedule", () => {
  it("places without writing, and a batch places each as if the earlier ones were created", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const one = await previewSchedule(ctx, o, body({ accountId: acc.id, postTime: "2030-01-02T09:00:00Z" }), NOW);
    expect(one).toMatchObject({ ok: true, value: { account_id: acc.id, scheduled_at: at("2030-01-02T09:00:00Z"), bumped: false } });
    const batch = await previewSchedule(
      ctx,
      o,
      { posts: [body({ accountId: acc.id, postTime: "2030-01-02T09:00:00Z" }), body({ accountId: acc.id, postTime: "2030-01-02T09:00:00Z" })] },
      NOW,
    );
    expect(batch.ok && "posts" in batch.value && batch.value.posts.map((p) => p.scheduled_at)).toEqual([
      at("2030-01-02T09:00:00Z"),
      at("2030-01-02T12:00:00Z"),
    ]);
    expect(await countPosts(o)).toBe(0);
  });

  it("names the batch item at fault", async () => {
    const o = await org();
    await makeAccount(ctx.db, o);
    const e = await failed(o, { posts: [body({ postTime: "2030-01-02T09:00:00Z" }), body({ caption: 5 })] }, previewSchedule);
    expect(e.details[0]?.path).toBe("posts[1].caption");
    expect(e.message.startsWith("posts[1].caption:")).toBe(true);
    const none = await failed(await org(), { posts: [body({ postTime: "2030-01-02T09:00:00Z" })] }, previewSchedule);
    expect(none.status).toBe(409);
    expect(none.message).toMatch(/^posts\[0\]: no account matches/);
  });
});

describe("updatePost", () => {
  it("keeps omitted fields and does not move the post when only the caption changes", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const p = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T10:00:00Z", strict: true, musicPostId: "42" }));
    const r = await updatePost(ctx, o, { postId: p.id, caption: "new" }, NOW);
    expect(r).toMatchObject({ ok: true, value: { caption: "new", strict: true, music_post_id: "42", scheduled_at: p.scheduled_at } });
  });

  it("re-places on a new time, ignoring itself, and updates requested_time", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const p = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T10:00:00Z" }));
    // 11:00 is within the gap of the post's own old time: it must not conflict with itself.
    const r = await updatePost(ctx, o, { postId: p.id, postTime: "2030-01-02T11:00:00Z", strict: true }, NOW);
    expect(r).toMatchObject({ ok: true, value: { scheduled_at: at("2030-01-02T11:00:00Z"), requested_time: at("2030-01-02T11:00:00Z"), strict: true } });
  });

  it("strict re-placement onto a taken time is a 409 and changes nothing", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const other = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T10:00:00Z" }));
    const p = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T15:00:00Z" }));
    const e = await failed(o, { postId: p.id, postTime: "2030-01-02T11:00:00Z", strict: true }, updatePost);
    expect(e.status).toBe(409);
    expect(e.message).toContain(other.id);
    const after = await getPost(ctx, o, { postId: p.id });
    expect(after.ok && after.value.scheduled_at).toBe(p.scheduled_at);
  });

  it("moves to another account only if that account is in the organization", async () => {
    const o = await org();
    const a = await makeAccount(ctx.db, o);
    const b = await makeAccount(ctx.db, o);
    const foreign = await makeAccount(ctx.db, await org());
    const p = await created(o, body({ accountId: a.id, postTime: "2030-01-02T10:00:00Z" }));
    expect((await failed(o, { postId: p.id, accountId: foreign.id }, updatePost)).status).toBe(404);
    const moved = await updatePost(ctx, o, { postId: p.id, accountId: b.id }, NOW);
    expect(moved).toMatchObject({ ok: true, value: { account_id: b.id, scheduled_at: p.scheduled_at } });
  });

  it("refuses to change a post that is not scheduled or failed", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const p = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T10:00:00Z" }));
    await ctx.db.update(posts).set({ status: "complete" }).where(eq(posts.id, p.id));
    expect((await failed(o, { postId: p.id, caption: "x" }, updatePost)).status).toBe(409);
  });

  it("re-places a failed post as scheduled", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const p = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T10:00:00Z" }));
    await ctx.db.update(posts).set({ status: "failed", lastError: "boom" }).where(eq(posts.id, p.id));
    const r = await updatePost(ctx, o, { postId: p.id, postTime: "2030-01-03T10:00:00Z" }, NOW);
    expect(r).toMatchObject({ ok: true, value: { status: "scheduled", error: null, scheduled_at: at("2030-01-03T10:00:00Z") } });
  });
});

describe("delete and retry are all or nothing", () => {
  it("deletes scheduled and failed posts; an unknown id or a wrong status changes nothing", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const a = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T09:00:00Z" }));
    const b = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T12:00:00Z" }));
    const c = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T15:00:00Z" }));
    await ctx.db.update(posts).set({ status: "complete" }).where(eq(posts.id, c.id));

    const unknown = await failed(o, { postIds: [a.id, "00000000-0000-4000-8000-000000000000"] }, deletePosts);
    expect(unknown.status).toBe(404);
    expect(unknown.details[0]?.path).toBe("postIds[1]");
    const wrong = await failed(o, { postIds: [a.id, c.id] }, deletePosts);
    expect(wrong.status).toBe(409);
    expect(await ctx.db.$count(posts, and(eq(posts.organizationId, o), eq(posts.status, "deleted")))).toBe(0);

    const done = await deletePosts(ctx, o, { postIds: [a.id, b.id] }, NOW);
    expect(done.ok && done.value.posts.map((p) => p.status)).toEqual(["deleted", "deleted"]);
    // A deleted post frees its slot.
    const again = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T09:00:00Z", strict: true }));
    expect(again.scheduled_at).toBe(at("2030-01-02T09:00:00Z"));
  });

  it("retries failed posts from now, each as if the earlier ones already were", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o);
    const a = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T09:00:00Z" }));
    const b = await created(o, body({ accountId: acc.id, postTime: "2030-01-02T12:00:00Z", strict: true }));
    await ctx.db.update(posts).set({ status: "failed" }).where(eq(posts.accountId, acc.id));
    const notFailed = await created(o, body({ accountId: acc.id, postTime: "2030-01-05T09:00:00Z" }));
    expect((await failed(o, { postIds: [a.id, notFailed.id] }, retryPosts)).status).toBe(409);

    const r = await retryPosts(ctx, o, { postIds: [a.id, b.id] }, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [ra, rb] = r.value.posts;
    expect(ra).toMatchObject({ status: "scheduled", scheduled_at: NOW.toISOString() });
    // b is placed after a, at a's first free slot after the gap; strict and requested_time unchanged.
    expect(rb).toMatchObject({ status: "scheduled", strict: true, requested_time: at("2030-01-02T12:00:00Z"), scheduled_at: at("2030-01-01T09:00:00Z") });
  });
});

describe("listPosts", () => {
  it("pages by scheduled_at then id, filters, and hides deleted posts unless asked", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o, { minGapMinutes: 0 });
    const times = ["2030-01-02T09:00:00Z", "2030-01-02T12:00:00Z", "2030-01-02T15:00:00Z", "2030-01-02T18:00:00Z"];
    const made = [];
    for (const t of times) made.push(await created(o, body({ accountId: acc.id, postTime: t })));
    await deletePosts(ctx, o, { postIds: [made[3]!.id] }, NOW);

    const page1 = await listPosts(ctx, o, { limit: 2 });
    expect(page1.ok && page1.value.posts.map((p) => p.scheduled_at)).toEqual([at(times[0]!), at(times[1]!)]);
    const cursor = page1.ok ? page1.value.next_cursor : null;
    expect(cursor).toBeTruthy();
    const page2 = await listPosts(ctx, o, { limit: 2, cursor });
    expect(page2.ok && page2.value.posts.map((p) => p.scheduled_at)).toEqual([at(times[2]!)]);
    expect(page2.ok && page2.value.next_cursor).toBeNull();

    const deleted = await listPosts(ctx, o, { status: "deleted" });
    expect(deleted.ok && deleted.value.posts.map((p) => p.id)).toEqual([made[3]!.id]);
    const range = await listPosts(ctx, o, { startDate: times[1], endDate: times[2], status: ["scheduled", "deleted"] });
    expect(range.ok && range.value.posts.map((p) => p.id)).toEqual([made[1]!.id]);
    const other = await listPosts(ctx, await org(), {});
    expect(other.ok && other.value.posts).toEqual([]);
  });

  it.each([
    [{ limit: 101 }, "limit"],
    [{ status: "published" }, "status"],
    [{ cursor: "garbage" }, "cursor"],
    [{ startDate: "yesterday" }, "startDate"],
  ])("rejects %j naming %s", async (b, path) => {
    const e = await failed(await org(), b, (c, o, x) => listPosts(c, o, x));
    expect(e.details[0]?.path).toBe(path);
  });
});
