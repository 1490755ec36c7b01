// The Posts page's server actions called directly, as a hostile client could: a viewer is refused
// with 403 for retry, delete, move, the import's dry run and the import, and nothing changes; an
// editor's calls go through the API's use-cases. The session is stubbed; the rest is real.
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { posts } from "@/db/schema/index";
import type { Role } from "@/lib/domain/roles";
import type { AppContext } from "@/lib/server/context";
import type { Member } from "@/lib/server/identity/session";
import { ingestUploadedImage } from "@/lib/server/media/ingest";
import { createSlideshow, getPost } from "@/lib/server/posts/posts";
import { installAppContext, openTestContext } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";

const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/server/identity/session", () => ({ currentMember: async () => session.member }));

const { deletePostsAction, importPostsAction, movePostsAction, previewImportAction, retryPostsAction } = await import("./posts");

let ctx: AppContext;
let orgId: string;
let accountId: string;
let image: string;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  orgId = (await makeOrganization(ctx.db)).organization.id;
  accountId = (await makeAccount(ctx.db, orgId)).id;
  const bytes = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#7c2d12" } }).jpeg().toBuffer();
  const img = await ingestUploadedImage(ctx.db, { organizationId: orgId, bytes, config: ctx.config });
  if (!img.ok) throw img.error;
  image = img.value.url;
});
afterAll(async () => {
  await ctx.close();
});

function as(role: Role) {
  session.member = { userId: "u", userName: "U", email: "u@example.test", organizationId: orgId, organizationName: "O", organizationSlug: "o", role };
}

const future = (days: number, hour: string) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10) + `T${hour}:00:00.000Z`;

async function post(days: number) {
  const r = await createSlideshow(ctx, orgId, { accountId, imageUrls: [image], postTime: future(days, "09") }, new Date());
  if (!r.ok) throw r.error;
  return r.value;
}

describe("posts actions", () => {
  it("refuse a viewer with 403 for retry, delete, move, dry run and import, and change nothing", async () => {
    const p = await post(3);
    await ctx.db.update(posts).set({ status: "failed", lastError: "x" }).where(eq(posts.id, p.id));
    const before = await ctx.db.$count(posts, eq(posts.organizationId, orgId));
    as("viewer");
    const body = { accountId, imageUrls: [image], postTime: future(6, "12") };
    const results = [
      await retryPostsAction({ postIds: [p.id] }),
      await deletePostsAction({ postIds: [p.id] }),
      await movePostsAction({ postIds: [p.id], postTime: future(5, "12") }),
      await previewImportAction({ rows: [{ row: 2, body }] }),
      await importPostsAction({ posts: [body] }),
    ];
    for (const r of results) expect(!r.ok && r.error.status).toBe(403);
    const now = await getPost(ctx, orgId, { postId: p.id });
    expect(now.ok && [now.value.status, now.value.scheduled_at]).toEqual(["failed", p.scheduled_at]);
    expect(await ctx.db.$count(posts, eq(posts.organizationId, orgId))).toBe(before);
  });

  it("let an editor move, retry, dry-run, import and delete, with the API's error shape on bad input", async () => {
    as("editor");
    const p = await post(4);
    const moved = await movePostsAction({ postIds: [p.id], postTime: future(7, "15") });
    expect(moved.ok && moved.data.posts[0]!.scheduled_at).toBe(future(7, "15"));
    const notFailed = await retryPostsAction({ postIds: [p.id] });
    expect(!notFailed.ok && [notFailed.error.status, notFailed.error.details[0]?.path]).toEqual([409, "postIds[0]"]);
    const bad = await movePostsAction({ postIds: [p.id], postTime: "later" });
    expect(!bad.ok && [bad.error.status, bad.error.details[0]?.path]).toEqual([400, "postTime"]);

    const body = { accountId, imageUrls: [image], postTime: future(8, "12") };
    const dry = await previewImportAction({ rows: [{ row: 2, body }] });
    expect(dry.ok && dry.data.rows[0]).toMatchObject({ row: 2, ok: true, account_id: accountId, scheduled_at: future(8, "12") });
    const imported = await importPostsAction({ posts: [body] });
    expect(imported.ok && imported.data.posts.length).toBe(1);
    const deleted = await deletePostsAction({ postIds: [p.id, imported.ok ? imported.data.posts[0]!.id : ""] });
    expect(deleted.ok && deleted.data.posts.map((x) => x.status)).toEqual(["deleted", "deleted"]);
  });
});
