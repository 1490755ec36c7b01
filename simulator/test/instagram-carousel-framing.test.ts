// Instagram shows every carousel item in the first item's aspect ratio, centre-cropped
// (platforms.md §2.5). The simulator records that shape and what each item loses, in feed.json.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { croppedFraction } from "../instagram/framing";
import { startHarness, type Harness } from "./harness";
import { graph, igToken } from "./instagram-client";

type Shape = { width: number; height: number; ratio: number };
type FeedCarousel = { shape: Shape; items: (Shape & { image: string | null; cropped: number })[] };
type FeedItem = { platform: string; postId: string; note: string; images: string[]; carousel: FeedCarousel | null };

let h: Harness;
let token: string;
let userId: string;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin("/reset", {});
  ({ accessToken: token, userId } = await igToken(h, "shop"));
});

const create = async (params: Record<string, string>) => {
  const res = await graph(h, "POST", `/${userId}/media`, { access_token: token, ...params });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return String(res.body.id);
};

/** Publishes a carousel of the fixture images at `paths`; the published media id. */
async function carousel(paths: string[]): Promise<string> {
  const children: string[] = [];
  for (const path of paths) children.push(await create({ image_url: `${h.images.url}${path}`, is_carousel_item: "true" }));
  const parent = await create({ media_type: "CAROUSEL", children: children.join(",") });
  await h.admin("/clock", { advanceMs: 2_000 });
  const published = await graph(h, "POST", `/${userId}/media_publish`, { access_token: token, creation_id: parent });
  expect(published.status).toBe(200);
  return String(published.body.id);
}

async function feed(): Promise<FeedItem[]> {
  return ((await (await fetch(`${h.sim.url}/feed.json`)).json()) as { items: FeedItem[] }).items;
}

describe("carousel framing in feed.json", () => {
  it("takes the shape from the first item's pulled pixels and reports what the others lose", async () => {
    const mediaId = await carousel(["/square.jpg", "/portrait.jpg", "/landscape.jpg"]);
    const [item] = await feed();
    expect(item).toMatchObject({ platform: "instagram", postId: mediaId });
    expect(item!.carousel!.shape).toEqual({ width: 1080, height: 1080, ratio: 1 });
    expect(item!.carousel!.items).toEqual([
      { width: 1080, height: 1080, ratio: 1, cropped: 0, image: item!.images[0] },
      // 1080×1350 shown square: 270 of 1350 rows go; 1600×900: 700 of 1600 columns go.
      { width: 1080, height: 1350, ratio: 0.8, cropped: 0.2, image: item!.images[1] },
      { width: 1600, height: 900, ratio: 1.7778, cropped: 0.4375, image: item!.images[2] },
    ]);
    expect(item!.note).toBe("carousel of 3, shape 1080×1080 (ratio 1), item 2 cropped 20.0%, item 3 cropped 43.8%");
  });

  it("crops nothing when the shapes match, whatever the size, and a pixel of rounding is not a crop", async () => {
    await carousel(["/square.jpg", "/huge.jpg", "/almost-square.jpg"]);
    const [item] = await feed();
    expect(item!.carousel!.items.map((i) => i.cropped)).toEqual([0, 0, 0]);
    expect(item!.note).toContain("nothing cropped");
  });

  it("follows the first item: a portrait first crops a square second", async () => {
    await carousel(["/portrait.jpg", "/square.jpg"]);
    const [item] = await feed();
    expect(item!.carousel!.shape).toEqual({ width: 1080, height: 1350, ratio: 0.8 });
    expect(item!.carousel!.items[1]!.cropped).toBe(0.2); // 1080 wide → 864 kept
  });

  it("has no carousel framing for single images, and draws carousel items cropped on the page", async () => {
    const single = await create({ image_url: `${h.images.url}/landscape.jpg` });
    await h.admin("/clock", { advanceMs: 2_000 });
    await graph(h, "POST", `/${userId}/media_publish`, { access_token: token, creation_id: single });
    await carousel(["/square.jpg", "/portrait.jpg"]);
    const items = await feed();
    expect(items.map((i) => i.carousel === null)).toEqual([false, true]);

    const page = await (await fetch(`${h.sim.url}/`)).text();
    expect(page).toContain("item 2 cropped 20.0%");
    expect(page).toContain('style="aspect-ratio:1080/1080;object-fit:cover"');
  });
});

describe("croppedFraction", () => {
  it.each([
    [1080, 1080, 1, 0],
    [1080, 1920, 1, 0.4375],
    [1920, 1080, 0.8, 0.55],
    [1440, 1800, 0.8, 0],
    [1013, 1800, 0.8, 0.2967], // 1266 of 1800 rows kept
    [1081, 1080, 1, 0], // one column: rounding
    [1082, 1080, 1, 0.0018],
    [1440, 754, 1910 / 1000, 0],
  ])("%ix%i shown at ratio %d loses %d", (width, height, ratio, expected) => {
    expect(croppedFraction({ width, height }, ratio)).toBe(expected);
  });
});
