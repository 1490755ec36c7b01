// Opening the composer on a post (?edit= / ?duplicate=): the post's images come back as slides
// in order, with the stored size and type and the thumbnail beside each original; another
// organization's post, an unknown id and a malformed one all read as "not found", never a crash.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "@/lib/server/context";
import { ingestUploadedImage } from "@/lib/server/media/ingest";
import { openTestContext } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import { openComposer } from "./compose";
import { createSlideshow } from "./posts";

let ctx: AppContext;
let orgId: string;
let otherOrgId: string;
beforeAll(async () => {
  ctx = await openTestContext();
  orgId = (await makeOrganization(ctx.db)).organization.id;
  otherOrgId = (await makeOrganization(ctx.db, "Elsewhere")).organization.id;
});
afterAll(async () => {
  await ctx.close();
});

async function stored(organizationId: string, width: number, height: number, png = false) {
  const img = sharp({ create: { width, height, channels: 3, background: "#334155" } });
  const bytes = await (png ? img.png() : img.jpeg()).toBuffer();
  const r = await ingestUploadedImage(ctx.db, { organizationId, bytes, config: ctx.config });
  if (!r.ok) throw r.error;
  return r.value;
}

describe("openComposer", () => {
  it("gives the post with its images as slides, in order, thumbnails beside the originals", async () => {
    const tall = await stored(orgId, 1080, 1920);
    const square = await stored(orgId, 1080, 1080, true);
    const accountId = (await makeAccount(ctx.db, orgId)).id;
    const now = new Date();
    const made = await createSlideshow(ctx, orgId, { accountId, imageUrls: [square.url, tall.url, square.url], caption: "three", musicPostId: "7448335796416843001" }, now);
    if (!made.ok) throw made.error;

    const { source, problem } = await openComposer(ctx, orgId, { kind: "edit", postId: made.value.id });
    expect(problem).toBeNull();
    expect(source).toMatchObject({ mode: "edit", post: { id: made.value.id, caption: "three", music_post_id: "7448335796416843001", account_id: accountId, updated_at: made.value.updated_at } });
    expect(source!.slides.map((s) => ({ url: s.url, w: s.width, h: s.height, type: s.mimeType }))).toEqual([
      { url: square.url, w: 1080, h: 1080, type: "image/png" },
      { url: tall.url, w: 1080, h: 1920, type: "image/jpeg" },
      { url: square.url, w: 1080, h: 1080, type: "image/png" },
    ]);
    expect(source!.slides[1]).toMatchObject({ mediaId: tall.mediaId, thumbnailUrl: tall.url.replace(/\.jpg$/, ".t1.webp") });
    expect(new Set(source!.slides.map((s) => s.id)).size).toBe(3);
  });

  it.each([
    ["another organization's post", async () => {
      const img = await stored(otherOrgId, 1080, 1920);
      const made = await createSlideshow(ctx, otherOrgId, { accountId: (await makeAccount(ctx.db, otherOrgId)).id, imageUrls: [img.url] }, new Date());
      if (!made.ok) throw made.error;
      return made.value.id;
    }],
    ["an unknown id", async () => "00000000-0000-4000-8000-000000000000"],
    ["a malformed id", async () => "../../etc"],
  ])("says %s was not found", async (_, id) => {
    const r = await openComposer(ctx, orgId, { kind: "duplicate", postId: await id() });
    expect(r.source).toBeNull();
    expect(r.problem).toMatch(/^The post to duplicate was not found in this organization/);
  });
});
