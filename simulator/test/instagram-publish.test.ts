// Instagram containers, carousels, publishing and quotas, with every image rule and its
// code/subcode pair (platforms.md §2.4–§2.7, §3.3).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";
import { graph, igToken, type GraphResult } from "./instagram-client";

let h: Harness;
let token: string;
let userId: string;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin("/reset", {});
  ({ accessToken: token, userId } = await igToken(h, "shop"));
});

const img = (path: string) => `${h.images.url}${path}`;
const create = (params: Record<string, string>) => graph(h, "POST", `/${userId}/media`, { access_token: token, ...params });
const publish = (creationId: string) => graph(h, "POST", `/${userId}/media_publish`, { access_token: token, creation_id: creationId });
const read = (id: string, fields: string) => graph(h, "GET", `/${id}`, { access_token: token, fields });
const after = (ms: number) => h.admin("/clock", { advanceMs: ms });

function expectError(res: GraphResult, code: number, subcode?: number) {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code, type: expect.any(String), is_transient: expect.any(Boolean), error_user_title: expect.any(String), error_user_msg: expect.any(String), fbtrace_id: expect.any(String) });
  if (subcode !== undefined) expect(res.body.error!.error_subcode).toBe(subcode);
}

describe("Instagram single image", () => {
  it("goes IN_PROGRESS → FINISHED → PUBLISHED with a shortcode permalink", async () => {
    const container = await create({ image_url: img("/portrait.jpg"), caption: "Hello #sim" });
    expect(String(container.body.id)).toMatch(/^\d{17}$/);
    expect((await read(String(container.body.id), "status_code,status")).body).toMatchObject({ status_code: "IN_PROGRESS" });
    expectError(await publish(String(container.body.id)), 9007, 2207027);

    await after(1_500);
    expect((await read(String(container.body.id), "status_code")).body).toEqual({ id: container.body.id, status_code: "FINISHED" });
    const published = await publish(String(container.body.id));
    expect(published.status).toBe(200);
    const mediaId = String(published.body.id);
    expect(mediaId).toMatch(/^\d{17}$/);
    expect((await read(String(container.body.id), "status_code")).body.status_code).toBe("PUBLISHED");

    const media = await read(mediaId, "id,permalink,media_type,caption,timestamp");
    expect(media.body).toMatchObject({ id: mediaId, media_type: "IMAGE", caption: "Hello #sim" });
    const permalink = String(media.body.permalink);
    expect(permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\/[\w-]+\/$/);
    expect(permalink).not.toContain(mediaId);
    expect(String(media.body.timestamp)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);

    expectError(await publish(String(container.body.id)), 24, 2207008);
  });

  it("accepts JSON bodies with a Bearer token on an unversioned path", async () => {
    const res = await fetch(`${h.sim.url}/instagram/graph/${userId}/media`, {
      method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ image_url: img("/square.jpg") }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-app-usage")).toMatch(/"call_count":\d+/);
  });

  const imageErrors: [string, number, number, RegExp][] = [
    ["/disguised.jpg", 36001, 2207005, /image format png is not supported/],
    ["/square.webp", 36001, 2207005, /image format webp/],
    ["/heavy-9mib.jpg", 36000, 2207004, /too large/],
    ["/tall.jpg", 36003, 2207009, /aspect ratio 0\.563/],
    ["/wide.jpg", 36003, 2207009, /aspect ratio 2\.133/],
    ["/missing.jpg", 9004, 2207052, /could not be fetched from this uri/],
  ];
  it.each(imageErrors)("%s → %i/%i", async (path, code, subcode, message) => {
    const res = await create({ image_url: img(path) });
    expectError(res, code, subcode);
    expect(`${String(res.body.error!.message)} ${String(res.body.error!.error_user_msg)}`).toMatch(message);
  });

  it("times out slow images with -2/2207003", async () => {
    await h.admin("/settings", { fetchTimeoutMs: 300 });
    expectError(await create({ image_url: img("/slow.jpg") }), -2, 2207003);
  });

  it("follows redirects (unlike TikTok)", async () => {
    expect((await create({ image_url: img("/redirect.jpg") })).status).toBe(200);
  });

  it("rejects long captions, too many hashtags and too many mentions", async () => {
    expectError(await create({ image_url: img("/square.jpg"), caption: "x".repeat(2201) }), 36004, 2207010);
    expectError(await create({ image_url: img("/square.jpg"), caption: Array.from({ length: 31 }, (_, i) => `#t${i}`).join(" ") }), 36004, 2207010);
    expectError(await create({ image_url: img("/square.jpg"), caption: Array.from({ length: 21 }, (_, i) => `@u${i}`).join(" ") }), 100, 2207040);
    expect((await create({ image_url: img("/square.jpg"), caption: "x".repeat(2200) })).status).toBe(200);
  });

  it("expires unpublished containers after 24 h", async () => {
    const id = String((await create({ image_url: img("/square.jpg") })).body.id);
    await after(86_400_000);
    expect((await read(id, "status_code")).body.status_code).toBe("EXPIRED");
    expectError(await publish(id), 24, 2207008);
  });

  it("reports ERROR containers put there by the admin API", async () => {
    const id = String((await create({ image_url: img("/square.jpg") })).body.id);
    await h.admin(`/instagram/containers/${id}/fail`, { subcode: 2207082 });
    expect((await read(id, "status_code,status")).body).toMatchObject({ status_code: "ERROR", status: "Error: Media upload has failed with error code 2207082" });
  });

  it("answers another user's ids as nonexistent (100/33)", async () => {
    const other = await igToken(h, "other_shop");
    expectError(await graph(h, "POST", `/${other.userId}/media`, { access_token: token, image_url: img("/square.jpg") }), 100, 33);
  });

  it("needs the publish permission and a professional account", async () => {
    await h.admin("/accounts", { platform: "instagram", username: "shop", accountType: "PERSONAL" });
    expectError(await create({ image_url: img("/square.jpg") }), 10);
  });
});

describe("Instagram carousel", () => {
  async function children(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(String((await create({ image_url: img("/square.jpg"), is_carousel_item: "true" })).body.id));
    return ids;
  }

  it("publishes a carousel as one CAROUSEL_ALBUM with children", async () => {
    const kids = await children(3);
    const parent = await create({ media_type: "CAROUSEL", children: kids.join(","), caption: "Three slides" });
    expect(parent.status).toBe(200);
    await after(1_500);
    const published = await publish(String(parent.body.id));
    expect(published.status).toBe(200);
    const media = await read(String(published.body.id), "id,media_type,permalink,children{id,media_type,media_url}");
    expect(media.body).toMatchObject({ media_type: "CAROUSEL_ALBUM", permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\/[\w-]+\/$/) });
    const kidsData = (media.body.children as { data: { id: string; media_type: string; media_url: string }[] }).data;
    expect(kidsData).toHaveLength(3);
    expect(kidsData[0]).toMatchObject({ media_type: "IMAGE" });
    expect((await fetch(kidsData[0]!.media_url)).headers.get("content-type")).toBe("image/jpeg");
    const limit = await graph(h, "GET", `/${userId}/content_publishing_limit`, { access_token: token, fields: "quota_usage,config" });
    expect(limit.body).toEqual({ data: [{ quota_usage: 1, config: { quota_total: 50, quota_duration: 86400 } }] });
  });

  it("accepts children as a JSON array", async () => {
    const kids = await children(2);
    expect((await create({ media_type: "CAROUSEL", children: JSON.stringify(kids) })).status).toBe(200);
  });

  it("needs 2–10 children (100/2207028)", async () => {
    const kids = await children(11);
    expectError(await create({ media_type: "CAROUSEL", children: kids[0]! }), 100, 2207028);
    expectError(await create({ media_type: "CAROUSEL", children: kids.join(",") }), 100, 2207028);
  });

  it("refuses children that are not carousel items, unknown or another user's (code 100)", async () => {
    const [kid] = await children(1);
    const single = String((await create({ image_url: img("/square.jpg") })).body.id);
    expectError(await create({ media_type: "CAROUSEL", children: `${kid},${single}` }), 100);
    expectError(await create({ media_type: "CAROUSEL", children: `${kid},17901200000000999` }), 100);
  });

  it("refuses to publish a carousel item on its own", async () => {
    const [kid] = await children(1);
    await after(1_500);
    expectError(await publish(kid!), 100);
  });
});

describe("Instagram publishing quota", () => {
  it("returns 9/2207042 once quota_total posts were published in 24 h, and recovers after", async () => {
    await h.admin("/settings", { igQuotaTotal: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(String((await create({ image_url: img("/square.jpg") })).body.id));
    await after(1_500);
    expect((await publish(ids[0]!)).status).toBe(200);
    expect((await publish(ids[1]!)).status).toBe(200);
    expectError(await publish(ids[2]!), 9, 2207042);
    const usage = await graph(h, "GET", `/${userId}/content_publishing_limit`, { access_token: token });
    expect(usage.body).toEqual({ data: [{ quota_usage: 2 }] });
    await after(86_400_000);
    const fresh = String((await create({ image_url: img("/square.jpg") })).body.id);
    await after(1_500);
    expect((await publish(fresh)).status).toBe(200);
  });

  it("accepts rate_limit_settings as an alias and refuses a since older than 24 h", async () => {
    const limit = await graph(h, "GET", `/${userId}/content_publishing_limit`, { access_token: token, fields: "rate_limit_settings" });
    expect(limit.body).toEqual({ data: [{ rate_limit_settings: { quota_total: 50, quota_duration: 86400 } }] });
    const old = Math.floor((Date.now() - 2 * 86_400_000) / 1000);
    expectError(await graph(h, "GET", `/${userId}/content_publishing_limit`, { access_token: token, since: String(old) }), 100);
  });
});
