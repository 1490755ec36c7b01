import { describe, expect, it } from "vitest";
import {
  WEEKDAYS,
  defaultDailyCap,
  defaultPostingTimes,
  listAccountsSchema,
  postingTimesSchema,
  toWeeklyPostingTimes,
  updateAccountsSchema,
} from "./accounts";

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

describe("postingTimes", () => {
  it("turns a daily list into every weekday, sorted and deduplicated", () => {
    const weekly = toWeeklyPostingTimes(postingTimesSchema.parse(["18:00", "09:30", "18:00"]));
    for (const day of WEEKDAYS) expect(weekly[day]).toEqual(["09:30", "18:00"]);
  });

  it("keeps per-day times and leaves missing days empty", () => {
    const weekly = toWeeklyPostingTimes(postingTimesSchema.parse({ mon: ["10:00"], sat: [] }));
    expect(weekly).toEqual({ mon: ["10:00"], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
  });

  it.each([[["24:00"]], [["9:00"]], [{ monday: ["10:00"] }], ["09:00"]])("rejects %j", (input) => {
    expect(postingTimesSchema.safeParse(input).success).toBe(false);
  });
});

describe("updateAccountsSchema", () => {
  const id = "0b6b1c1e-8f2a-4c55-9d7e-2f1a3b4c5d6e";
  it("needs accountIds or accountId", () => {
    const r = updateAccountsSchema.safeParse({ tag: "x" });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path).toEqual(["accountIds"]);
    expect(updateAccountsSchema.safeParse({ accountId: id, tag: null }).success).toBe(true);
  });
  it.each([
    [{ accountIds: [id], minGapMinutes: -1 }, "minGapMinutes"],
    [{ accountIds: [id], dailyCap: 0 }, "dailyCap"],
    [{ accountIds: [id], paused: "yes" }, "paused"],
    [{ accountIds: ["nope"] }, "accountIds"],
  ])("rejects %j at %s", (input, field) => {
    const r = updateAccountsSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path[0]).toBe(field);
  });
});
