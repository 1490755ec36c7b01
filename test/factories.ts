// Builders for test data, going through the same use-cases the app uses.
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import { defaultDailyCap, defaultPostingTimes } from "@/lib/domain/accounts";
import type { AppContext } from "@/lib/server/context";
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

/**
 * A signed-in member of `organizationId` with `role`: a new user (with a home organization of
 * their own) added to it, the session switched to it. Returns the cookie headers to send.
 */
export async function memberSession(ctx: AppContext, organizationId: string, role: "admin" | "editor" | "viewer") {
  const user = await makeOrganization(ctx.db, `Home of a ${role}`);
  await ctx.auth.api.addMember({ body: { userId: user.userId, organizationId, role } });
  return sessionFor(ctx, user.email, organizationId);
}

/** Cookie headers of a fresh session for `email`, with `organizationId` active. */
export async function sessionFor(ctx: AppContext, email: string, organizationId: string): Promise<Headers> {
  const res = await ctx.auth.api.signInEmail({ body: { email, password: TEST_PASSWORD }, returnHeaders: true });
  const headers = new Headers({ cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") });
  await ctx.auth.api.setActiveOrganization({ headers, body: { organizationId } });
  return headers;
}

/** A stored 1080×1920 JPEG of one colour in the organization's media, as an upload makes it; its URL. */
export async function makeImage(ctx: AppContext, organizationId: string, background = "#1e293b"): Promise<string> {
  const { default: sharp } = await import("sharp");
  const { ingestUploadedImage } = await import("@/lib/server/media/ingest");
  const bytes = await sharp({ create: { width: 1080, height: 1920, channels: 3, background } }).jpeg().toBuffer();
  const img = await ingestUploadedImage(ctx.db, { organizationId, bytes, config: ctx.config });
  if (!img.ok) throw img.error;
  return img.value.url;
}
