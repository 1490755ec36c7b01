// API keys from Settings through their server actions: an editor (or viewer) creating or
// revoking one gets the 403 envelope and nothing changes; an admin may; a bad name is a 400 at `name`.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/domain/roles";
import type { AppContext } from "@/lib/server/context";
import { listApiKeys } from "@/lib/server/identity/api-keys";
import type { Member } from "@/lib/server/identity/session";
import { installAppContext, openTestContext } from "@/test/db";
import { makeApiKey, makeOrganization } from "@/test/factories";

const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/server/identity/session", () => ({ currentMember: async () => session.member }));

const { createApiKeyAction, revokeApiKeyAction } = await import("./api-keys");

let ctx: AppContext;
let orgId: string;
let userId: string;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  const made = await makeOrganization(ctx.db, "Keys Org");
  orgId = made.organization.id;
  // The key records who made it: a real user.
  userId = made.userId;
});
afterAll(async () => {
  await ctx.close();
});

function as(role: Role) {
  session.member = { userId, userName: "U", email: "u@example.test", organizationId: orgId, organizationName: "Keys Org", organizationSlug: "k", role };
}
const active = async () => (await listApiKeys(ctx.db, { organizationId: orgId })).filter((k) => !k.revokedAt).length;

describe("API key actions", () => {
  it("refuse an editor and a viewer with 403, creating and revoking nothing", async () => {
    const existing = await makeApiKey(ctx.db, orgId);
    const before = await active();
    for (const role of ["editor", "viewer"] as const) {
      as(role);
      const created = await createApiKeyAction("sneaky");
      expect(!created.ok && [created.error.status, created.error.message]).toEqual([403, `Your role (${role}) can't do this. Ask an owner or admin.`]);
      const revoked = await revokeApiKeyAction(existing.apiKey.id);
      expect(!revoked.ok && revoked.error.status).toBe(403);
    }
    expect(await active()).toBe(before);
  });

  it("let an admin create one (shown once) and revoke it; a bad name is a 400 at name", async () => {
    as("admin");
    const created = await createApiKeyAction("ci deploys");
    expect(created.ok && created.data.key.startsWith(created.data.prefix)).toBe(true);
    const bad = await createApiKeyAction("");
    expect(!bad.ok && [bad.error.status, bad.error.details[0]?.path]).toEqual([400, "name"]);
    const keys = await listApiKeys(ctx.db, { organizationId: orgId });
    const mine = keys.find((k) => k.name === "ci deploys")!;
    const revoked = await revokeApiKeyAction(mine.id);
    expect(revoked).toEqual({ ok: true, data: { id: mine.id } });
  });
});
