import { describe, expect, it } from "vitest";
import type { WeeklyPostingTimes } from "./accounts";
import {
  type CalendarCard,
  DAY_CELLS,
  boardRow,
  boardSchema,
  bucketByDay,
  calendarQuery,
  calendarRangeSchema,
  cardName,
  isHeld,
  cellInstant,
  cellOf,
  composeLinkFor,
  drawsSlots,
  isDay,
  isMovable,
  keepTimeOnDay,
  keyboardStep,
  layoutLanes,
  mergeRange,
  notMovableReason,
  placeCard,
  rangeTitle,
  readCalendarParams,
  slotMarks,
  statusCounts,
  stepDate,
  viewDays,
  viewRange,
  weekColumn,
  weekStart,
} from "./calendar";
import type { SchedAccount } from "./scheduling";

const d = (iso: string) => new Date(iso);
const NY = "America/New_York";
const everyDay = (...times: string[]): WeeklyPostingTimes => ({ mon: times, tue: times, wed: times, thu: times, fri: times, sat: times, sun: times });
const account = (patch: Partial<SchedAccount> = {}): SchedAccount => ({
  id: "a",
  platform: "tiktok",
  status: "active",
  timezone: "UTC",
  postingTimes: everyDay("09:00", "12:00", "18:00"),
  minGapMinutes: 60,
  dailyCap: 2,
  ...patch,
});

describe("days and ranges", () => {
  it("knows real days only", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-13-01")).toBe(false);
    expect(isDay("1999-12-31")).toBe(false);
    expect(isDay("2026-1-01")).toBe(false);
  });

  it("starts weeks on Monday and draws a month as its full weeks", () => {
    expect(weekStart("2026-12-03")).toBe("2026-11-30");
    expect(weekStart("2026-11-30")).toBe("2026-11-30");
    expect(weekStart("2026-12-06")).toBe("2026-11-30");
    expect(viewDays("week", "2026-12-03")).toEqual(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    const december = viewDays("month", "2026-12-17");
    expect(december[0]).toBe("2026-11-30");
    expect(december.at(-1)).toBe("2027-01-03");
    expect(december).toHaveLength(35);
    // February 2027 starts on a Monday and has four weeks exactly.
    expect(viewDays("month", "2027-02-10")).toHaveLength(28);
    expect(viewDays("board", "2026-12-03")).toEqual(["2026-12-03"]);
  });

  it("covers local midnights in the viewer's zone, a 25-hour day at the fall-back change included", () => {
    const week = viewRange("week", "2026-11-01", NY);
    expect(week.from.toISOString()).toBe("2026-10-26T04:00:00.000Z");
    expect(week.to.toISOString()).toBe("2026-11-02T05:00:00.000Z");
    const board = viewRange("board", "2026-11-01", NY);
    expect(board.to.getTime() - board.from.getTime()).toBe(25 * 3_600_000);
  });

  it("steps a week, a month (to the 1st) or a day", () => {
    expect(stepDate("week", "2026-12-03", 1)).toBe("2026-12-10");
    expect(stepDate("month", "2026-12-31", 1)).toBe("2027-01-01");
    expect(stepDate("month", "2026-03-31", -1)).toBe("2026-02-01");
    expect(stepDate("board", "2026-12-31", 1)).toBe("2027-01-01");
  });

  it("buckets posts into local days of the zone, each day in time order", () => {
    const items = [{ scheduled_at: "2026-12-04T03:30:00Z" }, { scheduled_at: "2026-12-03T23:00:00Z" }, { scheduled_at: "2026-12-04T05:30:00Z" }];
    const ny = bucketByDay(items, NY);
    expect([...ny.keys()].sort()).toEqual(["2026-12-03", "2026-12-04"]);
    expect(ny.get("2026-12-03")!.map((i) => i.scheduled_at)).toEqual(["2026-12-03T23:00:00Z", "2026-12-04T03:30:00Z"]);
    const utc = bucketByDay(items, "UTC");
    expect(utc.get("2026-12-04")!.map((i) => i.scheduled_at)).toEqual(["2026-12-04T03:30:00Z", "2026-12-04T05:30:00Z"]);
  });

  it("names week cells every 15 minutes and floors an instant into one", () => {
    expect(DAY_CELLS).toHaveLength(96);
    expect(DAY_CELLS[0]).toBe("00:00");
    expect(DAY_CELLS.at(-1)).toBe("23:45");
    expect(cellOf(d("2026-12-03T17:44:59Z"), "Europe/Berlin")).toBe("2026-12-03T18:30");
  });
});

describe("moves", () => {
  it("reads a week cell in the viewer's zone, and a time the DST change skips has none", () => {
    expect(cellInstant("2026-12-03T18:15", "Europe/Berlin")?.toISOString()).toBe("2026-12-03T17:15:00.000Z");
    expect(cellInstant("2026-03-08T02:30", NY)).toBeNull();
    expect(cellInstant("2026-02-30T10:00", NY)).toBeNull();
    expect(cellInstant("garbage", NY)).toBeNull();
  });

  it("a month drop keeps the local time of day across the fall-back change (New York, 2026-11-01)", () => {
    // 10:00 EDT on Friday 30 October is 14:00Z; 10:00 EST on Monday 2 November is 15:00Z.
    expect(keepTimeOnDay(d("2026-10-30T14:00:00Z"), "2026-11-02", NY).toISOString()).toBe("2026-11-02T15:00:00.000Z");
    expect(keepTimeOnDay(d("2026-11-02T15:00:00Z"), "2026-10-30", NY).toISOString()).toBe("2026-10-30T14:00:00.000Z");
  });

  it("a time the spring-forward change skips moves to the first that exists", () => {
    // 02:30 on 7 March (EST) → 8 March has no 02:30; 03:00 EDT is 07:00Z.
    expect(keepTimeOnDay(d("2026-03-07T07:30:00Z"), "2026-03-08", NY).toISOString()).toBe("2026-03-08T07:00:00.000Z");
  });

  it("steps by 15 minutes with Up/Down and by a day with Left/Right in the week; by a week with Up/Down in the month", () => {
    const at = d("2026-12-03T17:00:00Z");
    expect(keyboardStep(at, "ArrowDown", "week", "UTC").toISOString()).toBe("2026-12-03T17:15:00.000Z");
    expect(keyboardStep(at, "ArrowUp", "week", "UTC").toISOString()).toBe("2026-12-03T16:45:00.000Z");
    expect(keyboardStep(at, "ArrowRight", "week", "UTC").toISOString()).toBe("2026-12-04T17:00:00.000Z");
    expect(keyboardStep(at, "ArrowLeft", "month", "UTC").toISOString()).toBe("2026-12-02T17:00:00.000Z");
    expect(keyboardStep(at, "ArrowDown", "month", "UTC").toISOString()).toBe("2026-12-10T17:00:00.000Z");
    // Right across the fall-back change keeps 10:00 local.
    expect(keyboardStep(d("2026-10-31T14:00:00Z"), "ArrowRight", "week", NY).toISOString()).toBe("2026-11-01T15:00:00.000Z");
  });

  it("lets only scheduled and failed posts move, and says why the others cannot", () => {
    expect(isMovable("scheduled")).toBe(true);
    expect(isMovable("failed")).toBe(true);
    for (const s of ["pending", "retrying", "awaiting_creator", "complete", "deleted"] as const) {
      expect(isMovable(s)).toBe(false);
      expect(notMovableReason(s)).toMatch(/\w/);
    }
    expect(notMovableReason("scheduled")).toBeNull();
    expect(notMovableReason("complete")).toMatch(/published/);
  });
});

describe("cards and counts", () => {
  it("names a card @username HH:mm status in the viewer's zone", () => {
    expect(cardName({ username: "studio", scheduled_at: "2026-12-03T17:00:00Z", status: "scheduled" }, "Europe/Berlin")).toBe("@studio 18:00 scheduled");
    expect(cardName({ username: "studio", scheduled_at: "2026-12-03T17:00:00Z", status: "scheduled", held: true }, "UTC")).toBe("@studio 17:00 held");
    expect([isHeld("scheduled", "paused"), isHeld("scheduled", "active"), isHeld("failed", "paused"), isHeld("scheduled", "needs_reauth")]).toEqual([true, false, false, false]);
  });

  it("counts every status", () => {
    const counts = statusCounts([{ status: "scheduled" }, { status: "scheduled" }, { status: "failed" }]);
    expect(counts).toMatchObject({ scheduled: 2, failed: 1, complete: 0, pending: 0 });
  });
});

describe("slots", () => {
  const NOW = d("2026-12-03T00:00:00Z");
  const from = d("2026-12-03T00:00:00Z");
  const to = d("2026-12-04T00:00:00Z");

  it("marks one account's slots free, or unavailable with the gap's post or the cap", () => {
    const acc = account();
    const booked = new Map([["a", [{ id: "p1", at: d("2026-12-03T11:30:00Z") }]]]);
    const marks = slotMarks([acc], booked, from, to, NOW);
    expect(marks.map((m) => [m.at, m.free])).toEqual([
      ["2026-12-03T09:00:00.000Z", true],
      ["2026-12-03T12:00:00.000Z", false],
      ["2026-12-03T18:00:00.000Z", true],
    ]);
    expect(marks[1]!.reason).toMatch(/post p1 .*60-minute minimum gap/);

    const full = new Map([["a", [{ id: "p1", at: d("2026-12-03T06:00:00Z") }, { id: "p2", at: d("2026-12-03T07:00:00Z") }]]]);
    const capped = slotMarks([acc], full, from, to, NOW);
    expect(capped.every((m) => !m.free)).toBe(true);
    expect(capped[2]!.reason).toMatch(/daily cap of 2/);
  });

  it("leaves out slots already past, and marks a paused account's slots unavailable", () => {
    const marks = slotMarks([account()], new Map(), from, to, d("2026-12-03T10:00:00Z"));
    expect(marks.map((m) => m.at)).toEqual(["2026-12-03T12:00:00.000Z", "2026-12-03T18:00:00.000Z"]);
    const paused = slotMarks([account({ status: "paused" })], new Map(), from, to, NOW);
    expect(paused.every((m) => !m.free && m.reason === "the account is paused")).toBe(true);
  });

  it("for a pool: free when any account can take it, naming the ones that can", () => {
    const a = account({ id: "a" });
    const b = account({ id: "b", postingTimes: everyDay("12:00") });
    const booked = new Map([["a", [{ id: "p1", at: d("2026-12-03T12:00:00Z") }]]]);
    const marks = slotMarks([a, b], booked, from, to, NOW);
    const noon = marks.find((m) => m.at === "2026-12-03T12:00:00.000Z")!;
    expect(noon).toMatchObject({ free: true, account_ids: ["b"], reason: null });
    const both = slotMarks([a, b], new Map([["a", [{ id: "p1", at: d("2026-12-03T12:00:00Z") }]], ["b", [{ id: "p2", at: d("2026-12-03T12:10:00Z") }]]]), from, to, NOW);
    expect(both.find((m) => m.at === "2026-12-03T12:00:00.000Z")!.reason).toMatch(/^No account in the pool can post then: post p1/);
  });

  it("draws slots only for one account or one label", () => {
    expect(drawsSlots({ accountIds: ["x"] })).toBe(true);
    expect(drawsSlots({ accountIds: [], tag: "food" })).toBe(true);
    expect(drawsSlots({ accountIds: [] })).toBe(false);
    expect(drawsSlots({ accountIds: ["x", "y"] })).toBe(false);
  });
});

describe("boardRow", () => {
  it("counts the day's posts against the cap and finds the next free slot", () => {
    const acc = account({ dailyCap: 2 });
    const booked = [
      { id: "p1", at: d("2026-12-03T09:00:00Z") },
      { id: "p2", at: d("2026-12-03T12:00:00Z") },
    ];
    const row = boardRow(acc, booked, "2026-12-03", "UTC", d("2026-12-03T08:00:00Z"));
    expect(row).toMatchObject({ account_id: "a", today: 2, cap: 2 });
    expect(row.slots.map((s) => s.free)).toEqual([false, false, false]);
    // The cap is reached today: the next free slot is tomorrow's first.
    expect(row.next_free).toBe("2026-12-04T09:00:00.000Z");
  });
});

describe("schemas and the URL", () => {
  it("refuses an empty or too-long range, naming `to`", () => {
    const bad = calendarRangeSchema.safeParse({ from: "2026-12-01T00:00:00Z", to: "2026-12-01T00:00:00Z" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ["to"], message: "must be after from" });
    const long = calendarRangeSchema.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z" });
    expect(long.error!.issues[0]!.message).toMatch(/at most 45 days/);
    expect(calendarRangeSchema.safeParse({ from: "2026-12-01T00:00:00Z", to: "2027-01-05T00:00:00Z", status: ["failed"] }).success).toBe(true);
    expect(boardSchema.safeParse({ date: "2026-02-30", zone: "UTC" }).error!.issues[0]!.path).toEqual(["date"]);
  });

  it("reads the URL with defaults and writes it back", () => {
    const id = "8d7e4f0e-3a8b-4c1e-9a43-1f6a2b7c9d10";
    const q = new URLSearchParams(`view=month&date=2026-12-03&account=${id}&account=nope&status=failed&status=bogus&tag=food&platform=tiktok`);
    const p = readCalendarParams(q, "2026-12-01");
    expect(p).toEqual({ view: "month", date: "2026-12-03", accountIds: [id], tag: "food", userGroup: undefined, orgGroup: undefined, platform: "tiktok", status: ["failed"] });
    expect(readCalendarParams(new URLSearchParams("view=year&date=2026-02-30"), "2026-12-01")).toMatchObject({ view: "week", date: "2026-12-01" });
    expect(readCalendarParams(new URLSearchParams(calendarQuery(p)), "2026-01-01")).toEqual(p);
  });
});

describe("the browser's copy of a range", () => {
  const card = (id: string, at: string, status: CalendarCard["status"] = "scheduled"): CalendarCard => ({
    id,
    account_id: "a",
    username: "u",
    avatar_url: null,
    platform: "tiktok",
    status,
    scheduled_at: at,
    requested_time: null,
    bumped: false,
    strict: false,
    cover_url: null,
    updated_at: "2026-12-01T00:00:00.000Z",
    held: false,
  });
  const data = { posts: [card("a", "2026-12-03T10:00:00.000Z"), card("b", "2026-12-03T11:00:00.000Z"), card("c", "2026-12-03T12:00:00.000Z")], slots: null, as_of: "t0" };

  it("applies a live refresh: changed cards replaced in time order, new ones added, gone ones dropped", () => {
    const merged = mergeRange(data, { posts: [card("c", "2026-12-03T09:00:00.000Z", "complete"), card("d", "2026-12-03T13:00:00.000Z")], gone: ["b"], slots: null, as_of: "t1" });
    expect(merged.posts.map((p) => [p.id, p.status])).toEqual([["c", "complete"], ["a", "scheduled"], ["d", "scheduled"]]);
    expect(merged.as_of).toBe("t1");
    expect(mergeRange(data, { posts: [], gone: [], slots: null, as_of: "t2" }).posts).toBe(data.posts);
    const withSlots = { ...data, slots: [{ at: "2026-12-03T09:00:00.000Z", free: true, reason: null, account_ids: ["a"] }] };
    expect(mergeRange(withSlots, { posts: [], gone: [], slots: [{ at: "2026-12-03T09:00:00.000Z", free: true, reason: null, account_ids: ["a"] }], as_of: "t3" }).slots).toBe(withSlots.slots);
  });

  it("moves one card and keeps the time order", () => {
    expect(placeCard(data, "a", { scheduled_at: "2026-12-03T11:30:00.000Z" }).posts.map((p) => p.id)).toEqual(["b", "a", "c"]);
  });
});

describe("layoutLanes", () => {
  it("puts overlapping cards side by side and gives a lone card the whole width", () => {
    const lanes = layoutLanes(
      [
        { id: "a", minute: 600 },
        { id: "b", minute: 615 },
        { id: "c", minute: 640 },
        { id: "d", minute: 700 },
      ],
      45,
    );
    // a (600–645), b (615–660) and c (640–685) overlap in one cluster of three lanes.
    expect(lanes.get("a")).toEqual({ lane: 0, lanes: 3 });
    expect(lanes.get("b")).toEqual({ lane: 1, lanes: 3 });
    expect(lanes.get("c")).toEqual({ lane: 2, lanes: 3 });
    expect(lanes.get("d")).toEqual({ lane: 0, lanes: 1 });
  });
});

describe("links and titles", () => {
  it("opens the composer for a free slot with the account, or the pool's labels, and the instant", () => {
    expect(composeLinkFor({ accountIds: ["acc-1"], tag: "food" }, { at: "2026-12-03T09:00:00.000Z", account_ids: ["acc-1"] })).toBe("/compose?account=acc-1&at=2026-12-03T09%3A00%3A00.000Z");
    expect(composeLinkFor({ accountIds: [], tag: "food", orgGroup: "eu" }, { at: "2026-12-03T09:00:00.000Z", account_ids: ["a", "b"] })).toBe("/compose?tag=food&orgGroup=eu&at=2026-12-03T09%3A00%3A00.000Z");
  });

  it("titles the range", () => {
    expect(rangeTitle("week", "2026-12-03")).toBe("30 Nov – 6 Dec 2026");
    expect(rangeTitle("week", "2026-12-31")).toBe("28 Dec 2026 – 3 Jan 2027");
    expect(rangeTitle("month", "2026-12-03")).toBe("December 2026");
    expect(rangeTitle("board", "2026-12-03")).toBe("Thursday, 3 December 2026");
  });
});

describe("weekColumn", () => {
  it("draws at most three lanes and puts the rest of each hour behind +N", () => {
    const items = [600, 600, 600, 600, 610, 700].map((minute, i) => ({ id: `p${i}`, minute }));
    const { shown, overflow } = weekColumn(items, 45);
    expect(shown.map((s) => [s.id, s.lane, s.lanes])).toEqual([
      ["p0", 0, 3],
      ["p1", 1, 3],
      ["p2", 2, 3],
      ["p5", 0, 1],
    ]);
    expect([...overflow.entries()].map(([h, list]) => [h, list.map((i) => i.id)])).toEqual([[10, ["p3", "p4"]]]);
  });
});
