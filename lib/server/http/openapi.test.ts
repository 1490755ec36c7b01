import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

type Op = { requestBody: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown> };

describe("openApiDocument", () => {
  const doc = openApiDocument("https://postdeck.example") as {
    openapi: string;
    servers: { url: string }[];
    paths: Record<string, { post: Op }>;
  };

  it("is OpenAPI 3.1 with every endpoint of the API", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]?.url).toBe("https://postdeck.example/api/v1");
    expect(Object.keys(doc.paths).sort()).toEqual(
      ["/accounts", "/accounts/update-info", "/media", "/post", "/post/delete", "/post/preview-schedule", "/post/retry", "/post/slideshow", "/post/status", "/post/update"].sort(),
    );
  });

  it("describes the create body from the request schema, unknown fields refused", () => {
    const schema = doc.paths["/post/slideshow"]!.post.requestBody.content["application/json"]!.schema as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["accountId", "tag", "user_group", "org_group", "imageUrls", "caption", "musicPostId", "postTime", "strict"]),
    );
    expect(schema.required).toEqual(expect.arrayContaining(["accountId", "imageUrls"]));
    expect(schema.additionalProperties).toBe(false);
    expect(doc.paths["/post/slideshow"]!.post.responses).toHaveProperty("201");
    expect(doc.paths["/post/slideshow"]!.post.responses).toHaveProperty("409");
  });
});
