// The Accounts page's server actions on both databases: bulk changes through update-info (an
// editor refused with 403, "25:00" refused naming the day and entry, nothing written), the
// table's rows (next post, today n / cap), and Disconnect (posts failed or deleted as asked,
// tokens dropped, another organization's untouched, refused while a post is being published).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accounts, posts } from "@/db/schema";
import { DISCONNECTED_REASON } from "@/lib/domain/accounts";
import type { Role } from "@/lib/domain/roles";
import { accountsTable } from "@/lib/server/accounts/accounts";
import type { AppContext } from "@/lib/server/context";
import type { Member } from "@/lib/server/identity/session";
import { createSlideshow, getPost } from "@/lib/server/posts/posts";
import { installAppContext, openTestContext } from "@/test/db";
import { makeAccount, makeImage, makeOrganization } from "@/test/factories";

const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/server/identity/session", () => ({ currentMember: async () => session.member, requireMember: async () => session.member }));

const { updateAccountsAction, disconnectAccountAction, privacyOptionsAction } = await import("./accounts");

let ctx: AppContext;
let orgId: string;
let otherOrg: string;
let image: string;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  orgId = (await makeOrganization(ctx.db, "Accounts Org")).organization.id;
  otherOrg = (await makeOrganization(ctx.db, "Other Org")).organization.id;
  image = await makeImage(ctx, orgId, "#0f766e");
});
afterAll(async () => {
  await ctx.close();
});

function as(role: Role) {
  session.member = { userId: "u", userName: "U", email: "admin@example.test", organizationId: orgId, organizationName: "Accounts Org", organizationSlug: "a", role };
}
const day = (days: number, hour: string) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10) + `T${hour}:00:00.000Z`;
const statusOf = async (id: string) => (await ctx.db.select({ status: accounts.status }).from(accounts).where(eq(accounts.id, id)))[0]?.status;

async function postOn(accountId: string, postTime: string) {
  const r = await createSlideshow(ctx, orgId, { accountId, imageUrls: [image], postTime, strict: true }, new Date());
  if (!r.ok) throw r.error;
  return r.value;
}

describe("updateAccountsAction", () => {
  it("refuses an editor (and a viewer) pausing accounts with 403, and changes nothing", async () => {
    const a = await makeAccount(ctx.db, orgId);
    for (const role of ["editor", "viewer"] as const) {
      as(role);
      const r = await updateAccountsAction({ accountIds: [a.id], paused: true });
      expect(!r.ok && r.error.status).toBe(403);
    }
    expect(await statusOf(a.id)).toBe("active");
  });

  it("sets labels on several accounts at once and pauses them; an admin may", async () => {
    const ids = [(await makeAccount(ctx.db, orgId)).id, (await makeAccount(ctx.db, orgId)).id, (await makeAccount(ctx.db, orgId)).id];
    as("admin");
    const r = await updateAccountsAction({ accountIds: ids, tag: "bulk", user_group: null, paused: true });
    expect(r.ok && r.data.map((x) => [x.tag, x.status])).toEqual(ids.map(() => ["bulk", "paused"]));
  });

  it("refuses a posting time 25:00 naming the day and entry, and writes nothing", async () => {
    const a = await makeAccount(ctx.db, orgId);
    as("owner");
    const r = await updateAccountsAction({ accountIds: [a.id], postingTimes: { mon: ["09:00", "25:00"] }, dailyCap: 3 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(400);
    expect(r.error.details).toContainEqual({ path: "postingTimes.mon[1]", message: 'must be a time "HH:mm" (00:00–23:59)' });
    const [row] = await ctx.db.select({ cap: accounts.dailyCap }).from(accounts).where(eq(accounts.id, a.id));
    expect(row?.cap).toBe(15);
  });

  it("sets a TikTok privacy level, and refuses one for an Instagram account naming privacyLevel", async () => {
    const tt = await makeAccount(ctx.db, orgId);
    const ig = await makeAccount(ctx.db, orgId, { platform: "instagram" });
    as("admin");
    const ok = await updateAccountsAction({ accountId: tt.id, privacyLevel: "SELF_ONLY" });
    expect(ok.ok).toBe(true);
    const bad = await updateAccountsAction({ accountIds: [tt.id, ig.id], privacyLevel: "SELF_ONLY" });
    expect(!bad.ok && bad.error.details).toEqual([{ path: "privacyLevel", message: "is a TikTok setting; Instagram accounts have none" }]);
    const rows = await accountsTable(ctx.db, orgId, new Date());
    expect(rows.find((x) => x.id === tt.id)?.privacy_level).toBe("SELF_ONLY");
    // An account without tokens has no creator options to read: a clear refusal, not a crash.
    const opts = await privacyOptionsAction({ accountId: tt.id });
    expect(!opts.ok && opts.error.status).toBe(409);
    const igOpts = await privacyOptionsAction({ accountId: ig.id });
    expect(!igOpts.ok && igOpts.error.status).toBe(400);
  });
});

describe("the accounts table", () => {
  it("shows each account's next post and its live posts today against the cap", async () => {
    const a = await makeAccount(ctx.db, orgId, { timezone: "UTC" });
    const later = await postOn(a.id, day(2, "10"));
    await postOn(a.id, day(5, "10"));
    const rows = await accountsTable(ctx.db, orgId, new Date());
    const row = rows.find((x) => x.id === a.id)!;
    expect(row.next_post_at).toBe(later.scheduled_at);
    expect([row.today, row.upcoming]).toEqual([0, 2]);
    // Seen from two days on, the first post is "today" in the account's zone.
    const then = await accountsTable(ctx.db, orgId, new Date(Date.parse(day(2, "08"))));
    expect(then.find((x) => x.id === a.id)?.today).toBe(1);
    // Once published, it is the account's "last posted" (the list's own column, read the same way).
    await ctx.db.update(posts).set({ status: "complete" }).where(eq(posts.id, later.id));
    const after = (await accountsTable(ctx.db, orgId, new Date())).find((x) => x.id === a.id);
    expect([after?.last_posted_at, after?.next_post_at]).toEqual([later.scheduled_at, day(5, "10")]);
  });
});

describe("disconnectAccountAction", () => {
  it("refuses an editor with 403", async () => {
    const a = await makeAccount(ctx.db, orgId);
    as("editor");
    const r = await disconnectAccountAction({ accountId: a.id, scheduledPosts: "fail" });
    expect(!r.ok && r.error.status).toBe(403);
    expect(await statusOf(a.id)).toBe("active");
  });

  it("fails the account's scheduled posts with the reason, drops its tokens and marks it to reconnect", async () => {
    const a = await makeAccount(ctx.db, orgId, { accessTokenEnc: "sealed", refreshTokenEnc: "sealed" });
    const p1 = await postOn(a.id, day(2, "10"));
    const p2 = await postOn(a.id, day(3, "10"));
    as("admin");
    const r = await disconnectAccountAction({ accountId: a.id, scheduledPosts: "fail" });
    expect(r).toEqual({ ok: true, data: { accountId: a.id, failed: 2, deleted: 0 } });
    for (const p of [p1, p2]) {
      const now = await getPost(ctx, orgId, { postId: p.id });
      expect(now.ok && [now.value.status, now.value.error]).toEqual(["failed", DISCONNECTED_REASON]);
    }
    const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, a.id));
    expect([row?.status, row?.accessTokenEnc, row?.refreshTokenEnc, row?.lastError]).toEqual(["needs_reauth", null, null, "disconnected by admin@example.test"]);
  });

  it("deletes them when asked, and leaves the posts of other accounts alone", async () => {
    const a = await makeAccount(ctx.db, orgId);
    const b = await makeAccount(ctx.db, orgId);
    const mine = await postOn(a.id, day(2, "11"));
    const theirs = await postOn(b.id, day(2, "11"));
    as("owner");
    const r = await disconnectAccountAction({ accountId: a.id, scheduledPosts: "delete" });
    expect(r.ok && r.data).toEqual({ accountId: a.id, failed: 0, deleted: 1 });
    const [gone, kept] = [await getPost(ctx, orgId, { postId: mine.id }), await getPost(ctx, orgId, { postId: theirs.id })];
    expect([gone.ok && gone.value.status, kept.ok && kept.value.status]).toEqual(["deleted", "scheduled"]);
  });

  it("is refused while one of its posts is being published, and for another organization's account", async () => {
    const a = await makeAccount(ctx.db, orgId);
    const p = await postOn(a.id, day(2, "12"));
    await ctx.db.update(posts).set({ status: "pending" }).where(eq(posts.id, p.id));
    as("admin");
    const busy = await disconnectAccountAction({ accountId: a.id, scheduledPosts: "fail" });
    expect(!busy.ok && busy.error.status).toBe(409);
    expect(await statusOf(a.id)).toBe("active");

    const foreign = await makeAccount(ctx.db, otherOrg);
    const r = await disconnectAccountAction({ accountId: foreign.id, scheduledPosts: "delete" });
    expect(!r.ok && r.error.status).toBe(404);
    expect(await statusOf(foreign.id)).toBe("active");
  });

  it("names the field of a bad choice", async () => {
    as("admin");
    const r = await disconnectAccountAction({ accountId: "nope", scheduledPosts: "keep" });
    expect(!r.ok && r.error.details.map((d) => d.path).sort()).toEqual(["accountId", "scheduledPosts"]);
  });
});
