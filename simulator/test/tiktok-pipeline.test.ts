// The asynchronous photo pipeline: real image pulls, status from the sim clock, raw int64 post
// ids, inbox drafts, cancel, forced failures and revocation (platforms.md §1.6, §3.2).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, waitFor, type Harness } from "./harness";
import { photoPost, tiktokCall, tiktokToken, type TikTokResult } from "./tiktok-client";

let h: Harness;
let token: string;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin("/reset", {});
  await h.admin("/settings", { rateLimits: { contentInit: 100, statusFetch: 1000 }, fetchTimeoutMs: 1_000 });
  token = await tiktokToken(h, "creator");
});

async function init(urls: string[], over: Parameters<typeof photoPost>[1] = {}): Promise<string> {
  const res = await tiktokCall(h, token, "content/init", photoPost(urls, over));
  expect(res.body.error.code).toBe("ok");
  return String(res.body.data.publish_id);
}

const status = (publishId: string, as = token) => tiktokCall(h, as, "status/fetch", { publish_id: publishId });

/** Advances past processing and polls until the real downloads have been judged. */
async function settled(publishId: string): Promise<TikTokResult> {
  await h.admin("/clock", { advanceMs: 2_000 });
  return waitFor(async () => {
    const res = await status(publishId);
    return res.body.data.status === "PROCESSING_DOWNLOAD" ? undefined : res;
  });
}

describe("TikTok direct post", () => {
  it("goes PROCESSING_DOWNLOAD → PUBLISH_COMPLETE, then shows a raw 19-digit post id after moderation", async () => {
    const id = await init([`${h.images.url}/square.jpg`, `${h.images.url}/square.webp`]);
    const first = await status(id);
    expect(first.body.data.status).toBe("PROCESSING_DOWNLOAD");
    expect(first.text).toContain('"publicaly_available_post_id":[]');

    const done = await settled(id);
    expect(done.status).toBe(200);
    expect(done.body.error.code).toBe("ok");
    expect(done.body.data.status).toBe("PUBLISH_COMPLETE");
    expect(done.body.data.downloaded_bytes).toBeGreaterThan(0);
    expect(done.text).toContain('"publicaly_available_post_id":[]');

    await h.admin("/clock", { advanceMs: 3_000 });
    const moderated = await status(id);
    const raw = /"publicaly_available_post_id":\[(\d+)\]/.exec(moderated.text);
    expect(raw?.[1]).toMatch(/^\d{19}$/);
    // A plain JSON.parse loses precision: exactly what the client must guard against.
    expect(BigInt(raw![1]!) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(String(moderated.body.data.publicaly_available_post_id)).not.toBe(raw![1]);
  });

  it("never gives SELF_ONLY posts a public id", async () => {
    const id = await init([`${h.images.url}/square.jpg`], { privacy: "SELF_ONLY" });
    await settled(id);
    await h.admin("/clock", { advanceMs: 60_000 });
    const res = await status(id);
    expect(res.body.data.status).toBe("PUBLISH_COMPLETE");
    expect(res.text).toContain('"publicaly_available_post_id":[]');
  });

  const failures: [string, string][] = [
    ["/missing.jpg", "photo_pull_failed"],
    ["/redirect.jpg", "photo_pull_failed"],
    ["/slow.jpg", "photo_pull_failed"],
    ["/disguised.jpg", "file_format_check_failed"],
    ["/heavy-21mb.jpg", "picture_size_check_failed"],
    ["/huge.jpg", "picture_size_check_failed"],
  ];
  it.each(failures)("%s → FAILED %s, still with error.code ok", async (path, reason) => {
    const id = await init([`${h.images.url}/square.jpg`, `${h.images.url}${path}`]);
    const res = await settled(id);
    expect(res.status).toBe(200);
    expect(res.body.error.code).toBe("ok");
    expect(res.body.data).toMatchObject({ status: "FAILED", fail_reason: reason });
  });

  it("pulls the photos for real and follows no redirects", async () => {
    const id = await init([`${h.images.url}/redirect.jpg`]);
    await settled(id);
    expect(h.images.hits.filter((p) => p === "/redirect.jpg").length).toBeGreaterThan(0);
    expect(h.images.hits.slice(-1)[0]).toBe("/redirect.jpg");
  });

  it("stays terminal when polled again", async () => {
    const id = await init([`${h.images.url}/missing.jpg`]);
    await settled(id);
    await h.admin("/clock", { advanceMs: 3_600_000 });
    expect((await status(id)).body.data).toMatchObject({ status: "FAILED", fail_reason: "photo_pull_failed" });
  });
});

describe("TikTok status/fetch errors", () => {
  it("400 invalid_publish_id and token_not_authorized_for_specified_publish_id", async () => {
    const unknown = await status("p_pub_url~v2.1");
    expect([unknown.status, unknown.body.error.code]).toEqual([400, "invalid_publish_id"]);
    const id = await init([`${h.images.url}/square.jpg`]);
    const other = await tiktokToken(h, "someone_else");
    const foreign = await status(id, other);
    expect([foreign.status, foreign.body.error.code]).toEqual([400, "token_not_authorized_for_specified_publish_id"]);
  });

  it("limits status/fetch to 30 a minute", async () => {
    await h.admin("/settings", { rateLimits: { statusFetch: 30 } });
    const id = await init([`${h.images.url}/square.jpg`]);
    for (let i = 0; i < 30; i++) expect((await status(id)).status).toBe(200);
    expect((await status(id)).body.error.code).toBe("rate_limit_exceeded");
  });
});

describe("TikTok inbox drafts (MEDIA_UPLOAD)", () => {
  it("goes to SEND_TO_USER_INBOX and to PUBLISH_COMPLETE when the creator posts the draft", async () => {
    const id = await init([`${h.images.url}/square.jpg`], { mode: "MEDIA_UPLOAD" });
    expect((await settled(id)).body.data.status).toBe("SEND_TO_USER_INBOX");
    expect((await h.admin(`/tiktok/publish/${encodeURIComponent(id)}/complete-draft`, {})).status).toBe(200);
    expect((await status(id)).body.data.status).toBe("PUBLISH_COMPLETE");
    await h.admin("/clock", { advanceMs: 3_000 });
    expect((await status(id)).text).toMatch(/"publicaly_available_post_id":\[\d{19}\]/);
  });

  it("frees a pending-share slot when the creator discards a draft", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await init([`${h.images.url}/square.jpg`], { mode: "MEDIA_UPLOAD" }));
    await settled(ids[0]!);
    expect((await tiktokCall(h, token, "content/init", photoPost([`${h.images.url}/square.jpg`], { mode: "MEDIA_UPLOAD" }))).body.error.code).toBe("spam_risk_too_many_pending_share");
    expect((await h.admin(`/tiktok/publish/${encodeURIComponent(ids[0]!)}/discard-draft`, {})).status).toBe(200);
    expect((await tiktokCall(h, token, "content/init", photoPost([`${h.images.url}/square.jpg`], { mode: "MEDIA_UPLOAD" }))).status).toBe(200);
  });

  it("refuses draft actions on a publish that is not an inbox draft", async () => {
    const id = await init([`${h.images.url}/square.jpg`]);
    expect((await h.admin(`/tiktok/publish/${encodeURIComponent(id)}/complete-draft`, {})).status).toBe(409);
    expect((await h.admin(`/tiktok/publish/nope/complete-draft`, {})).status).toBe(404);
  });
});

describe("TikTok cancel, forced failures and revocation", () => {
  it("cancels during PROCESSING_DOWNLOAD, then refuses", async () => {
    const id = await init([`${h.images.url}/square.jpg`]);
    const cancelled = await tiktokCall(h, token, "cancel", { publish_id: id });
    expect([cancelled.status, cancelled.body.error.code]).toEqual([200, "ok"]);
    expect((await status(id)).body.data).toMatchObject({ status: "FAILED", fail_reason: "publish_cancelled" });
    const again = await tiktokCall(h, token, "cancel", { publish_id: id });
    expect([again.status, again.body.error.code]).toEqual([400, "publish_not_cancellable"]);
  });

  it("refuses to cancel a finished publish", async () => {
    const id = await init([`${h.images.url}/square.jpg`]);
    await settled(id);
    expect((await tiktokCall(h, token, "cancel", { publish_id: id })).body.error.code).toBe("publish_not_cancellable");
  });

  it.each(["internal", "spam_risk_text", "spam_risk"])("admin fail with %s", async (reason) => {
    const id = await init([`${h.images.url}/square.jpg`]);
    expect((await h.admin(`/tiktok/publish/${encodeURIComponent(id)}/fail`, { reason })).status).toBe(200);
    expect((await status(id)).body.data).toMatchObject({ status: "FAILED", fail_reason: reason });
  });

  it("rejects unknown fail reasons", async () => {
    const id = await init([`${h.images.url}/square.jpg`]);
    expect((await h.admin(`/tiktok/publish/${encodeURIComponent(id)}/fail`, { reason: "bored" })).status).toBe(400);
  });

  it("fails in-flight publishes with auth_removed when the creator revokes", async () => {
    const id = await init([`${h.images.url}/square.jpg`]);
    await h.admin("/revoke", { platform: "tiktok", username: "creator" });
    expect((await status(id)).body.error.code).toBe("access_token_invalid");
    const fresh = await tiktokToken(h, "creator");
    expect((await status(id, fresh)).body.data).toMatchObject({ status: "FAILED", fail_reason: "auth_removed" });
  });
});

describe("TikTok oEmbed", () => {
  it("returns a seeded video with its sound link, and the bare 400 for unknown URLs", async () => {
    const url = encodeURIComponent("https://www.tiktok.com/@sim_band/video/7448335796416843002?is_from_webapp=1");
    const res = await fetch(`${h.sim.url}/tiktok/oembed?url=${url}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: "video", author_unique_id: "sim_band", embed_product_id: "7448335796416843002", width: "100%", provider_name: "TikTok" });
    expect(String(body.html)).toMatch(/\/music\/[^"?]+-7537866287918795537\?refer=embed/);
    const unknown = await fetch(`${h.sim.url}/tiktok/oembed?url=${encodeURIComponent("https://www.tiktok.com/@x/video/1")}`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ message: "Something went wrong", code: 400 });
  });
});
