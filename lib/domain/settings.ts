// What Settings changes (dashboard.md §5): the viewer's own time zone and the organization's name.
import { z } from "zod";
import { isValidTimeZone } from "./time";

/** Every IANA zone this runtime knows, for the zone picker; UTC first. */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

export const userSettingsSchema = z.strictObject({
  /** Null: follow the browser's zone. */
  timezone: z
    .string({ error: "must be a time zone name such as Europe/Berlin, or null" })
    .max(64, "must be a time zone name such as Europe/Berlin")
    .refine(isValidTimeZone, "must be a time zone name such as Europe/Berlin")
    .nullable(),
});
export type UserSettingsInput = z.infer<typeof userSettingsSchema>;

export const organizationNameSchema = z.strictObject({
  name: z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
});
