// content/init and creator_info: synchronous checks in platforms.md §3.2's order, with their
// HTTP status and error.code pairs, plus the per-token rate windows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";
import { photoPost, tiktokCall, tiktokToken } from "./tiktok-client";

let h: Harness;
let token: string;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin("/reset", {});
  token = await tiktokToken(h, "creator");
});

const ok = () => [`${h.images.url}/square.jpg`];

describe("TikTok content/init validation", () => {
  const bad: [string, (urls: string[]) => unknown][] = [
    ["media_type other than PHOTO", (u) => ({ ...photoPost(u), media_type: "VIDEO" })],
    ["unknown post_mode", (u) => ({ ...photoPost(u), post_mode: "DIRECT POST" })],
    ["source FILE_UPLOAD", (u) => ({ ...photoPost(u), source_info: { source: "FILE_UPLOAD", photo_images: u, photo_cover_index: 0 } })],
    ["no photos", () => photoPost([])],
    ["36 photos", (u) => photoPost(Array.from({ length: 36 }, () => u[0]!))],
    ["a non-string photo", () => ({ ...photoPost([]), source_info: { source: "PULL_FROM_URL", photo_images: [42], photo_cover_index: 0 } })],
    ["cover index out of range", (u) => photoPost(u, { cover: 1 })],
    ["fractional cover index", (u) => photoPost(u, { cover: 0.5 })],
    ["title of 91 UTF-16 units", (u) => photoPost(u, { title: "😀".repeat(45) + "a" })],
    ["description of 4001 units", (u) => photoPost(u, { description: "x".repeat(4001) })],
    ["malformed body", () => undefined],
  ];
  it.each(bad)("400 invalid_param for %s", async (_name, build) => {
    const res = await tiktokCall(h, token, "content/init", build(ok()));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_param");
    expect(res.body.data).toEqual({});
  });

  it("accepts limits exactly at the edge (90-unit title with emoji, 35 photos)", async () => {
    const res = await tiktokCall(h, token, "content/init", photoPost(Array.from({ length: 35 }, () => ok()[0]!), { title: "😀".repeat(45), cover: 34 }));
    expect(res.status).toBe(200);
    expect(res.body.data.publish_id).toMatch(/^p_pub_url~v2\.\d+$/);
  });

  it("401s without a token or without the mode's scope", async () => {
    expect((await tiktokCall(h, "act.bogus", "content/init", photoPost(ok()))).body.error.code).toBe("access_token_invalid");
    const uploadOnly = await tiktokToken(h, "uploader", ["video.upload"]);
    const direct = await tiktokCall(h, uploadOnly, "content/init", photoPost(ok()));
    expect([direct.status, direct.body.error.code]).toEqual([401, "scope_not_authorized"]);
    expect((await tiktokCall(h, uploadOnly, "content/init", photoPost(ok(), { mode: "MEDIA_UPLOAD" }))).status).toBe(200);
  });

  it("403 privacy_level_option_mismatch for a missing or unoffered privacy level", async () => {
    await h.admin("/accounts", { platform: "tiktok", username: "creator", isPrivate: true });
    for (const privacy of ["PUBLIC_TO_EVERYONE", ""]) {
      const res = await tiktokCall(h, token, "content/init", photoPost(ok(), { privacy }));
      expect([res.status, res.body.error.code]).toEqual([403, "privacy_level_option_mismatch"]);
    }
    expect((await tiktokCall(h, token, "content/init", photoPost(ok(), { privacy: "FOLLOWER_OF_CREATOR" }))).status).toBe(200);
  });

  it("403 url_ownership_unverified when domains must be verified", async () => {
    await h.admin("/settings", { requireVerifiedDomains: true, verifiedDomains: ["media.example.com"], verifiedUrlPrefixes: [`${h.images.url}/square`] });
    const res = await tiktokCall(h, token, "content/init", photoPost([`${h.images.url}/portrait.jpg`]));
    expect([res.status, res.body.error.code]).toEqual([403, "url_ownership_unverified"]);
    expect((await tiktokCall(h, token, "content/init", photoPost([`${h.images.url}/square.jpg`]))).status).toBe(200);
    const sub = await tiktokCall(h, token, "content/init", photoPost(["https://cdn.media.example.com/a.jpg"]));
    expect(sub.status).toBe(200);
    const http = await tiktokCall(h, token, "content/init", photoPost(["http://media.example.com/a.jpg"]));
    expect(http.body.error.code).toBe("url_ownership_unverified");
    await h.admin("/settings", { urlOwnershipStatus: 200 });
    const variant = await tiktokCall(h, token, "content/init", photoPost(["https://example.com/a.jpg"]));
    expect([variant.status, variant.body.error.code]).toEqual([200, "url_ownership_unverified"]);
  });

  it("403 spam_risk_too_many_posts after the daily direct-post cap, in init and creator_info (HTTP 200)", async () => {
    await h.admin("/settings", { tiktokDailyPostCap: 2, rateLimits: { contentInit: 100 } });
    for (let i = 0; i < 2; i++) expect((await tiktokCall(h, token, "content/init", photoPost(ok()))).status).toBe(200);
    const res = await tiktokCall(h, token, "content/init", photoPost(ok()));
    expect([res.status, res.body.error.code]).toEqual([403, "spam_risk_too_many_posts"]);
    const info = await tiktokCall(h, token, "creator_info/query");
    expect([info.status, info.body.error.code]).toEqual([200, "spam_risk_too_many_posts"]);
    await h.admin("/clock", { advanceMs: 86_400_000 });
    const fresh = await tiktokToken(h, "creator");
    expect((await tiktokCall(h, fresh, "content/init", photoPost(ok()))).status).toBe(200);
  });

  it("403 spam_risk_too_many_pending_share at five pending inbox shares", async () => {
    await h.admin("/settings", { rateLimits: { contentInit: 100 } });
    for (let i = 0; i < 5; i++) expect((await tiktokCall(h, token, "content/init", photoPost(ok(), { mode: "MEDIA_UPLOAD" }))).status).toBe(200);
    const res = await tiktokCall(h, token, "content/init", photoPost(ok(), { mode: "MEDIA_UPLOAD" }));
    expect([res.status, res.body.error.code]).toEqual([403, "spam_risk_too_many_pending_share"]);
  });

  it("banned creators: 403 on init, HTTP 200 with the code on creator_info", async () => {
    await h.admin("/accounts", { platform: "tiktok", username: "creator", banned: true });
    const res = await tiktokCall(h, token, "content/init", photoPost(ok()));
    expect([res.status, res.body.error.code]).toEqual([403, "spam_risk_user_banned_from_posting"]);
    const info = await tiktokCall(h, token, "creator_info/query");
    expect([info.status, info.body.error.code]).toEqual([200, "spam_risk_user_banned_from_posting"]);
  });
});

describe("TikTok rate limits", () => {
  it("429s the seventh init in a minute and recovers after 60 s of sim time", async () => {
    for (let i = 0; i < 6; i++) expect((await tiktokCall(h, token, "content/init", photoPost(ok()))).status).toBe(200);
    const limited = await tiktokCall(h, token, "content/init", photoPost(ok()));
    expect([limited.status, limited.body.error.code]).toEqual([429, "rate_limit_exceeded"]);
    // Invalid bodies count too: the window is checked before the schema.
    expect((await tiktokCall(h, token, "content/init", {})).status).toBe(429);
    await h.admin("/clock", { advanceMs: 60_000 });
    expect((await tiktokCall(h, token, "content/init", photoPost(ok()))).status).toBe(200);
  });

  it("limits creator_info to 20 a minute per token", async () => {
    for (let i = 0; i < 20; i++) expect((await tiktokCall(h, token, "creator_info/query")).status).toBe(200);
    expect((await tiktokCall(h, token, "creator_info/query")).status).toBe(429);
    const other = await tiktokToken(h, "creator");
    expect((await tiktokCall(h, other, "creator_info/query")).status).toBe(200);
  });
});

describe("TikTok creator_info", () => {
  it("returns the seeded creator's options", async () => {
    await h.admin("/accounts", { platform: "tiktok", username: "creator", nickname: "The Creator", commentDisabled: true });
    const res = await tiktokCall(h, token, "creator_info/query");
    expect(res.body.error.code).toBe("ok");
    expect(res.body.data).toMatchObject({
      creator_username: "creator", creator_nickname: "The Creator", comment_disabled: true,
      privacy_level_options: ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"],
    });
    const avatar = await fetch(String(res.body.data.creator_avatar_url));
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml");
  });
});
