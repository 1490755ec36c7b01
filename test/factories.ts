// Builders for test data, going through the same use-cases the app uses.
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import { defaultDailyCap, defaultPostingTimes } from "@/lib/domain/accounts";
import { createApiKey } from "@/lib/server/identity/api-keys";
import { createOrganizationWithOwner } from "@/lib/server/identity/organizations";
import { uniqueEmail } from "./db";

export const TEST_PASSWORD = "correct-horse-battery";

export async function makeOrganization(db: Db, name = "Test Org") {
  const email = uniqueEmail("owner");
  const created = await createOrganizationWithOwner(
    db,
    { name: "Owner", organizationName: name, email, password: TEST_PASSWORD },
    new Date(),
  );
  if (!created.ok) throw created.error;
  return { ...created.value, email };
}

export async function makeApiKey(db: Db, organizationId: string, name = "test key") {
  const created = await createApiKey(db, { organizationId, createdBy: null, name });
  if (!created.ok) throw created.error;
  return created.value;
}

/** Inserts a connected account directly (connecting through OAuth is the publishing issue's). */
export async function makeAccount(
  db: Db,
  organizationId: string,
  patch: Partial<typeof accounts.$inferInsert> = {},
): Promise<typeof accounts.$inferSelect> {
  accountCounter += 1;
  const platform = patch.platform ?? "tiktok";
  const [row] = await db
    .insert(accounts)
    .values({
      organizationId,
      platform,
      platformUserId: `user-${Date.now().toString(36)}-${accountCounter}`,
      username: `creator${accountCounter}`,
      postingTimes: defaultPostingTimes(),
      dailyCap: defaultDailyCap(platform),
      ...patch,
    })
    .returning();
  return row!;
}
let accountCounter = 0;
