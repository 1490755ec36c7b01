import { describe, expect, it } from "vitest";
import { findUnstorableText, unstorableReason } from "./text";

describe("unstorableReason", () => {
  it.each([
    ["plain", null],
    ["emoji 😀 and ünïcödé", null],
    ["nul \u0000 inside", /NUL/],
    ["lone high \ud800 surrogate", /unpaired surrogate/],
    ["lone low \udc00 surrogate", /unpaired surrogate/],
    ["reversed pair \udc00\ud800", /unpaired surrogate/],
    ["\ud83d", /unpaired surrogate/],
  ])("%j", (s, expected) => {
    const r = unstorableReason(s);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toMatch(expected);
  });
});

describe("findUnstorableText", () => {
  it("names the field, with indexes, of the first bad string", () => {
    expect(findUnstorableText({ caption: "ok", imageUrls: ["a", "b\u0000"] })).toEqual({
      path: "imageUrls[1]",
      message: expect.stringMatching(/NUL/),
    });
    expect(findUnstorableText({ posts: [{ caption: "ok" }, { tag: "x", caption: "\udfff" }] })?.path).toBe("posts[1].caption");
  });
  it("checks field names too", () => {
    expect(findUnstorableText({ "bad\u0000key": 1 })?.message).toMatch(/field name/);
  });
  it("passes numbers, booleans, nulls and clean nesting", () => {
    expect(findUnstorableText({ a: [1, true, null, { b: "fine" }] })).toBeNull();
  });
  it("a bare bad string is the body", () => {
    expect(findUnstorableText("\u0000")?.path).toBe("body");
  });
});
