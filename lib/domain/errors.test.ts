import { describe, expect, it } from "vitest";
import { AppError, formatPath } from "./errors";

describe("formatPath", () => {
  it.each([
    [["caption"], "caption"],
    [["imageUrls", 1], "imageUrls[1]"],
    [["posts", 0, "imageUrls", 2], "posts[0].imageUrls[2]"],
    [[], ""],
  ])("%j → %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe("AppError", () => {
  it.each([
    ["validation_error", 400],
    ["unauthorized", 401],
    ["not_found", 404],
    ["conflict", 409],
    ["payload_too_large", 413],
    ["media_error", 422],
  ] as const)("%s has status %i", (kind, status) => {
    expect(new AppError(kind, "x").status).toBe(status);
  });
});
