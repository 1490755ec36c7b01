// POST /api/uploads: the dashboard's session upload, into the same store with the same checks as
// POST /api/v1/media, plus a WebP thumbnail served beside the original. Roles are enforced here.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaObjects } from "@/db/schema";
import type { AppContext } from "@/lib/server/context";
import { installAppContext, openTestContext } from "@/test/db";
import { makeOrganization, memberSession, sessionFor } from "@/test/factories";
import { type FixtureImages, fixtureImages } from "@/test/media-fixtures";
import { GET as media } from "../../media/[file]/route";
import { POST } from "./route";

let ctx: AppContext;
let images: FixtureImages;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  images = await fixtureImages();
});
afterAll(async () => {
  await ctx.close();
});

function upload(headers: Headers, bytes: Buffer, name = "slide.jpg", type = "image/jpeg") {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
  return POST(new Request("http://test/api/uploads", { method: "POST", headers, body: form }));
}

const stored = async (organizationId: string) => (await ctx.db.select({ id: mediaObjects.id }).from(mediaObjects).where(eq(mediaObjects.organizationId, organizationId))).length;

describe("POST /api/uploads", () => {
  it("stores an editor's JPEG and serves its WebP thumbnail beside it", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const editor = await memberSession(ctx, organization.id, "editor");
    const res = await upload(editor, images.portraitJpeg);
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: { url: string; thumbnail_url: string; sha256: string; width: number } };
    expect(data.thumbnail_url).toBe(data.url.replace(/\.jpg$/, ".t1.webp"));
    const file = data.thumbnail_url.split("/media/")[1]!;
    const thumb = await media(new Request(data.thumbnail_url), { params: Promise.resolve({ file }) });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect(thumb.headers.get("cache-control")).toContain("immutable");
    expect(thumb.headers.get("etag")).toBe(`"${data.sha256}.t1.webp"`);
    const sharp = (await import("sharp")).default;
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta.format).toBe("webp");
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(320);
    expect(await stored(organization.id)).toBe(1);
  });

  it.each([
    ["a GIF", () => images.gif, 422, "file: not a JPEG or PNG image (looks like GIF)"],
    ["a text file named .jpg", () => Buffer.from("just some text, not an image"), 422, undefined],
    ["a 6 MB JPEG", () => Buffer.concat([images.bigJpeg, Buffer.alloc(1024 * 1024)]), 413, undefined],
  ] as const)("refuses %s like the API does, storing nothing", async (_label, bytes, status, message) => {
    const { organization, email } = await makeOrganization(ctx.db);
    const owner = await sessionFor(ctx, email, organization.id);
    const res = await upload(owner, bytes());
    expect(res.status).toBe(status);
    const body = (await res.json()) as { message: string; error: { details: { path: string }[] } };
    expect(body.error.details[0]?.path).toBe("file");
    if (message) expect(body.message).toBe(message);
    expect(await stored(organization.id)).toBe(0);
  });

  it("refuses a viewer with 403 and a visitor without a session with 401", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const viewer = await memberSession(ctx, organization.id, "viewer");
    const denied = await upload(viewer, images.portraitJpeg);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ ok: false, code: 403, error: { type: "forbidden" } });
    const anonymous = await upload(new Headers(), images.portraitJpeg);
    expect(anonymous.status).toBe(401);
    expect(await stored(organization.id)).toBe(0);
  });

  it("makes a missing thumbnail on first request from the stored original", async () => {
    const { organization, email } = await makeOrganization(ctx.db);
    const res = await upload(await sessionFor(ctx, email, organization.id), images.portraitPng, "p.png", "image/png");
    const { data } = (await res.json()) as { data: { thumbnail_url: string } };
    const file = data.thumbnail_url.split("/media/")[1]!;
    const { rmSync } = await import("node:fs");
    rmSync(`${ctx.config.mediaDir}/${file}`);
    const again = await media(new Request(data.thumbnail_url), { params: Promise.resolve({ file }) });
    expect(again.status).toBe(200);
    expect(again.headers.get("content-type")).toBe("image/webp");
  });
});
