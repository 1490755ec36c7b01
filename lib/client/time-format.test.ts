import { describe, expect, it } from "vitest";
import { dayIn, formatInZones, localInputValue, zoneCity } from "./time-format";

describe("time in the UI", () => {
  it("formats in the viewer's zone with the account's beside it", () => {
    expect(formatInZones("2026-12-24T17:00:00Z", "Europe/Berlin", "America/New_York")).toBe("Thu 24 Dec, 18:00 Berlin · 12:00 New York");
    expect(formatInZones("2026-12-24T23:30:00Z", "America/New_York", "Europe/Berlin")).toBe("Thu 24 Dec, 18:30 New York · Fri 00:30 Berlin");
    expect(formatInZones("2026-12-24T17:00:00Z", "UTC", "UTC")).toBe("Thu 24 Dec, 17:00 UTC");
  });
  it("keeps the wall clock across DST", () => {
    expect(localInputValue(new Date("2026-03-08T13:30:00Z"), "America/New_York")).toBe("2026-03-08T09:30");
    expect(dayIn("2026-03-29T22:30:00Z", "Europe/Berlin")).toBe("2026-03-30");
    expect(zoneCity("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
  });
});
