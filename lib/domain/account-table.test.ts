import { describe, expect, it } from "vitest";
import { dailyCapSchema, minGapSchema } from "./accounts";
import {
  type AccountRow,
  addTime,
  checkTimes,
  copyToAllDays,
  describeAccountChange,
  describeTimesIssue,
  draftOf,
  filterAccounts,
  labelChanges,
  nextTimeFor,
  readNumberField,
  removeTime,
  setTime,
  timesIssueOfPath,
} from "./account-table";

const row = (over: Partial<AccountRow>): AccountRow => ({
  id: "a",
  platform: "tiktok",
  username: "cook",
  display_name: null,
  avatar_url: null,
  tag: null,
  user_group: null,
  org_group: null,
  timezone: "UTC",
  posting_times: {},
  min_gap_minutes: 120,
  daily_cap: 15,
  status: "active",
  last_posted_at: null,
  created_at: "2026-01-01T00:00:00.000Z",
  next_post_at: null,
  upcoming: 0,
  today: 0,
  last_error: null,
  privacy_level: null,
  ...over,
});

describe("filterAccounts", () => {
  const rows = [
    row({ id: "1", username: "cook", display_name: "The Cook", tag: "food" }),
    row({ id: "2", username: "runner", platform: "instagram", user_group: "Sports" }),
    row({ id: "3", username: "baker", tag: "food", status: "paused" }),
  ];
  it.each([
    [{ search: "@COOK" }, ["1"]],
    [{ search: "sport" }, ["2"]],
    [{ search: "the cook" }, ["1"]],
    [{ platform: "instagram" as const }, ["2"]],
    [{ status: "paused" as const }, ["3"]],
    [{ tag: "food", status: "active" as const }, ["1"]],
    [{ tag: "foo" }, []],
    [{}, ["1", "2", "3"]],
  ])("%j → %j", (filters, ids) => {
    expect(filterAccounts(rows, filters).map((r) => r.id)).toEqual(ids);
  });
});

describe("labelChanges and describeAccountChange", () => {
  it("leaves kept labels out, trims set ones and sends null for cleared ones", () => {
    expect(labelChanges({ tag: { mode: "set", value: " food " }, user_group: { mode: "keep" }, org_group: { mode: "clear" } })).toEqual({ tag: "food", org_group: null });
  });
  it.each([
    [{ tag: "food" }, 3, "Set tag “food” on 3 accounts."],
    [{ tag: "food", user_group: null }, 1, "Set tag “food” and cleared user group on 1 account."],
    [{ paused: true }, 2, "Paused on 2 accounts."],
    [{ minGapMinutes: 60, dailyCap: 4, timezone: "Europe/Berlin" }, 2, "Set the time zone to Europe/Berlin, set the minimum gap to 60 min and set the daily cap to 4 on 2 accounts."],
    [{}, 5, "Nothing changed."],
  ])("%j on %d → %s", (change, n, words) => {
    expect(describeAccountChange(change, n)).toBe(words);
  });
});

describe("the posting-times editor", () => {
  it("adds an hour after the day's last time, wrapping at midnight, or 09:00 on an empty day", () => {
    expect(nextTimeFor([])).toBe("09:00");
    expect(nextTimeFor(["10:30"])).toBe("11:30");
    expect(nextTimeFor(["23:15"])).toBe("00:15");
    expect(nextTimeFor(["12:00", "bad"])).toBe("13:00");
    const d = addTime(draftOf({ mon: ["10:00"] }), "mon");
    expect(d.mon).toEqual(["10:00", "11:00"]);
    expect(removeTime(d, "mon", 0).mon).toEqual(["11:00"]);
    expect(setTime(d, "mon", 1, "18:45").mon).toEqual(["10:00", "18:45"]);
  });

  it("copies Monday to every day", () => {
    const all = copyToAllDays(draftOf({ mon: ["09:00", "18:00"], tue: ["12:00"] }), "mon");
    expect(Object.values(all)).toEqual(Array(7).fill(["09:00", "18:00"]));
  });

  it("refuses 25:00 naming the day and entry, and sorts and merges good times", () => {
    const bad = checkTimes(draftOf({ mon: ["09:00", "25:00"], fri: ["7:00"] }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map(describeTimesIssue)).toEqual([
      "Monday, time 2: must be a time \"HH:mm\" (00:00–23:59)",
      "Friday, time 1: must be a time \"HH:mm\" (00:00–23:59)",
    ]);
    const good = checkTimes(draftOf({ mon: ["18:00", " 09:00", "18:00"] }));
    expect(good).toEqual({ ok: true, value: { mon: ["09:00", "18:00"], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
  });

  it("reads the API's paths back as day and entry", () => {
    expect(timesIssueOfPath("postingTimes.wed[3]", "bad")).toEqual({ day: "wed", index: 3, message: "bad" });
    expect(timesIssueOfPath("postingTimes.sun", "too many")).toEqual({ day: "sun", index: null, message: "too many" });
    expect(timesIssueOfPath("dailyCap", "x")).toBeNull();
  });
});

describe("readNumberField", () => {
  it.each([
    ["", minGapSchema, { ok: true, value: undefined }],
    [" 90 ", minGapSchema, { ok: true, value: 90 }],
    ["abc", minGapSchema, { ok: false, message: "must be a number" }],
    ["1.5", dailyCapSchema, { ok: false, message: "must be a whole number" }],
    ["0", dailyCapSchema, { ok: false, message: "must be at least 1" }],
    ["2000", minGapSchema, { ok: false, message: "must be at most 1440" }],
  ])("%j", (text, schema, result) => {
    expect(readNumberField(text, schema)).toEqual(result);
  });
});
