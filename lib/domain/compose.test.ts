import { describe, expect, it } from "vitest";
import {
  type ComposeSource,
  EMPTY_COMPOSE,
  applySlot,
  captionStats,
  captionTokens,
  composeInstant,
  createBodies,
  editBlocker,
  editChanges,
  readComposeLink,
  scheduleBlockers,
  slideBadges,
  slideLimit,
  stateFromPost,
} from "./compose";

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

describe("opening the composer on a post", () => {
  const post = {
    id: "11111111-1111-4111-8111-111111111111",
    account_id: "acc-1",
    status: "scheduled" as const,
    caption: "Spring #sale",
    music_post_id: "7448335796416843001",
    // 01:30 in Berlin, half an hour before the clocks go forward (2026-03-29 02:00 → 03:00).
    scheduled_at: "2026-03-29T00:30:00.000Z",
    strict: true,
    updated_at: "2026-03-01T10:00:00.123Z",
  };
  const slides = [slide(1080, 1920, "image/jpeg", "b"), slide(1080, 1350, "image/png", "a")];
  const edit: ComposeSource = { mode: "edit", post, slides };

  it("edits with everything the post has, its time read in the viewer's zone", () => {
    expect(stateFromPost(edit, "Europe/Berlin")).toEqual({
      slides,
      caption: "Spring #sale",
      target: { mode: "account", accountId: "acc-1" },
      strict: true,
      copies: 1,
      when: { mode: "at", local: "2026-03-29T01:30" },
      soundPostId: "7448335796416843001",
    });
    expect(stateFromPost(edit, "America/New_York").when).toEqual({ mode: "at", local: "2026-03-28T20:30" });
  });

  it("duplicates the content and account but not the time, which the original holds", () => {
    const state = stateFromPost({ ...edit, mode: "duplicate" }, "Europe/Berlin");
    expect(state).toMatchObject({ slides, caption: "Spring #sale", target: { mode: "account", accountId: "acc-1" }, strict: true, soundPostId: post.music_post_id });
    expect(state.when).toEqual({ mode: "now" });
  });

  it("sends an unchanged time as no time (the post keeps its slot), and a changed one as the instant", () => {
    const zone = "Europe/Berlin";
    const untouched = editChanges(stateFromPost(edit, zone), edit, zone);
    expect(untouched).toEqual({
      postNow: false,
      body: {
        postId: post.id,
        accountId: "acc-1",
        imageUrls: slides.map((s) => s.url),
        caption: "Spring #sale",
        musicPostId: "7448335796416843001",
        strict: true,
        expectedUpdatedAt: "2026-03-01T10:00:00.123Z",
      },
    });
    // 03:30 on the night the clocks go forward is already summer time (UTC+2).
    const moved = editChanges({ ...stateFromPost(edit, zone), when: { mode: "at", local: "2026-03-29T03:30" } }, edit, zone);
    expect(moved.body.postTime).toBe("2026-03-29T01:30:00.000Z");
    const now = editChanges({ ...stateFromPost(edit, zone), when: { mode: "now" } }, edit, zone);
    expect(now).toMatchObject({ postNow: true });
    expect(now.body).not.toHaveProperty("postTime");
  });

  it("sends a removed sound as null, a new account and the slides in their new order", () => {
    const zone = "America/New_York";
    const state = { ...stateFromPost(edit, zone), soundPostId: null, target: { mode: "account" as const, accountId: "acc-2" }, slides: [...slides].reverse() };
    expect(editChanges(state, edit, zone).body).toMatchObject({ musicPostId: null, accountId: "acc-2", imageUrls: [slides[1]!.url, slides[0]!.url] });
  });

  it.each([
    ["scheduled", null],
    ["failed", null],
    ["complete", /published: only scheduled and failed posts can be changed/],
    ["pending", /publishing right now/],
    ["awaiting_creator", /awaiting creator right now/],
    ["deleted", /deleted/],
  ] as const)("a %s post can be edited: %s", (status, why) => {
    const r = editBlocker(status);
    if (why === null) expect(r).toBeNull();
    else expect(r).toMatch(why);
  });
});

describe("readComposeLink", () => {
  it.each([
    [{}, { kind: "new" }, null],
    [{ edit: "p1" }, { kind: "edit", postId: "p1" }, null],
    [{ duplicate: ["p2", "p3"] }, { kind: "duplicate", postId: "p2" }, null],
    [{ account: "a1", at: "2026-12-03T17:00:00Z" }, { kind: "slot", slot: { target: { mode: "account", accountId: "a1" }, at: "2026-12-03T17:00:00.000Z" } }, null],
    [{ tag: "fit", orgGroup: "acme", at: "2026-12-03T12:00:00-05:00" }, { kind: "slot", slot: { target: { mode: "auto", tag: "fit", userGroup: null, orgGroup: "acme" }, at: "2026-12-03T17:00:00.000Z" } }, null],
    [{ account: "a1", at: "2026-12-03T17:00" }, { kind: "slot", slot: { target: { mode: "account", accountId: "a1" }, at: null } }, /not a time with a zone/],
    [{ at: "soon" }, { kind: "new" }, /not a time with a zone/],
    [{ account: "  " }, { kind: "new" }, null],
  ])("%j", (params, link, problem) => {
    const r = readComposeLink(params);
    expect(r.link).toEqual(link);
    if (problem === null) expect(r.problem).toBeNull();
    else expect(r.problem).toMatch(problem);
  });
});

describe("applySlot", () => {
  const draft = { ...EMPTY_COMPOSE, slides: [slide(1080, 1920)], caption: "kept", copies: 4, strict: true, target: { mode: "auto" as const, tag: "x", userGroup: null, orgGroup: null } };

  it("aims the draft at the slot's account and time, keeping images, caption and strictness", () => {
    const r = applySlot(draft, { target: { mode: "account", accountId: "a1" }, at: "2026-12-03T17:00:00.000Z" }, "America/New_York", ["a1"]);
    expect(r.problem).toBeNull();
    expect(r.state).toEqual({ ...draft, target: { mode: "account", accountId: "a1" }, copies: 1, when: { mode: "at", local: "2026-12-03T12:00" } });
  });

  it("takes a pool's filters, and refuses an account the organization does not have", () => {
    const pool = applySlot(EMPTY_COMPOSE, { target: { mode: "auto", tag: "fit", userGroup: "eu", orgGroup: null }, at: null }, "UTC", []);
    expect(pool.state.target).toEqual({ mode: "auto", tag: "fit", userGroup: "eu", orgGroup: null });
    expect(pool.state.when).toEqual({ mode: "now" });
    const foreign = applySlot(draft, { target: { mode: "account", accountId: "theirs" }, at: "2026-12-03T17:00:00.000Z" }, "UTC", ["a1"]);
    expect(foreign.state.target).toEqual(draft.target);
    expect(foreign.state.when).toEqual({ mode: "at", local: "2026-12-03T17:00" });
    expect(foreign.problem).toMatch(/not in this organization/);
  });
});
