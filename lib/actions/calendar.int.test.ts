// The calendar's server actions called directly, as a hostile client could: a viewer is refused
// with 403 and nothing moves; a bad body gets the API's 400 with field paths; an editor moves,
// retries and deletes through the same use-cases as the API. The session is stubbed; the rest is real.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/domain/roles";
import type { AppContext } from "@/lib/server/context";
import type { Member } from "@/lib/server/identity/session";
import { createSlideshow, getPost } from "@/lib/server/posts/posts";
import { installAppContext, openTestContext } from "@/test/db";
import { makeAccount, makeImage, makeOrganization } from "@/test/factories";

const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/server/identity/session", () => ({ currentMember: async () => session.member }));

const { movePostAction, retryPostAction, deletePostAction } = await import("./calendar");

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
  image = await makeImage(ctx, orgId, "#1e293b");
});
afterAll(async () => {
  await ctx.close();
});

function as(role: Role) {
  session.member = { userId: "u", userName: "U", email: "u@example.test", organizationId: orgId, organizationName: "O", organizationSlug: "o", role };
}

const future = (days: number, hour: string) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10) + `T${hour}:00:00.000Z`;

async function post() {
  const r = await createSlideshow(ctx, orgId, { accountId, imageUrls: [image], postTime: future(3, "09") }, new Date());
  if (!r.ok) throw r.error;
  return r.value;
}

describe("calendar actions", () => {
  it("refuse a viewer with 403 and change nothing", async () => {
    const p = await post();
    as("viewer");
    for (const r of [await movePostAction({ postId: p.id, postTime: future(4, "12") }), await deletePostAction({ postId: p.id }), await retryPostAction({ postId: p.id })]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.status).toBe(403);
    }
    const now = await getPost(ctx, orgId, { postId: p.id });
    expect(now.ok && [now.value.status, now.value.scheduled_at]).toEqual(["scheduled", p.scheduled_at]);
  });

  it("refuse a bad body with 400 and the field's path", async () => {
    as("editor");
    const p = await post();
    const r = await movePostAction({ postId: p.id, postTime: "tomorrow", expectedUpdatedAt: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.status, ...new Set(r.error.details.map((d) => d.path).sort())]).toEqual([400, "expectedUpdatedAt", "postTime"]);
    const missing = await deletePostAction({ postId: "nope" });
    expect(!missing.ok && missing.error.details[0]?.path).toBe("postIds[0]");
  });

  it("move an editor's post, with the version it saw, and delete it", async () => {
    as("editor");
    const p = await post();
    const moved = await movePostAction({ postId: p.id, postTime: future(4, "12"), expectedUpdatedAt: p.updated_at });
    expect(moved.ok && moved.data.scheduled_at).toBe(future(4, "12"));
    const stale = await movePostAction({ postId: p.id, postTime: future(5, "12"), expectedUpdatedAt: p.updated_at });
    expect(!stale.ok && stale.error.status).toBe(409);
    const deleted = await deletePostAction({ postId: p.id });
    expect(deleted.ok && deleted.data.status).toBe("deleted");
    const again = await retryPostAction({ postId: p.id });
    expect(!again.ok && again.error.status).toBe(409);
  });
});
