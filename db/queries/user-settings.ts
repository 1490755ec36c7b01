// A user's own preferences (user_settings). (db, params) functions; no rules here.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { organizations, userSettings } from "../schema";

export async function findUserSettings(db: Db, params: { userId: string }): Promise<{ timezone: string | null } | null> {
  const [row] = await db.select({ timezone: userSettings.timezone }).from(userSettings).where(eq(userSettings.userId, params.userId)).limit(1);
  return row ?? null;
}

export async function upsertUserSettings(db: Db, params: { userId: string; timezone: string | null; now: Date }): Promise<void> {
  await db
    .insert(userSettings)
    .values({ userId: params.userId, timezone: params.timezone, updatedAt: params.now })
    .onConflictDoUpdate({ target: userSettings.userId, set: { timezone: params.timezone, updatedAt: params.now } });
}

export async function renameOrganization(db: Db, params: { organizationId: string; name: string }): Promise<boolean> {
  const rows = await db.update(organizations).set({ name: params.name }).where(eq(organizations.id, params.organizationId)).returning({ id: organizations.id });
  return rows.length > 0;
}
