import { describe, expect, it } from "vitest";
import { organizationNameSchema, timeZones, userSettingsSchema } from "./settings";

describe("settings", () => {
  it("takes a real IANA zone or null, and names the field otherwise", () => {
    expect(userSettingsSchema.parse({ timezone: "America/New_York" })).toEqual({ timezone: "America/New_York" });
    expect(userSettingsSchema.parse({ timezone: null })).toEqual({ timezone: null });
    const bad = userSettingsSchema.safeParse({ timezone: "Mars/Olympus" });
    expect(bad.error?.issues[0]).toMatchObject({ path: ["timezone"], message: "must be a time zone name such as Europe/Berlin" });
    expect(userSettingsSchema.safeParse({ timezone: "UTC", other: 1 }).success).toBe(false);
  });

  it("lists the zones with UTC first", () => {
    const zones = timeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Europe/Berlin");
    expect(zones.filter((z) => z === "UTC")).toHaveLength(1);
  });

  it("trims an organization's name and refuses an empty one", () => {
    expect(organizationNameSchema.parse({ name: "  Northwind  " })).toEqual({ name: "Northwind" });
    expect(organizationNameSchema.safeParse({ name: "   " }).error?.issues[0]?.message).toBe("must not be empty");
  });
});
