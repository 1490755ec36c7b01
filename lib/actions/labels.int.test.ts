// Renaming a label through its server action: every account with it changes in one go, a rename
// onto a label in use merges and says so, another organization's accounts are untouched, an
// unknown label is a 404 naming `from`, and an editor is refused with 403.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accounts } from "@/db/schema";
import type { Role } from "@/lib/domain/roles";
import type { AppContext } from "@/lib/server/context";
import type { Member } from "@/lib/server/identity/session";
import { installAppContext, openTestContext } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";

const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/server/identity/session", () => ({ currentMember: async () => session.member }));

const { renameLabelAction } = await import("./labels");

let ctx: AppContext;
let orgId: string;
let otherOrg: string;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  orgId = (await makeOrganization(ctx.db, "Labels Org")).organization.id;
  otherOrg = (await makeOrganization(ctx.db, "Other Org")).organization.id;
  for (let i = 0; i < 3; i++) await makeAccount(ctx.db, orgId, { tag: "food" });
  await makeAccount(ctx.db, orgId, { tag: "cooking" });
  await makeAccount(ctx.db, otherOrg, { tag: "food" });
});
afterAll(async () => {
  await ctx.close();
});

function as(role: Role) {
  session.member = { userId: "u", userName: "U", email: "u@example.test", organizationId: orgId, organizationName: "Labels Org", organizationSlug: "l", role };
}
const withTag = async (org: string, tag: string) => (await ctx.db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.organizationId, org), eq(accounts.tag, tag)))).length;

describe("renameLabelAction", () => {
  it("refuses an editor with 403 and changes nothing", async () => {
    as("editor");
    const r = await renameLabelAction({ kind: "tag", from: "food", to: "meals" });
    expect(!r.ok && r.error.status).toBe(403);
    expect(await withTag(orgId, "food")).toBe(3);
  });

  it("renames on every account that has it, and merges into a label in use, saying so", async () => {
    as("admin");
    const merged = await renameLabelAction({ kind: "tag", from: "food", to: "cooking" });
    expect(merged).toEqual({ ok: true, data: { accounts: 3, merged: true, message: "Merged tag “food” into “cooking”: 3 accounts moved, 4 accounts now have “cooking”." } });
    expect([await withTag(orgId, "food"), await withTag(orgId, "cooking")]).toEqual([0, 4]);
    expect(await withTag(otherOrg, "food")).toBe(1);

    const renamed = await renameLabelAction({ kind: "tag", from: "cooking", to: "kitchen" });
    expect(renamed.ok && renamed.data).toMatchObject({ accounts: 4, merged: false });
  });

  it("says which field is wrong: an unknown label (404 at from), the same name (400 at to)", async () => {
    as("owner");
    const unknown = await renameLabelAction({ kind: "user_group", from: "nobody", to: "x" });
    expect(!unknown.ok && [unknown.error.status, unknown.error.details[0]?.path]).toEqual([404, "from"]);
    const same = await renameLabelAction({ kind: "tag", from: "kitchen", to: "kitchen" });
    expect(!same.ok && [same.error.status, same.error.details[0]?.path]).toEqual([400, "to"]);
  });
});
