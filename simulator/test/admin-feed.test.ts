// Fault injection, the admin API, the request log and the feed page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, waitFor, type Harness } from "./harness";
import { graph, igToken } from "./instagram-client";
import { photoPost, tiktokCall, tiktokToken } from "./tiktok-client";

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.admin("/reset", {}));

describe("fault injection", () => {
  it("serves an HTML 503, then an empty 500, then answers normally", async () => {
    const token = await tiktokToken(h, "creator");
    await h.admin("/faults", { endpoint: "tiktok.content_init", status: 503, body: "<html><body>Service Unavailable</body></html>" });
    await h.admin("/faults", { endpoint: "tiktok.content_init", status: 500, body: "" });
    const call = () => fetch(`${h.sim.url}/tiktok/v2/post/publish/content/init/`, {
      method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(photoPost([`${h.images.url}/square.jpg`])),
    });
    const html = await call();
    expect([html.status, html.headers.get("content-type")]).toEqual([503, "text/html; charset=utf-8"]);
    expect(await html.text()).toContain("Service Unavailable");
    const empty = await call();
    expect([empty.status, await empty.text()]).toEqual([500, ""]);
    expect((await call()).status).toBe(200);
  });

  it("builds TikTok envelopes and Graph errors from code/subcode/message, for N calls", async () => {
    const token = await tiktokToken(h, "creator");
    await h.admin("/faults", { endpoint: "tiktok.status_fetch", count: 2, status: 429, code: "rate_limit_exceeded", message: "slow down" });
    for (let i = 0; i < 2; i++) {
      const res = await tiktokCall(h, token, "status/fetch", { publish_id: "x" });
      expect([res.status, res.body.error.code, res.body.error.message]).toEqual([429, "rate_limit_exceeded", "slow down"]);
    }
    expect((await tiktokCall(h, token, "status/fetch", { publish_id: "x" })).body.error.code).toBe("invalid_publish_id");

    const ig = await igToken(h, "shop");
    await h.admin("/faults", { endpoint: "instagram.media_publish", status: 400, code: -1, subcode: 2207001, message: "An unexpected error has occurred." });
    const res = await graph(h, "POST", `/${ig.userId}/media_publish`, { access_token: ig.accessToken, creation_id: "1" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: -1, error_subcode: 2207001, is_transient: true, type: "OAuthException" });
  });

  it("delays responses, with or without changing them", async () => {
    await h.admin("/faults", { endpoint: "tiktok.oembed", delayMs: 300 });
    const started = Date.now();
    const res = await fetch(`${h.sim.url}/tiktok/oembed?url=x`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(res.status).toBe(400);
  });

  it("refuses unknown endpoint names and lists the valid ones", async () => {
    const res = await h.admin("/faults", { endpoint: "tiktok.nope", status: 500 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { endpoints: string[] }).endpoints).toContain("instagram.media_create");
  });
});

describe("admin API", () => {
  it("moves and sets the clock", async () => {
    const before = await h.adminJson<{ nowMs: number }>("/clock");
    const moved = await h.adminJson<{ nowMs: number }>("/clock", { advanceMs: 3_600_000 });
    expect(moved.nowMs - before.nowMs).toBeGreaterThanOrEqual(3_600_000);
    const set = await h.adminJson<{ iso: string }>("/clock", { setMs: Date.UTC(2030, 0, 1) });
    expect(set.iso.startsWith("2030-01-01T00:00:0")).toBe(true);
  });

  it("validates settings and merges nested ones", async () => {
    expect((await h.admin("/settings", { tiktokProcessingMs: "soon" })).status).toBe(400);
    expect((await h.admin("/settings", { noSuchKnob: 1 })).status).toBe(400);
    const s = await h.adminJson<{ rateLimits: Record<string, number> }>("/settings", { rateLimits: { contentInit: 2 } });
    expect(s.rateLimits).toEqual({ userInfo: 600, creatorInfo: 20, contentInit: 2, statusFetch: 30 });
  });

  it("seeds private TikTok creators with private privacy options", async () => {
    const account = await h.adminJson<{ privacyLevelOptions: string[]; openId: string }>("/accounts", { platform: "tiktok", username: "quiet", isPrivate: true });
    expect(account.privacyLevelOptions).toEqual(["FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"]);
    const ig = await h.adminJson<{ userId: string }>("/accounts", { platform: "instagram", username: "brand", accountType: "MEDIA_CREATOR" });
    expect(ig.userId).toMatch(/^\d{17}$/);
  });

  it("logs platform requests with route, status and sim time", async () => {
    await fetch(`${h.sim.url}/tiktok/oembed?url=x`);
    const { requests } = await h.adminJson<{ requests: { method: string; path: string; route: string; status: number; time: string }[] }>("/requests");
    expect(requests).toEqual([{ method: "GET", path: "/tiktok/oembed", route: "tiktok.oembed", status: 400, time: expect.any(String) }]);
  });

  it("reset forgets accounts, tokens and the clock offset", async () => {
    const token = await tiktokToken(h, "creator");
    await h.admin("/clock", { advanceMs: 86_400_000 });
    await h.admin("/reset", {});
    expect((await tiktokCall(h, token, "creator_info/query")).status).toBe(401);
    const { nowMs } = await h.adminJson<{ nowMs: number }>("/clock");
    expect(Math.abs(nowMs - Date.now())).toBeLessThan(5_000);
  });
});

describe("feed", () => {
  it("shows published posts on both platforms, newest first, with their images", async () => {
    const tt = await tiktokToken(h, "tt_creator");
    const init = await tiktokCall(h, tt, "content/init", photoPost([`${h.images.url}/square.jpg`], { title: "Beach day" }));
    await h.admin("/clock", { advanceMs: 5_000 });
    await waitFor(async () => ((await tiktokCall(h, tt, "status/fetch", init.body.data)).body.data.status === "PUBLISH_COMPLETE" ? true : undefined));

    const ig = await igToken(h, "ig_shop");
    const container = await graph(h, "POST", `/${ig.userId}/media`, { access_token: ig.accessToken, image_url: `${h.images.url}/portrait.jpg`, caption: "Mountain <view>" });
    await h.admin("/clock", { advanceMs: 2_000 });
    const media = await graph(h, "POST", `/${ig.userId}/media_publish`, { access_token: ig.accessToken, creation_id: String(container.body.id) });
    await h.admin("/clock", { advanceMs: 5_000 }); // past TikTok's moderation delay, so the post id shows

    const { items } = await h.adminJson<{ items: { platform: string; account: string; postId: string; permalink: string; images: string[]; title: string }[] }>("/../feed.json");
    expect(items.map((i) => i.platform)).toEqual(["instagram", "tiktok"]);
    expect(items[0]).toMatchObject({ account: "@ig_shop", postId: media.body.id });
    expect(items[1]).toMatchObject({ account: "@tt_creator", title: "Beach day", permalink: expect.stringMatching(/^https:\/\/www\.tiktok\.com\/@tt_creator\/photo\/\d{19}$/) });

    const page = await (await fetch(`${h.sim.url}/`)).text();
    expect(page).toContain("@ig_shop");
    expect(page).toContain("Mountain &#60;view&#62;");
    expect(page).toContain(items[0]!.permalink);
    const src = /<img src="([^"]+)"/.exec(page)![1]!;
    const image = await fetch(src);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });
});
