import { describe, expect, it } from "vitest";
import { checkPostTime, countHashtags, createSlideshowSchema, describeFilters, platformIssues, replacementOf } from "./posts";

const NOW = new Date("2030-01-01T12:00:00Z");

describe("checkPostTime", () => {
  it.each([
    [undefined, null],
    ["2030-01-01T12:00:00Z", null],
    ["2030-01-01T11:59:01Z", null],
    ["2030-01-01T11:58:59Z", "postTime"],
    ["2030-01-01T13:59:00+02:00", null],
    ["2030-01-01T13:58:00+02:00", "postTime"],
  ])("%s → %s", (t, path) => {
    expect(checkPostTime(t, NOW)?.path ?? null).toBe(path);
  });
});

describe("countHashtags", () => {
  it.each([
    ["", 0],
    ["#one #two three", 2],
    ["#über #日本 #a_b", 3],
    ["mail@x.com a#b &#39;", 0],
    ["(#wrapped) end#", 1],
  ])("%j has %i", (text, n) => {
    expect(countHashtags(text)).toBe(n);
  });
});

describe("platformIssues: can this platform carry the post", () => {
  const tags = (n: number) => Array.from({ length: n }, (_, i) => `#t${i}`).join(" ");
  it.each([
    ["tiktok", { musicPostId: "1", imageCount: 35, caption: tags(40) }, []],
    ["instagram", { imageCount: 10, caption: tags(30) }, []],
    ["instagram", { musicPostId: "1", imageCount: 1 }, ["musicPostId"]],
    ["instagram", { imageCount: 11 }, ["imageUrls"]],
    ["instagram", { imageCount: 2, caption: tags(31) }, ["caption"]],
    ["instagram", { musicPostId: null, imageCount: 2 }, []],
  ] as const)("%s %j → %j", (platform, post, paths) => {
    expect(platformIssues(platform, post).map((i) => i.path)).toEqual(paths);
  });
});

describe("describeFilters", () => {
  it("names the filters, and TikTok-only pools", () => {
    expect(describeFilters({}, false)).toBe("all accounts");
    expect(describeFilters({ tag: "a", org_group: "c" }, false)).toBe("tag=a, org_group=c");
    expect(describeFilters({ user_group: "b" }, true)).toBe("user_group=b, platform=tiktok (sound or more than 10 images)");
  });
});

describe("createSlideshowSchema", () => {
  const base = { accountId: null, imageUrls: ["https://x.test/a.jpg"] };
  it("requires the accountId key but allows null", () => {
    expect(createSlideshowSchema.safeParse(base).success).toBe(true);
    expect(createSlideshowSchema.safeParse({ imageUrls: base.imageUrls }).success).toBe(false);
  });
  it("counts the caption in code points", () => {
    expect(createSlideshowSchema.safeParse({ ...base, caption: "😀".repeat(500) }).success).toBe(true);
    expect(createSlideshowSchema.safeParse({ ...base, caption: "😀".repeat(501) }).success).toBe(false);
  });
  it("accepts postTime with Z or an offset, not without", () => {
    expect(createSlideshowSchema.safeParse({ ...base, postTime: "2030-01-01T10:00:00+05:30" }).success).toBe(true);
    expect(createSlideshowSchema.safeParse({ ...base, postTime: "2030-01-01T10:00:00" }).success).toBe(false);
  });
});

describe("times on the wire", () => {
  it.each([
    ["2026-12-31T12:00:00Z", true],
    ["2028-02-29T12:00:00+01:00", true],
    ["2026-02-30T12:00:00Z", false],
    ["2026-04-31T08:00:00-05:00", false],
    ["9999-12-31T23:59:59Z", false],
    ["1900-01-01T00:00:00Z", false],
    ["2026-12-31T12:00:00", false],
  ])("postTime %s accepted: %s", (postTime, accepted) => {
    const r = createSlideshowSchema.safeParse({ accountId: null, imageUrls: ["https://example.com/a.jpg"], postTime });
    expect(r.success).toBe(accepted);
  });
});

describe("replacementOf: does an update re-place its post, and from when", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const current = { accountId: "a", strict: false, scheduledAt: new Date("2026-06-02T09:00:00Z") };
  it("keeps the slot when time, strictness and account stay", () => {
    expect(replacementOf(current, { accountId: "a", strict: false }, now)).toBeNull();
  });
  it("starts from a new time, else from the current slot, else from now once that has passed", () => {
    expect(replacementOf(current, { accountId: "a", strict: false, postTime: "2026-06-03T10:00:00Z" }, now)).toEqual({ from: new Date("2026-06-03T10:00:00Z") });
    expect(replacementOf(current, { accountId: "b", strict: false }, now)).toEqual({ from: current.scheduledAt });
    const past = { ...current, scheduledAt: new Date("2026-05-30T09:00:00Z") };
    expect(replacementOf(past, { accountId: "a", strict: true }, now)).toEqual({ from: now });
  });
});
