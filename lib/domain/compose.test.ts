import { describe, expect, it } from "vitest";
import { EMPTY_COMPOSE, captionStats, captionTokens, composeInstant, createBodies, scheduleBlockers, slideBadges, slideLimit } from "./compose";

const slide = (width: number, height: number, mimeType: "image/jpeg" | "image/png" = "image/jpeg", id = `${width}x${height}`) => ({
  id,
  mediaId: id,
  url: `https://app.test/media/${id}.jpg`,
  thumbnailUrl: `https://app.test/media/${id}.t1.webp`,
  width,
  height,
  mimeType,
});

describe("captionStats", () => {
  it("counts code points: an emoji is one", () => {
    expect(captionStats("😀".repeat(500), null)).toMatchObject({ codePoints: 500, problem: null });
    expect(captionStats("😀".repeat(501), null).problem).toMatch(/1 characters over the limit of 500/);
  });
  it("holds Instagram to 30 hashtags, TikTok not", () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(" ");
    expect(captionStats(tags, "instagram")).toMatchObject({ hashtags: 31, maxHashtags: 30 });
    expect(captionStats(tags, "instagram").problem).toMatch(/at most 30 hashtags/);
    expect(captionStats(tags, "tiktok").problem).toBeNull();
  });
});

describe("captionTokens", () => {
  it("splits hashtags and mentions out for highlighting", () => {
    expect(captionTokens("Hi @sam, see #fyp now")).toEqual([
      { text: "Hi ", kind: "text" },
      { text: "@sam", kind: "mention" },
      { text: ", see ", kind: "text" },
      { text: "#fyp", kind: "hashtag" },
      { text: " now", kind: "text" },
    ]);
    expect(captionTokens("a&#39;b").every((t) => t.kind === "text")).toBe(true);
  });
});

describe("slideBadges", () => {
  it("marks ratio, size, PNG and Instagram padding from the same rules as the server", () => {
    const slides = [slide(1080, 1080), slide(1080, 1920, "image/png"), slide(600, 800)];
    expect(slideBadges(slides, 0, "tiktok").map((b) => b.label)).toEqual(["Not 9:16 (1:1)"]);
    expect(slideBadges(slides, 1, "tiktok").map((b) => b.label)).toEqual(["PNG → JPEG"]);
    expect(slideBadges(slides, 1, "instagram").map((b) => b.label)).toEqual(["PNG → JPEG", "Instagram pads it"]);
    expect(slideBadges(slides, 2, null).map((b) => b.label)).toEqual(["Not 9:16 (3:4)", "Small"]);
  });
  it("marks slides past the platform's limit", () => {
    const many = Array.from({ length: 11 }, (_, i) => slide(1080, 1920, "image/jpeg", `s${i}`));
    expect(slideBadges(many, 10, "instagram")[0]).toMatchObject({ tone: "error", label: "Over the limit" });
    expect(slideBadges(many, 10, "tiktok")).toEqual([]);
    expect([slideLimit("instagram"), slideLimit("tiktok"), slideLimit(null)]).toEqual([10, 35, 35]);
  });
});

describe("composeInstant", () => {
  it("reads a wall-clock time in the viewer's zone, DST included", () => {
    expect(composeInstant({ mode: "at", local: "2026-03-08T09:30" }, "America/New_York")?.toISOString()).toBe("2026-03-08T13:30:00.000Z");
    expect(composeInstant({ mode: "at", local: "2026-03-07T09:30" }, "America/New_York")?.toISOString()).toBe("2026-03-07T14:30:00.000Z");
    expect(composeInstant({ mode: "at", local: "2026-03-29T02:30" }, "Europe/Berlin")).toBeNull();
    expect(composeInstant({ mode: "now" }, "UTC")).toBeNull();
  });
});

describe("createBodies", () => {
  const base = { ...EMPTY_COMPOSE, slides: [slide(1080, 1920)], caption: "hi" };
  it("one body for an account, with the fields the API takes", () => {
    expect(createBodies({ ...base, target: { mode: "account", accountId: "a1" }, copies: 5, soundPostId: "7448335796416843001" }, new Date("2026-12-24T17:00:00Z"))).toEqual([
      { accountId: "a1", imageUrls: [base.slides[0]!.url], caption: "hi", musicPostId: "7448335796416843001", postTime: "2026-12-24T17:00:00.000Z", strict: false },
    ]);
  });
  it("one body per copy for a pool, with its filters", () => {
    const bodies = createBodies({ ...base, target: { mode: "auto", tag: "fit", userGroup: null, orgGroup: "eu" }, copies: 3, strict: true }, null);
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).toEqual({ accountId: null, tag: "fit", org_group: "eu", imageUrls: [base.slides[0]!.url], caption: "hi", strict: true });
    expect(createBodies({ ...base, target: { mode: "auto", tag: null, userGroup: null, orgGroup: null }, copies: 99 }, null)).toHaveLength(50);
  });
});

describe("scheduleBlockers", () => {
  it("says why Schedule is disabled", () => {
    expect(scheduleBlockers(EMPTY_COMPOSE, null)).toEqual(["Add at least one image", "Choose an account, or choose automatically"]);
    const ig = { ...EMPTY_COMPOSE, slides: [slide(1080, 1920)], target: { mode: "account" as const, accountId: "a" }, soundPostId: "1" };
    expect(scheduleBlockers(ig, "instagram")).toEqual(["Instagram carousels can't carry a sound: remove it or pick a TikTok account"]);
    expect(scheduleBlockers({ ...ig, soundPostId: null }, "instagram")).toEqual([]);
  });
});

describe("labelsInUse", () => {
  it("counts each label, most used first", async () => {
    const { labelsInUse } = await import("./compose");
    const a = (tag: string | null, user_group: string | null = null, org_group: string | null = null) => ({ tag, user_group, org_group });
    expect(labelsInUse([a("fit", "eu"), a("fit"), a("food", "eu", "acme"), a(null)])).toEqual({
      tag: [{ value: "fit", count: 2 }, { value: "food", count: 1 }],
      userGroup: [{ value: "eu", count: 2 }],
      orgGroup: [{ value: "acme", count: 1 }],
    });
  });
});
