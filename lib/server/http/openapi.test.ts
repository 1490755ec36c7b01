import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

type Op = { requestBody: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, { content: Record<string, { schema: { $ref?: string } }> }> };
type Schema = { $ref?: string; properties: Record<string, { $ref?: string; items?: { $ref?: string } }>; required: string[]; additionalProperties: boolean };

/** Every value under `node` with the JSON Pointer that reaches it. */
function* walk(node: unknown, pointer = "#"): Generator<[string, unknown]> {
  yield [pointer, node];
  if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) yield* walk(value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  }
}

/** Resolves a local reference ("#/a/b") from the document's root, as OpenAPI 3.1 tools do. */
function resolve(root: unknown, ref: string): unknown {
  return ref
    .replace(/^#\/?/, "")
    .split("/")
    .filter(Boolean)
    .map((t) => decodeURIComponent(t).replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((at, token) => (at && typeof at === "object" ? (at as Record<string, unknown>)[token] : undefined), root);
}

describe("openApiDocument", () => {
  const doc = openApiDocument("https://postdeck.example") as {
    openapi: string;
    servers: { url: string }[];
    paths: Record<string, { post: Op }>;
    components: { schemas: Record<string, Schema> };
  };
  const schemas = doc.components.schemas;
  const bodyOf = (path: string) => doc.paths[path]!.post.requestBody.content["application/json"]!.schema;
  const okOf = (path: string, status = "200") => doc.paths[path]!.post.responses[status]!.content["application/json"]!.schema;
  const component = (s: { $ref?: string }) => resolve(doc, s.$ref ?? "") as Schema;

  it("is OpenAPI 3.1 with every endpoint of the API", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]?.url).toBe("https://postdeck.example/api/v1");
    expect(Object.keys(doc.paths).sort()).toEqual(
      ["/accounts", "/accounts/update-info", "/media", "/post", "/post/delete", "/post/preview-schedule", "/post/retry", "/post/slideshow", "/post/slideshow/batch", "/post/status", "/post/update"].sort(),
    );
  });

  it("describes the create body from the request schema, unknown fields refused", () => {
    const schema = component(bodyOf("/post/slideshow"));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["accountId", "tag", "user_group", "org_group", "imageUrls", "caption", "musicPostId", "postTime", "strict"]),
    );
    expect(schema.required).toEqual(expect.arrayContaining(["accountId", "imageUrls"]));
    expect(schema.additionalProperties).toBe(false);
    expect(doc.paths["/post/slideshow"]!.post.responses).toHaveProperty("201");
    expect(doc.paths["/post/slideshow"]!.post.responses).toHaveProperty("409");
  });

  it("resolves every $ref from the document's root, and each points into components/schemas", () => {
    const refs = [...walk(doc)].filter(([pointer]) => pointer.endsWith("/$ref")).map(([pointer, ref]) => ({ pointer, ref }));
    expect(refs.length).toBeGreaterThan(0);
    for (const { pointer, ref } of refs) {
      expect(ref, pointer).toMatch(/^#\/components\/schemas\/[A-Za-z0-9_.-]+$/);
      expect(resolve(doc, ref as string), `${pointer}: ${String(ref)}`).toBeTypeOf("object");
    }
  });

  it("embeds no $defs (nor $id or $schema) anywhere", () => {
    const keys = [...walk(doc)].map(([pointer]) => pointer.split("/").pop()!);
    expect(keys).not.toContain("$defs");
    expect(keys).not.toContain("definitions");
    expect(keys).not.toContain("$id");
    expect(keys).not.toContain("$schema");
  });

  it("shares the post, account and error objects as components", () => {
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(["Post", "Account", "Error", "Selection", "Media", "SchedulePreview", "CreateSlideshow"]));
    for (const path of ["/post/slideshow", "/post/status", "/post/update"]) {
      expect(component(okOf(path, path === "/post/slideshow" ? "201" : "200")).properties.data).toEqual({ $ref: "#/components/schemas/Post" });
    }
    expect(component(okOf("/post")).properties.data).toMatchObject({ properties: { posts: { items: { $ref: "#/components/schemas/Post" } } } });
    expect(component(okOf("/accounts/update-info")).properties.data).toMatchObject({ properties: { accounts: { items: { $ref: "#/components/schemas/Account" } } } });
    expect(Object.keys(schemas.Post!.properties)).toEqual(expect.arrayContaining(["id", "account_id", "media_urls", "selection", "warnings"]));
    expect(schemas.Post!.additionalProperties).toBe(false);
    for (const [path, { post }] of Object.entries(doc.paths)) {
      for (const [status, response] of Object.entries(post.responses)) {
        if (Number(status) >= 400) expect(response.content["application/json"]!.schema, `${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
    // A batch preview's items are the create body itself, by reference.
    expect(JSON.stringify(schemas.PreviewSchedule)).toContain('"$ref":"#/components/schemas/CreateSlideshow"');
  });

  it("uses every component it defines", () => {
    const used = new Set([...walk(doc)].filter(([p]) => p.endsWith("/$ref")).map(([, ref]) => String(ref).split("/").pop()));
    expect(Object.keys(schemas).filter((name) => !used.has(name))).toEqual([]);
  });
});
