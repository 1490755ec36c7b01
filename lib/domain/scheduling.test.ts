import { describe, expect, it } from "vitest";
import { type WeeklyPostingTimes, defaultPostingTimes } from "./accounts";
import {
  type BookedPost,
  type Candidate,
  type SchedAccount,
  blockerAt,
  earliestAt,
  horizonEnd,
  placeOnAccount,
  placeOnPool,
  slots,
} from "./scheduling";

const d = (iso: string) => new Date(iso);
const iso = (x: Date | null | undefined) => x?.toISOString() ?? null;
const NOW = d("2026-06-01T00:00:00Z");

function account(patch: Partial<SchedAccount> = {}): SchedAccount {
  return {
    id: "acc-a",
    platform: "tiktok",
    status: "active",
    timezone: "UTC",
    postingTimes: defaultPostingTimes(),
    minGapMinutes: 120,
    dailyCap: 15,
    ...patch,
  };
}
const post = (id: string, at: string): BookedPost => ({ id, at: d(at) });
const everyDay = (...times: string[]): WeeklyPostingTimes =>
  ({ mon: times, tue: times, wed: times, thu: times, fri: times, sat: times, sun: times });

describe("blockerAt: can this account post at T", () => {
  const T = "2026-06-10T12:00:00Z";
  it.each([
    ["a free active account", account(), [], T, null],
    ["a paused account", account({ status: "paused" }), [], T, "status"],
    ["an account that needs reauth", account({ status: "needs_reauth" }), [], T, "status"],
    ["a time 61 s ago", account(), [], "2026-05-31T23:58:59Z", "past"],
    ["a time 59 s ago (grace for now)", account(), [], "2026-05-31T23:59:01Z", null],
    ["a post 119 min before", account(), [post("p1", "2026-06-10T10:01:00Z")], T, "gap"],
    ["a post exactly the gap before", account(), [post("p1", "2026-06-10T10:00:00Z")], T, null],
    ["a post 119 min after", account(), [post("p1", "2026-06-10T13:59:00Z")], T, "gap"],
    ["a post exactly the gap after", account(), [post("p1", "2026-06-10T14:00:00Z")], T, null],
    ["a post at the same instant", account(), [post("p1", T)], T, "gap"],
    ["a zero gap and a post at the same instant", account({ minGapMinutes: 0 }), [post("p1", T)], T, null],
    [
      "the daily cap reached that UTC day",
      account({ dailyCap: 2 }),
      [post("p1", "2026-06-10T01:00:00Z"), post("p2", "2026-06-10T23:00:00Z")],
      T,
      "cap",
    ],
    [
      "one short of the cap",
      account({ dailyCap: 3 }),
      [post("p1", "2026-06-10T01:00:00Z"), post("p2", "2026-06-10T23:00:00Z")],
      T,
      null,
    ],
    [
      // 03:00Z on the 11th is 23:00 on the 10th in New York: same local day as T.
      "the cap counted by the account's local day (New York)",
      account({ dailyCap: 2, timezone: "America/New_York" }),
      [post("p1", "2026-06-10T05:00:00Z"), post("p2", "2026-06-11T03:00:00Z")],
      T,
      "cap",
    ],
    [
      // 02:00Z on the 10th is still the 9th in New York: another local day.
      "a post on the same UTC day but the previous local day",
      account({ dailyCap: 1, timezone: "America/New_York" }),
      [post("p1", "2026-06-10T02:00:00Z")],
      T,
      null,
    ],
  ])("%s", (_label, acc, booked, at, expected) => {
    expect(blockerAt(acc, booked, d(at), NOW)?.kind ?? null).toBe(expected);
  });

  it("names the conflicting post and its time", () => {
    const b = blockerAt(account(), [post("p9", "2026-06-10T11:00:00Z")], d(T), NOW);
    expect(b).toEqual({ kind: "gap", post: post("p9", "2026-06-10T11:00:00Z"), gapMinutes: 120 });
  });
});

describe("slots: posting times expanded in the account's timezone", () => {
  const take = (acc: Pick<SchedAccount, "timezone" | "postingTimes">, from: string, until: string) =>
    [...slots(acc, d(from), d(until))].map((x) => x.toISOString());

  it("expands daily times in UTC, from inclusive, until exclusive", () => {
    expect(take(account(), "2026-06-10T12:00:00Z", "2026-06-11T09:00:00Z")).toEqual([
      "2026-06-10T12:00:00.000Z",
      "2026-06-10T15:00:00.000Z",
      "2026-06-10T18:00:00.000Z",
      "2026-06-10T21:00:00.000Z",
    ]);
  });

  it("uses weekday-specific times; a missing day has no slots", () => {
    const acc = { timezone: "UTC", postingTimes: { ...everyDay(), wed: ["10:00"], thu: ["08:00", "20:00"] } };
    // 2026-06-10 is a Wednesday.
    expect(take(acc, "2026-06-08T00:00:00Z", "2026-06-13T00:00:00Z")).toEqual([
      "2026-06-10T10:00:00.000Z",
      "2026-06-11T08:00:00.000Z",
      "2026-06-11T20:00:00.000Z",
    ]);
  });

  it.each([
    // New York springs forward 2026-03-08: 02:30 does not exist that day and is skipped.
    ["America/New_York", ["02:30"], "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z",
      ["2026-03-07T07:30:00.000Z", "2026-03-09T06:30:00.000Z"]],
    // …falls back 2026-11-01: 01:30 happens twice and is used once (the first, EDT).
    ["America/New_York", ["01:30"], "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z",
      ["2026-10-31T05:30:00.000Z", "2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"]],
    // Berlin springs forward 2026-03-29: 02:15 is skipped.
    ["Europe/Berlin", ["02:15"], "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z",
      ["2026-03-28T01:15:00.000Z", "2026-03-30T00:15:00.000Z"]],
    // …falls back 2026-10-25: 02:30 is used once.
    ["Europe/Berlin", ["02:30"], "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z",
      ["2026-10-24T00:30:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"]],
    // Local midnight in Berlin is the previous evening in UTC; ordering stays by instant.
    ["Europe/Berlin", ["00:00", "23:00"], "2026-06-10T00:00:00Z", "2026-06-11T00:00:00Z",
      ["2026-06-10T21:00:00.000Z", "2026-06-10T22:00:00.000Z"]],
  ])("%s %j between %s and %s", (timezone, times, from, until, expected) => {
    expect(take({ timezone, postingTimes: everyDay(...times) }, from, until)).toEqual(expected);
  });
});

describe("earliestAt: the earliest time at or after T", () => {
  const T = d("2026-06-10T12:00:00Z");
  const run = (acc: SchedAccount, booked: BookedPost[], from = T) => iso(earliestAt(acc, booked, from, NOW, horizonEnd(from)));

  it.each([
    ["T itself when free, even off-slot", account(), [], "2026-06-10T12:34:00Z", "2026-06-10T12:34:00.000Z"],
    ["the next slot when T is taken", account(), [post("p", "2026-06-10T12:30:00Z")], "2026-06-10T12:00:00Z", "2026-06-10T15:00:00.000Z"],
    ["skips slots inside the gap after a later post", account(), [post("p", "2026-06-10T15:30:00Z")], "2026-06-10T14:00:00Z", "2026-06-10T18:00:00.000Z"],
    ["a gap on both sides pushes past several slots", account({ minGapMinutes: 400 }), [post("p", "2026-06-10T12:00:00Z")], "2026-06-10T12:00:00Z", "2026-06-10T21:00:00.000Z"],
  ])("%s", (_l, acc, booked, from, expected) => {
    expect(run(acc, booked, d(from))).toBe(expected);
  });

  it("rolls to the next local day when the cap is full", () => {
    const acc = account({ dailyCap: 2 });
    const booked = [post("p1", "2026-06-10T09:00:00Z"), post("p2", "2026-06-10T18:00:00Z")];
    expect(run(acc, booked)).toBe("2026-06-11T09:00:00.000Z");
  });

  it("returns null for a paused account", () => {
    expect(run(account({ status: "paused" }), [])).toBeNull();
  });

  it("returns null when the 60-day horizon runs out", () => {
    // One slot a day, each already taken for 70 days: nothing within the horizon.
    const acc = account({ postingTimes: everyDay("09:00") });
    const booked = Array.from({ length: 70 }, (_, i) => post(`p${i}`, new Date(Date.UTC(2026, 5, 10 + i, 9)).toISOString()));
    expect(run(acc, booked, d("2026-06-10T09:00:00Z"))).toBeNull();
    // With the last 5 days of taken slots removed the 60th day's slot is found.
    expect(run(acc, booked.slice(0, 59), d("2026-06-10T09:00:00Z"))).toBe("2026-08-08T09:00:00.000Z");
  });

  it("returns null when the account has no posting times and T is taken", () => {
    expect(run(account({ postingTimes: everyDay() }), [post("p", "2026-06-10T12:00:00Z")])).toBeNull();
  });
});

describe("placeOnAccount: an explicit account", () => {
  const T = d("2026-06-10T12:00:00Z");
  const c = (booked: BookedPost[] = [], patch: Partial<SchedAccount> = {}): Candidate => ({
    account: account(patch),
    booked,
    lastPostAt: null,
  });

  it("strict: T exactly when free", () => {
    const r = placeOnAccount(c(), T, true, NOW);
    expect(r).toMatchObject({ ok: true, placement: { at: T, bumped: false, selection: { mode: "explicit", candidates: 1, available: 1 } } });
  });

  it("strict: refuses with the conflicting post and its time", () => {
    const r = placeOnAccount(c([post("p7", "2026-06-10T11:30:00Z")]), T, true, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.failure.reason).toContain("post p7 is scheduled at 2026-06-10T11:30:00.000Z");
  });

  it("strict: refuses a paused account, saying so", () => {
    const r = placeOnAccount(c([], { status: "paused" }), T, true, NOW);
    expect(!r.ok && r.failure.reason).toMatch(/paused/);
  });

  it("strict: refuses at a full cap, naming it", () => {
    const r = placeOnAccount(c([post("p1", "2026-06-10T03:00:00Z")], { dailyCap: 1 }), T, true, NOW);
    expect(!r.ok && r.failure.reason).toMatch(/daily cap of 1 posts is reached on 2026-06-10/);
  });

  it("non-strict: moves to the next free slot and says it was bumped", () => {
    const r = placeOnAccount(c([post("p1", "2026-06-10T12:00:00Z")]), T, false, NOW);
    expect(r).toMatchObject({ ok: true, placement: { bumped: true } });
    if (r.ok) expect(iso(r.placement.at)).toBe("2026-06-10T15:00:00.000Z");
  });

  it("non-strict: a paused account cannot be bumped anywhere", () => {
    expect(placeOnAccount(c([], { status: "needs_reauth" }), T, false, NOW).ok).toBe(false);
  });
});

describe("placeOnPool: auto-selection", () => {
  const T = d("2026-06-10T12:00:00Z");
  const cand = (id: string, lastPostAt: string | null, booked: BookedPost[] = [], patch: Partial<SchedAccount> = {}): Candidate => ({
    account: account({ id, ...patch }),
    booked,
    lastPostAt: lastPostAt ? d(lastPostAt) : null,
  });

  describe("strict: least recently posted among those free at exactly T", () => {
    it.each([
      ["an account that never posted comes first", [cand("b", "2026-05-01T00:00:00Z"), cand("c", null)], "c"],
      ["then the oldest latest post", [cand("b", "2026-05-02T00:00:00Z"), cand("c", "2026-05-01T00:00:00Z")], "c"],
      ["ties by id", [cand("d", null), cand("b", null), cand("c", null)], "b"],
      ["a future latest post counts too", [cand("b", "2026-07-01T00:00:00Z"), cand("c", "2026-06-20T00:00:00Z")], "c"],
      [
        "busy accounts are skipped",
        [cand("b", null, [post("x", "2026-06-10T12:30:00Z")]), cand("c", "2026-05-01T00:00:00Z")],
        "c",
      ],
      ["paused accounts are skipped", [cand("b", null, [], { status: "paused" }), cand("c", "2026-05-01T00:00:00Z")], "c"],
    ])("%s", (_l, pool, expected) => {
      const r = placeOnPool(pool, T, true, NOW, "tag=x");
      expect(r.ok && r.placement.accountId).toBe(expected);
      if (r.ok) {
        expect(r.placement.at).toEqual(T);
        expect(r.placement.selection.mode).toBe("least_recently_posted");
        expect(r.placement.selection.candidates).toBe(pool.length);
      }
    });

    it("counts how many were available", () => {
      const pool = [cand("b", null, [post("x", "2026-06-10T12:30:00Z")]), cand("c", null), cand("d", null)];
      const r = placeOnPool(pool, T, true, NOW, "tag=x");
      expect(r.ok && r.placement.selection).toMatchObject({ candidates: 3, available: 2 });
    });

    it("fails naming the filters and the number matched when nobody is free at T", () => {
      const pool = [cand("b", null, [post("x", "2026-06-10T12:30:00Z")]), cand("c", null, [], { status: "paused" })];
      const r = placeOnPool(pool, T, true, NOW, "tag=fitness");
      expect(!r.ok && r.failure.reason).toBe("none of the 2 accounts matching tag=fitness can post at 2026-06-10T12:00:00.000Z");
    });
  });

  describe("non-strict: the closest possible time", () => {
    it("prefers an account free at T over one free later, whoever posted last", () => {
      const pool = [cand("b", null, [post("x", "2026-06-10T12:30:00Z")]), cand("c", "2026-06-09T00:00:00Z")];
      const r = placeOnPool(pool, T, false, NOW, "all accounts");
      expect(r).toMatchObject({ ok: true, placement: { accountId: "c", at: T, bumped: false } });
    });

    it("picks the soonest bumped slot and reports it", () => {
      const pool = [
        cand("b", null, [post("x", "2026-06-10T12:00:00Z"), post("y", "2026-06-10T15:00:00Z")]),
        cand("c", null, [post("z", "2026-06-10T12:00:00Z")]),
      ];
      const r = placeOnPool(pool, T, false, NOW, "all accounts");
      expect(r).toMatchObject({ ok: true, placement: { accountId: "c", bumped: true, selection: { mode: "closest_slot", candidates: 2, available: 2 } } });
      if (r.ok) expect(iso(r.placement.at)).toBe("2026-06-10T15:00:00.000Z");
    });

    it("breaks ties by least recently posted, then id", () => {
      const tie = [cand("c", "2026-05-02T00:00:00Z"), cand("b", "2026-05-02T00:00:00Z"), cand("d", "2026-05-03T00:00:00Z")];
      expect(placeOnPool(tie, T, false, NOW, "x")).toMatchObject({ ok: true, placement: { accountId: "b" } });
      const older = [cand("b", "2026-05-02T00:00:00Z"), cand("c", "2026-05-01T00:00:00Z")];
      expect(placeOnPool(older, T, false, NOW, "x")).toMatchObject({ ok: true, placement: { accountId: "c" } });
    });

    it("never places before T", () => {
      const r = placeOnPool([cand("b", null)], T, false, NOW, "x");
      expect(r.ok && r.placement.at.getTime()).toBeGreaterThanOrEqual(T.getTime());
    });

    it("fails when no candidate has a slot within the horizon", () => {
      const r = placeOnPool([cand("b", null, [], { status: "paused" })], T, false, NOW, "user_group=eu");
      expect(!r.ok && r.failure.reason).toBe("none of the 1 account matching user_group=eu has a free slot within 60 days");
    });
  });

  it("fails with no candidates, saying 0 matched", () => {
    const r = placeOnPool([], T, false, NOW, "tag=nobody");
    expect(!r.ok && r.failure.reason).toBe("no account matches tag=nobody (0 accounts matched)");
  });
});
