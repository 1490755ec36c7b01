import { existsSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaObjects } from "@/db/schema";
import type { AppContext } from "@/lib/server/context";
import { installAppContext, openTestContext } from "@/test/db";
import { makeApiKey, makeOrganization } from "@/test/factories";
import { type FixtureImages, fixtureImages } from "@/test/media-fixtures";
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

async function keyFor() {
  const { organization } = await makeOrganization(ctx.db);
  const { key } = await makeApiKey(ctx.db, organization.id);
  return { organizationId: organization.id, auth: { authorization: `Bearer ${key}` } };
}

function upload(headers: Record<string, string>, body: FormData | string) {
  return POST(new Request("http://test/api/v1/media", { method: "POST", headers, body }));
}

function formWith(file: Buffer | string, name = "file", type = "image/jpeg") {
  const form = new FormData();
  if (typeof file === "string") form.append(name, file);
  else form.append(name, new Blob([new Uint8Array(file)], { type }), "upload.jpg");
  return form;
}

function twoFiles() {
  const form = formWith(images.portraitJpeg);
  form.append("file", new Blob([new Uint8Array(images.squareJpeg)], { type: "image/jpeg" }), "second.jpg");
  return form;
}

type Envelope = {
  ok: boolean;
  code: number;
  message: string;
  data: Record<string, unknown> | null;
  error?: { type: string; details: { path: string; message: string }[] };
};

describe("POST /api/v1/media", () => {
  it("stores a JPEG and answers 201 with the media object", async () => {
    const { organizationId, auth } = await keyFor();
    const res = await upload(auth, formWith(images.portraitJpeg));
    expect(res.status).toBe(201);
    const body = (await res.json()) as Envelope;
    expect(body).toMatchObject({ ok: true, code: 201 });
    const data = body.data!;
    expect(Object.keys(data).sort()).toEqual(["bytes", "height", "id", "mime_type", "sha256", "thumbnail_url", "url", "warnings", "width"]);
    expect(data).toMatchObject({
      mime_type: "image/jpeg",
      width: 1080,
      height: 1920,
      bytes: images.portraitJpeg.length,
      url: `${ctx.config.publicBaseUrl}/media/${String(data.sha256)}.jpg`,
      warnings: [],
    });
    const rows = await ctx.db.select().from(mediaObjects).where(eq(mediaObjects.organizationId, organizationId));
    expect(rows.map((r) => [r.id, r.source])).toEqual([[data.id, "upload"]]);
    expect(existsSync(path.join(ctx.config.mediaDir, `${String(data.sha256)}.jpg`))).toBe(true);
  });

  it("warns about a ratio other than 9:16", async () => {
    const { auth } = await keyFor();
    const res = await upload(auth, formWith(images.squareJpeg));
    expect(res.status).toBe(201);
    expect(((await res.json()) as Envelope).data?.warnings).toEqual([
      "image is 1080x1080 (1:1); 9:16 (e.g. 1080x1920) is recommended",
    ]);
  });

  it.each([
    ["no file field", () => formWith(images.portraitJpeg, "image"), "file: is required"],
    ["a text field named file", () => formWith("not a file"), "file: must be a file, not a text field"],
    ["a JSON body", () => JSON.stringify({ file: "x" }), "file: must be sent as multipart/form-data"],
    ["two files", () => twoFiles(), "file: must be a single file"],
  ])("answers %s with 400 naming file", async (_label, body, message) => {
    const { auth } = await keyFor();
    const headers = typeof body() === "string" ? { ...auth, "content-type": "application/json" } : auth;
    const res = await upload(headers, body());
    expect(res.status).toBe(400);
    const envelope = (await res.json()) as Envelope;
    expect(envelope).toMatchObject({ ok: false, code: 400, message, error: { type: "validation_error" } });
    expect(envelope.error?.details[0]?.path).toBe("file");
  });

  it("answers a broken multipart body with 400", async () => {
    const { auth } = await keyFor();
    const res = await upload({ ...auth, "content-type": "multipart/form-data; boundary=xyz" }, "garbage");
    expect(res.status).toBe(400);
    expect(((await res.json()) as Envelope).message).toBe("file: must be sent as multipart/form-data");
  });

  it.each([
    ["a 6 MB file (over the body limit)", () => images.bigJpeg],
    ["a file just over 5 MB (under the body limit)", () => images.bigJpeg.subarray(0, 5 * 1024 * 1024 + 10_000)],
  ])("answers %s with 413", async (_label, bytes) => {
    const { organizationId, auth } = await keyFor();
    const res = await upload(auth, formWith(bytes()));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      code: 413,
      message: "file: larger than 5 MB",
      error: { type: "payload_too_large", details: [{ path: "file" }] },
    });
    expect(await ctx.db.select().from(mediaObjects).where(eq(mediaObjects.organizationId, organizationId))).toEqual([]);
  });

  it("answers 413 from Content-Length alone, before reading the body", async () => {
    const { auth } = await keyFor();
    const headers = { ...auth, "content-type": "multipart/form-data; boundary=xyz", "content-length": "6000000" };
    const res = await upload(headers, "--xyz--");
    expect(res.status).toBe(413);
  });

  it.each([
    ["HTML", () => Buffer.from("<!doctype html><p>hi"), "file: not a JPEG or PNG image (looks like HTML)"],
    ["a GIF", () => images.gif, "file: not a JPEG or PNG image (looks like GIF)"],
  ])("answers %s with 422 media_error", async (_label, file, message) => {
    const { auth } = await keyFor();
    const res = await upload(auth, formWith(file()));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 422, message, error: { type: "media_error", details: [{ path: "file" }] } });
  });

  it("answers a missing key with 401", async () => {
    const res = await upload({}, formWith(images.portraitJpeg));
    expect(res.status).toBe(401);
  });
});
