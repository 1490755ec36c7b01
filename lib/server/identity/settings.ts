// Settings (dashboard.md §5): the viewer's own time zone, read by every dashboard page, and the
// organization's name. Inputs parsed with the shared schemas; refusals as AppError results.
import "server-only";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/user-settings";
import { AppError, type Result, resultOf } from "@/lib/domain/errors";
import { organizationNameSchema, userSettingsSchema } from "@/lib/domain/settings";
import { parseOrThrow as parse } from "../http/envelope";

/** The zone the user chose, or null to follow the browser's. */
export async function viewerTimezone(db: Db, userId: string): Promise<string | null> {
  return (await q.findUserSettings(db, { userId }))?.timezone ?? null;
}

export function updateUserSettings(db: Db, userId: string, body: unknown, now: Date): Promise<Result<{ timezone: string | null }>> {
  return resultOf(async () => {
    const input = parse(userSettingsSchema, body);
    await q.upsertUserSettings(db, { userId, timezone: input.timezone, now });
    return { timezone: input.timezone };
  });
}

export function renameOrganization(db: Db, organizationId: string, body: unknown): Promise<Result<{ name: string }>> {
  return resultOf(async () => {
    const { name } = parse(organizationNameSchema, body);
    if (!(await q.renameOrganization(db, { organizationId, name }))) throw new AppError("not_found", "organization: not found");
    return { name };
  });
}
