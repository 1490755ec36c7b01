// The composer's server actions called directly, as a hostile client could: bad bodies get the
// API's 400 shape with field paths and write nothing; a viewer is refused with 403; a good body
// schedules through the same use-case as the API, and an edit saves through the update use-case,
// refusing a stale version with 409. The session is stubbed; the rest is real.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { posts } from "@/db/schema";
import type { Role } from "@/lib/domain/roles";
import type { AppContext } from "@/lib/server/context";
import type { Member } from "@/lib/server/identity/session";
import { installAppContext, openTestContext } from "@/test/db";
import { makeAccount, makeImage, makeOrganization } from "@/test/factories";

const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/server/identity/session", () => ({ currentMember: async () => session.member }));

const { scheduleAction, previewScheduleAction, updatePostAction, previewPostUpdateAction } = await import("./compose");

let ctx: AppContext;
let orgId: string;
let accountId: string;
let image: string;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  const { organization } = await makeOrganization(ctx.db);
  orgId = organization.id;
  accountId = (await makeAccount(ctx.db, orgId)).id;
  image = await makeImage(ctx, orgId, "#0f172a");
});
afterAll(async () => {
  await ctx.close();
});

function as(role: Role) {
  session.member = { userId: "u", userName: "U", email: "u@example.test", organizationId: orgId, organizationName: "O", organizationSlug: "o", role };
}
const count = async () => (await ctx.db.select({ id: posts.id }).from(posts).where(eq(posts.organizationId, orgId))).length;

describe("scheduleAction", () => {
  it.each([
    [{ posts: [{ accountId: null, imageUrls: ["not a url"] }] }, "imageUrls[0]"],
    [{ posts: [{ accountId: "x", imageUrls: ["https://cdn.test/a.jpg"] }] }, "accountId"],
    [{ posts: [{ accountId: null, imageUrls: ["https://cdn.test/a.jpg"], caption: "ok" }, { accountId: null, imageUrls: ["https://cdn.test/a.jpg"], caption: "bad\u0000" }] }, "posts[1].caption"],
    [{ posts: [{ accountId: null, imageUrls: ["https://cdn.test/a.jpg"], extra: true }] }, "extra"],
    [{ posts: [] }, "posts"],
    [{ nothing: 1 }, "nothing"],
  ])("refuses %j with a 400 at %s, writing nothing", async (body, path) => {
    as("editor");
    const before = await count();
    const r = await scheduleAction(body as { posts: unknown[] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.status).toBe(400);
      expect(r.error.details[0]?.path).toBe(path);
    }
    expect(await count()).toBe(before);
  });

  it("refuses a viewer with 403 and writes nothing; an editor schedules", async () => {
    const body = { posts: [{ accountId, imageUrls: [image], postTime: new Date(Date.now() + 86_400_000).toISOString() }] };
    as("viewer");
    const before = await count();
    const refused = await scheduleAction(body);
    expect(refused).toMatchObject({ ok: false, error: { status: 403, type: "forbidden" } });
    expect(await count()).toBe(before);
    const preview = await previewScheduleAction(body.posts[0]);
    expect(preview.ok).toBe(true);
    as("editor");
    const made = await scheduleAction(body);
    expect(made.ok).toBe(true);
    expect(await count()).toBe(before + 1);
  });
});

describe("updatePostAction (the composer's Save changes)", () => {
  const later = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  // Each post on an account of its own, so the minimum gap between posts never gets in the way.
  async function scheduled(caption: string, at = later(24)) {
    as("editor");
    const own = (await makeAccount(ctx.db, orgId)).id;
    const made = await scheduleAction({ posts: [{ accountId: own, imageUrls: [image], caption, postTime: at, strict: true }] });
    if (!made.ok) throw new Error(made.error.message);
    return made.data.posts[0]!;
  }
  const row = async (id: string) => (await ctx.db.select({ caption: posts.caption, scheduledAt: posts.scheduledAt, updatedAt: posts.updatedAt }).from(posts).where(eq(posts.id, id)))[0]!;

  it("saves caption, time and images through the update use-case", async () => {
    const post = await scheduled("before", later(48));
    const at = later(72);
    const saved = await updatePostAction({ postId: post.id, accountId: post.account_id, imageUrls: [image, image], caption: "after #edit", musicPostId: null, postTime: at, strict: true, expectedUpdatedAt: post.updated_at });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.data).toMatchObject({ id: post.id, caption: "after #edit", scheduled_at: at, media_urls: [image, image] });
    expect((await row(post.id)).caption).toBe("after #edit");
  });

  it("refuses a viewer with 403 and changes nothing", async () => {
    const post = await scheduled("viewer can't");
    as("viewer");
    const r = await updatePostAction({ postId: post.id, caption: "changed", expectedUpdatedAt: post.updated_at });
    expect(r).toMatchObject({ ok: false, error: { status: 403, type: "forbidden" } });
    expect(await row(post.id)).toMatchObject({ caption: "viewer can't", updatedAt: new Date(post.updated_at) });
  });

  it("refuses a stale expectedUpdatedAt with 409 and writes nothing", async () => {
    const post = await scheduled("first");
    const moved = await updatePostAction({ postId: post.id, caption: "someone else's edit", expectedUpdatedAt: post.updated_at });
    expect(moved.ok).toBe(true);
    const after = await row(post.id);
    const stale = await updatePostAction({ postId: post.id, caption: "mine", postTime: later(96), expectedUpdatedAt: post.updated_at });
    expect(stale).toMatchObject({ ok: false, error: { status: 409, type: "conflict", details: [{ path: "expectedUpdatedAt" }] } });
    if (!stale.ok) expect(stale.error.message).toMatch(/changed elsewhere/);
    expect(await row(post.id)).toEqual(after);
  });

  it.each([
    [{ postId: "not-an-id" }, "postId"],
    [{ postId: "00000000-0000-4000-8000-000000000000", imageUrls: ["not a url"] }, "imageUrls[0]"],
    [{ postId: "00000000-0000-4000-8000-000000000000", postTime: "tomorrow" }, "postTime"],
    [{ postId: "00000000-0000-4000-8000-000000000000", caption: "bad\u0000" }, "caption"],
    [{ postId: "00000000-0000-4000-8000-000000000000", copies: 2 }, "copies"],
  ])("refuses %j with a 400 at %s", async (body, path) => {
    const post = await scheduled("untouched");
    as("editor");
    const r = await updatePostAction(body);
    expect(r).toMatchObject({ ok: false, error: { status: 400, type: "validation_error" } });
    if (!r.ok) expect(r.error.details[0]?.path).toBe(path);
    expect((await row(post.id)).caption).toBe("untouched");
  });

  it("previews an edit without the post in its own way, and says when it keeps its slot", async () => {
    const post = await scheduled("strict", later(120));
    as("viewer");
    const same = await previewPostUpdateAction({ postId: post.id, accountId: post.account_id, caption: "new words", strict: true, expectedUpdatedAt: post.updated_at });
    expect(same).toMatchObject({ ok: true, data: { unchanged: true, scheduled_at: post.scheduled_at } });
    // A minute later, strictly: within the account's gap of the post itself, which must not count.
    const minuteLater = new Date(Date.parse(post.scheduled_at) + 60_000).toISOString();
    const moved = await previewPostUpdateAction({ postId: post.id, postTime: minuteLater, strict: true, expectedUpdatedAt: post.updated_at });
    expect(moved).toMatchObject({ ok: true, data: { unchanged: false, scheduled_at: minuteLater, bumped: false } });
    const now = await previewPostUpdateAction({ postId: post.id, postNow: true, strict: false });
    expect(now.ok).toBe(true);
    const stale = await previewPostUpdateAction({ postId: post.id, expectedUpdatedAt: "2020-01-01T00:00:00Z" });
    expect(stale).toMatchObject({ ok: false, error: { status: 409 } });
  });
});
