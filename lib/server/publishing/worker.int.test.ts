// The publish worker end to end: real accounts connected through the simulator's OAuth, posts
// created through the API use-case, images transcoded and pulled by the simulator from a
// local media server, ticks advancing the simulator's clock.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "@/db/schema/index";
import { makeOrganization } from "@/test/factories";
import { type PublishingHarness, startPublishing } from "@/test/publishing";
import { createSlideshow } from "../posts/posts";
import { tick } from "./worker";

let h: PublishingHarness;
let app: PublishingHarness["app"];
let sim: PublishingHarness["sim"];
let ctx: PublishingHarness["ctx"];
const clock = () => new Date();

beforeAll(async () => {
  h = await startPublishing();
  ({ app, sim, ctx } = h);
});
afterAll(async () => {
  await h.close();
});

const connectAccount = (organizationId: string, platform: "tiktok" | "instagram") => h.connectAccount(organizationId, platform);
const storedImage = (organizationId: string, w: number, hgt: number, color: string) => h.storedImage(organizationId, w, hgt, color);
const feed = () => h.feed();

/** Ticks (one or more workers at once), moving both clocks, until nothing is in flight. */
async function runUntilSettled(orgPosts: string[], workers = 1) {
  for (let i = 0; i < 60; i++) {
    await Promise.all(Array.from({ length: workers }, () => tick(ctx, clock)));
    const mine = await Promise.all(orgPosts.map(async (id) => (await app.db.select({ s: posts.status }).from(posts).where(eq(posts.id, id)))[0]!.s));
    if (mine.every((s) => s !== "scheduled" && s !== "pending" && s !== "retrying")) return;
    await fetch(`${sim.url}/__admin/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ advanceMs: 5_000 }) });
    await new Promise((r) => setTimeout(r, 60));
  }
  throw new Error("posts did not settle");
}

const postRow = (id: string) => h.post(id);

/** These tests put several posts of one account at one instant: allowed with no minimum gap. */
async function noGap(accountIds: string[]) {
  const { accounts } = await import("@/db/schema");
  const { inArray } = await import("drizzle-orm");
  await app.db.update(accounts).set({ minGapMinutes: 0 }).where(inArray(accounts.id, accountIds));
}

describe("the publish worker against the simulator", () => {
  it("publishes a TikTok slideshow and an Instagram carousel exactly once", async () => {
    const { organization } = await makeOrganization(app.db);
    const tt = await connectAccount(organization.id, "tiktok");
    const ig = await connectAccount(organization.id, "instagram");
    const portrait = await storedImage(organization.id, 2160, 3840, "#6366f1");
    const square = await storedImage(organization.id, 1200, 1200, "#f97316");
    const now = new Date();
    const a = await createSlideshow(ctx, organization.id, { accountId: tt, imageUrls: [portrait, square], caption: "tt worker #1" }, now);
    const b = await createSlideshow(ctx, organization.id, { accountId: ig, imageUrls: [square, portrait], caption: "ig worker #1" }, now);
    if (!a.ok || !b.ok) throw new Error("create failed");

    await runUntilSettled([a.value.id, b.value.id]);
    const ttPost = await postRow(a.value.id);
    const igPost = await postRow(b.value.id);
    expect(ttPost).toMatchObject({ status: "complete", lastError: null });
    expect(igPost).toMatchObject({ status: "complete", lastError: null });
    expect(igPost.postUrl).toMatch(/^https:\/\/www\.instagram\.com\/p\//);
    const items = await feed();
    expect(items.filter((i) => i.caption === "tt worker #1")).toHaveLength(1);
    expect(items.filter((i) => i.caption === "ig worker #1")).toHaveLength(1);
  });

  it("sends a post with a sound as a TikTok inbox draft: awaiting_creator with the sound named", async () => {
    const { organization } = await makeOrganization(app.db);
    const tt = await connectAccount(organization.id, "tiktok");
    const img = await storedImage(organization.id, 1080, 1920, "#22c55e");
    const p = await createSlideshow(ctx, organization.id, { accountId: tt, imageUrls: [img], caption: "with sound", musicPostId: "7559313483398008095" }, new Date());
    if (!p.ok) throw p.error;
    await runUntilSettled([p.value.id]);
    const row = await postRow(p.value.id);
    expect(row.status).toBe("awaiting_creator");
    expect(row.lastError).toContain("7559313483398008095");
  });

  it("two workers ticking at once never publish one post twice", async () => {
    const { organization } = await makeOrganization(app.db);
    const accounts = [await connectAccount(organization.id, "tiktok"), await connectAccount(organization.id, "tiktok")];
    await noGap(accounts);
    const img = await storedImage(organization.id, 1080, 1920, "#0ea5e9");
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const p = await createSlideshow(ctx, organization.id, { accountId: accounts[i % 2], imageUrls: [img], caption: `race ${i}` }, new Date());
      if (!p.ok) throw p.error;
      ids.push(p.value.id);
    }
    // Bumped posts are scheduled hours ahead: move them to now so all are due.
    for (const id of ids) await app.db.update(posts).set({ scheduledAt: new Date() }).where(eq(posts.id, id));
    await runUntilSettled(ids, 3);
    const items = await feed();
    for (let i = 0; i < 4; i++) expect(items.filter((x) => x.caption === `race ${i}`).length).toBeLessThanOrEqual(1);
    const complete = (await Promise.all(ids.map(postRow))).filter((r) => r.status === "complete").length;
    expect(items.filter((x) => x.caption.startsWith("race ")).length).toBe(complete);
    expect(complete).toBe(4);
  });

  it("marks the account needs_reauth and fails its post when the grant was revoked", async () => {
    const { organization } = await makeOrganization(app.db);
    const tt = await connectAccount(organization.id, "tiktok");
    const img = await storedImage(organization.id, 1080, 1920, "#a855f7");
    const p = await createSlideshow(ctx, organization.id, { accountId: tt, imageUrls: [img], caption: "revoked" }, new Date());
    if (!p.ok) throw p.error;
    const { accounts } = await import("@/db/schema/index");
    const [acc] = await app.db.select({ username: accounts.username }).from(accounts).where(eq(accounts.id, tt));
    await fetch(`${sim.url}/__admin/revoke`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ platform: "tiktok", username: acc!.username }) });
    await runUntilSettled([p.value.id]);
    const row = await postRow(p.value.id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/reconnected/);
    const [after] = await app.db.select({ status: accounts.status }).from(accounts).where(eq(accounts.id, tt));
    expect(after?.status).toBe("needs_reauth");
  });

  it("takes back expired leases: a never-sent post is published, a possibly-sent one fails unsent", async () => {
    const { organization } = await makeOrganization(app.db);
    const tt = await connectAccount(organization.id, "tiktok");
    const img = await storedImage(organization.id, 1080, 1920, "#eab308");
    const make = async (caption: string, at: string) => {
      const p = await createSlideshow(ctx, organization.id, { accountId: tt, imageUrls: [img], caption, postTime: at }, new Date());
      if (!p.ok) throw p.error;
      return p.value.id;
    };
    const soon = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const later = new Date(Date.now() + 6 * 3_600_000).toISOString();
    const neverSent = await make("lease never sent", soon);
    const maybeSent = await make("lease maybe sent", later);
    // As if a worker had claimed both and died: one before sending, one mid-send.
    const expired = new Date(Date.now() - 1000);
    await app.db.update(posts).set({ status: "pending", leaseUntil: expired }).where(eq(posts.id, neverSent));
    await app.db.update(posts).set({ status: "pending", leaseUntil: expired, sendingSince: new Date(Date.now() - 5000) }).where(eq(posts.id, maybeSent));

    await runUntilSettled([neverSent, maybeSent]);
    expect((await postRow(neverSent)).status).toBe("complete");
    const unknown = await postRow(maybeSent);
    expect(unknown.status).toBe("failed");
    expect(unknown.lastError).toMatch(/not resent/);
    const items = await feed();
    expect(items.filter((i) => i.caption === "lease never sent")).toHaveLength(1);
    expect(items.filter((i) => i.caption === "lease maybe sent")).toHaveLength(0);
  });

  it("keeps under TikTok's 6 inits a minute per token by waiting, not by collecting 429s", async () => {
    const { organization } = await makeOrganization(app.db);
    const tt = await connectAccount(organization.id, "tiktok");
    await noGap([tt]);
    const img = await storedImage(organization.id, 1080, 1920, "#14b8a6");
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const p = await createSlideshow(ctx, organization.id, { accountId: tt, imageUrls: [img], caption: `burst ${i}` }, new Date());
      if (!p.ok) throw p.error;
      ids.push(p.value.id);
    }
    for (const id of ids) await app.db.update(posts).set({ scheduledAt: new Date() }).where(eq(posts.id, id));
    const inits = async () =>
      ((await (await fetch(`${sim.url}/__admin/requests`)).json()) as { requests: { path: string; status: number }[] }).requests.filter((r) =>
        r.path.includes("/content/init/"),
      );
    const before = (await inits()).length;
    const summary = await tick(ctx, clock);
    const sent = (await inits()).slice(before);
    expect(sent).toHaveLength(6);
    expect(sent.every((r) => r.status === 200)).toBe(true);
    expect(summary.retrying).toBe(2);
    const waiting = (await Promise.all(ids.map(postRow))).filter((r) => r.status === "retrying");
    expect(waiting).toHaveLength(2);
    for (const w of waiting) {
      expect(w.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 30_000);
      expect(w.attempts).toBe(0);
    }
  });

  it("refreshes a TikTok token about to expire before publishing, storing the rotated pair", async () => {
    const { accounts } = await import("@/db/schema/index");
    const { decryptSecret } = await import("../crypto");
    const { organization } = await makeOrganization(app.db);
    const tt = await connectAccount(organization.id, "tiktok");
    const img = await storedImage(organization.id, 1080, 1920, "#f43f5e");
    const before = (await app.db.select().from(accounts).where(eq(accounts.id, tt)))[0]!;
    // As if connected two hours ago: the access token has five minutes left.
    await app.db.update(accounts).set({ accessTokenExpiresAt: new Date(Date.now() + 5 * 60_000) }).where(eq(accounts.id, tt));
    const p = await createSlideshow(ctx, organization.id, { accountId: tt, imageUrls: [img], caption: "refresh first" }, new Date());
    if (!p.ok) throw p.error;
    await runUntilSettled([p.value.id]);
    expect((await postRow(p.value.id)).status).toBe("complete");
    const after = (await app.db.select().from(accounts).where(eq(accounts.id, tt)))[0]!;
    const key = ctx.config.encryptionKey;
    expect(decryptSecret(after.accessTokenEnc!, key)).not.toBe(decryptSecret(before.accessTokenEnc!, key));
    expect(decryptSecret(after.refreshTokenEnc!, key)).not.toBe(decryptSecret(before.refreshTokenEnc!, key));
    expect(after.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
  });
});
