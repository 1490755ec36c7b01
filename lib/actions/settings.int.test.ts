// Settings' server actions called directly: any member saves their own time zone (a bad one is a
// 400 naming the field, and nothing is written); only an owner renames the organization, everyone
// else gets 403 and the name stays. The session is stubbed; the rest is real.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { organizations } from "@/db/schema";
import type { Role } from "@/lib/domain/roles";
import type { AppContext } from "@/lib/server/context";
import type { Member } from "@/lib/server/identity/session";
import { viewerTimezone } from "@/lib/server/identity/settings";
import { installAppContext, openTestContext } from "@/test/db";
import { makeOrganization } from "@/test/factories";

const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/server/identity/session", () => ({ currentMember: async () => session.member }));

const { updateUserSettingsAction, renameOrganizationAction } = await import("./settings");

let ctx: AppContext;
let orgId: string;
let userId: string;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  const made = await makeOrganization(ctx.db, "Settings Org");
  orgId = made.organization.id;
  userId = made.userId;
});
afterAll(async () => {
  await ctx.close();
});

function as(role: Role) {
  session.member = { userId, userName: "U", email: "u@example.test", organizationId: orgId, organizationName: "Settings Org", organizationSlug: "s", role };
}
const orgName = async () => (await ctx.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)))[0]!.name;

describe("updateUserSettingsAction", () => {
  it("saves a viewer's own zone, clears it back to the browser's, and refuses an unknown zone", async () => {
    as("viewer");
    expect(await viewerTimezone(ctx.db, userId)).toBeNull();
    const saved = await updateUserSettingsAction({ timezone: "America/New_York" });
    expect(saved).toEqual({ ok: true, data: { timezone: "America/New_York" } });
    expect(await viewerTimezone(ctx.db, userId)).toBe("America/New_York");

    const bad = await updateUserSettingsAction({ timezone: "Mars/Olympus" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect([bad.error.status, bad.error.details[0]?.path]).toEqual([400, "timezone"]);
    expect(await viewerTimezone(ctx.db, userId)).toBe("America/New_York");

    expect((await updateUserSettingsAction({ timezone: null })).ok).toBe(true);
    expect(await viewerTimezone(ctx.db, userId)).toBeNull();
  });
});

describe("renameOrganizationAction", () => {
  it.each(["admin", "editor", "viewer"] as const)("refuses %s with 403 and keeps the name", async (role) => {
    as(role);
    const r = await renameOrganizationAction({ name: "Taken Over" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.status).toBe(403);
    expect(await orgName()).toBe("Settings Org");
  });

  it("lets an owner rename it, trimmed, and refuses an empty name with the field", async () => {
    as("owner");
    expect(await renameOrganizationAction({ name: "  Northwind Social " })).toEqual({ ok: true, data: { name: "Northwind Social" } });
    expect(await orgName()).toBe("Northwind Social");
    const empty = await renameOrganizationAction({ name: " " });
    expect(!empty.ok && [empty.error.status, empty.error.details[0]?.path]).toEqual([400, "name"]);
    expect(await orgName()).toBe("Northwind Social");
  });
});
