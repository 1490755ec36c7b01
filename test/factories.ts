// Builders for test data, going through the same use-cases the app uses.
import type { Db } from "@/db/client";
import { createApiKey } from "@/lib/server/api-keys";
import { createOrganizationWithOwner } from "@/lib/server/organizations";
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
