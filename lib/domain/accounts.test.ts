import { describe, expect, it } from "vitest";
import { WEEKDAYS, defaultDailyCap, defaultPostingTimes, listAccountsSchema } from "./accounts";

describe("account defaults", () => {
  it("caps TikTok at 15 and Instagram at 25 posts a day", () => {
    expect(defaultDailyCap("tiktok")).toBe(15);
    expect(defaultDailyCap("instagram")).toBe(25);
  });

  it("posts at 09, 12, 15, 18 and 21 every day", () => {
    const times = defaultPostingTimes();
    expect(Object.keys(times)).toEqual([...WEEKDAYS]);
    for (const day of WEEKDAYS) expect(times[day]).toEqual(["09:00", "12:00", "15:00", "18:00", "21:00"]);
    times.mon.push("23:00");
    expect(defaultPostingTimes().mon).toHaveLength(5);
  });
});

describe("listAccountsSchema", () => {
  it("accepts no filters and every filter", () => {
    expect(listAccountsSchema.parse({})).toEqual({});
    expect(listAccountsSchema.parse({ tag: "a", user_group: "b", org_group: "c" })).toEqual({
      tag: "a",
      user_group: "b",
      org_group: "c",
    });
  });

  it.each([
    [{ tagg: "x" }, "unrecognized_keys"],
    [{ tag: 5 }, "invalid_type"],
    [{ tag: "" }, "too_small"],
    [{ user_group: "x".repeat(101) }, "too_big"],
  ])("rejects %j (%s)", (body, code) => {
    const parsed = listAccountsSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0]?.code).toBe(code);
  });
});
