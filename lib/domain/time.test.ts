import { describe, expect, it } from "vitest";
import { addDays, isValidTimeZone, localDay, weekdayOf, zonedInstant } from "./time";

describe("zonedInstant", () => {
  it.each([
    // Plain days.
    ["2026-01-15", "09:00", "UTC", "2026-01-15T09:00:00.000Z"],
    ["2026-01-15", "09:00", "Europe/Berlin", "2026-01-15T08:00:00.000Z"],
    ["2026-07-15", "09:00", "Europe/Berlin", "2026-07-15T07:00:00.000Z"],
    ["2026-01-15", "23:30", "Asia/Kolkata", "2026-01-15T18:00:00.000Z"],
    // America/New_York springs forward on 2026-03-08: 02:00–02:59 does not exist.
    ["2026-03-08", "01:59", "America/New_York", "2026-03-08T06:59:00.000Z"],
    ["2026-03-08", "02:30", "America/New_York", null],
    ["2026-03-08", "03:00", "America/New_York", "2026-03-08T07:00:00.000Z"],
    // …and falls back on 2026-11-01: 01:00–01:59 happens twice; the first (EDT) is used.
    ["2026-11-01", "01:30", "America/New_York", "2026-11-01T05:30:00.000Z"],
    ["2026-11-01", "02:00", "America/New_York", "2026-11-01T07:00:00.000Z"],
    // Europe/Berlin springs forward on 2026-03-29 (02:00→03:00) and falls back on 2026-10-25.
    ["2026-03-29", "02:15", "Europe/Berlin", null],
    ["2026-03-29", "03:00", "Europe/Berlin", "2026-03-29T01:00:00.000Z"],
    ["2026-10-25", "02:30", "Europe/Berlin", "2026-10-25T00:30:00.000Z"],
    ["2026-10-25", "03:00", "Europe/Berlin", "2026-10-25T02:00:00.000Z"],
  ])("%s %s in %s → %s", (day, time, tz, expected) => {
    expect(zonedInstant(day, time, tz)?.toISOString() ?? null).toBe(expected);
  });
});

describe("localDay", () => {
  it.each([
    ["2026-01-15T23:30:00Z", "UTC", "2026-01-15"],
    ["2026-01-15T23:30:00Z", "Europe/Berlin", "2026-01-16"],
    ["2026-01-15T03:00:00Z", "America/New_York", "2026-01-14"],
    ["2026-11-01T05:30:00Z", "America/New_York", "2026-11-01"],
  ])("%s in %s is %s", (at, tz, day) => {
    expect(localDay(new Date(at), tz)).toBe(day);
  });
});

describe("calendar helpers", () => {
  it("adds days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  it("knows weekdays", () => {
    expect(weekdayOf("2026-11-27")).toBe("fri");
    expect(weekdayOf("2026-11-29")).toBe("sun");
  });
  it("recognises IANA zones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("localDay around DST transitions (cached per quarter hour)", () => {
  it.each([
    // New York falls back at 06:00Z on 2026-11-01 (02:00 EDT → 01:00 EST).
    ["2026-11-01T04:59:59Z", "America/New_York", "2026-11-01"],
    ["2026-11-01T05:00:00Z", "America/New_York", "2026-11-01"],
    ["2026-11-02T04:59:59Z", "America/New_York", "2026-11-01"],
    ["2026-11-02T05:00:00Z", "America/New_York", "2026-11-02"],
    // Berlin springs forward at 01:00Z on 2026-03-29; local midnight is 23:00Z the day before.
    ["2026-03-28T22:59:59Z", "Europe/Berlin", "2026-03-28"],
    ["2026-03-28T23:00:00Z", "Europe/Berlin", "2026-03-29"],
    ["2026-03-29T21:59:59Z", "Europe/Berlin", "2026-03-29"],
    ["2026-03-29T22:00:00Z", "Europe/Berlin", "2026-03-30"],
    // Kathmandu is UTC+05:45: a quarter-hour offset.
    ["2026-06-09T18:14:59Z", "Asia/Kathmandu", "2026-06-09"],
    ["2026-06-09T18:15:00Z", "Asia/Kathmandu", "2026-06-10"],
  ])("%s in %s is %s", (at, tz, day) => {
    expect(localDay(new Date(at), tz)).toBe(day);
  });
});
