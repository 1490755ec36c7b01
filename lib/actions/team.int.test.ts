// The Team page's server actions called directly, with the session stubbed: only owners manage
// members (admin, editor and viewer get 403 and nothing changes); inviting an existing member
// is refused naming `email`; the last owner can be neither removed nor demoted. The invitation
// page's Join action refuses a revoked invitation in plain words.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { invitations, members } from "@/db/schema";
import type { Role } from "@/lib/domain/roles";
import type { AppContext } from "@/lib/server/context";
import type { Member } from "@/lib/server/identity/session";
import { installAppContext, openTestContext, uniqueEmail } from "@/test/db";
import { TEST_PASSWORD, makeOrganization } from "@/test/factories";

const session = vi.hoisted(() => ({ member: null as Member | null, headers: new Headers() }));
vi.mock("@/lib/server/identity/session", () => ({ currentMember: async () => session.member }));
vi.mock("next/headers", () => ({ headers: async () => session.headers }));

const { changeMemberRoleAction, inviteMemberAction, removeMemberAction, revokeInvitationAction } = await import("./team");
const { acceptInvitationAction, signUpToJoinAction } = await import("./team-join");

let ctx: AppContext;
let org: Awaited<ReturnType<typeof makeOrganization>>;
let ownerMemberId: string;
let editorMemberId: string;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  org = await makeOrganization(ctx.db, "Team Actions Org");
  const editor = await makeOrganization(ctx.db, "Editor Home");
  await ctx.auth.api.addMember({ body: { userId: editor.userId, organizationId: org.organization.id, role: "editor" } });
  const rows = await ctx.db.select({ id: members.id, userId: members.userId }).from(members).where(eq(members.organizationId, org.organization.id));
  ownerMemberId = rows.find((r) => r.userId === org.userId)!.id;
  editorMemberId = rows.find((r) => r.userId === editor.userId)!.id;
});
afterAll(() => ctx.close());

function as(role: Role) {
  session.member = { userId: org.userId, userName: "Olga Owner", email: org.email, organizationId: org.organization.id, organizationName: "Team Actions Org", organizationSlug: "t", role };
}
const roleOf = async (memberId: string) => (await ctx.db.select({ role: members.role }).from(members).where(eq(members.id, memberId)))[0]?.role;
const pendingCount = () => ctx.db.$count(invitations, eq(invitations.organizationId, org.organization.id));

/** Runs a server action that ends in redirect(); returns where it went, or its returned state. */
async function redirected<T>(run: () => Promise<T>): Promise<{ to: string } | { state: T }> {
  try {
    return { state: await run() };
  } catch (e) {
    const digest = (e as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw e;
    return { to: digest.split(";")[2]! };
  }
}

describe("team actions", () => {
  it.each(["admin", "editor", "viewer"] as const)("refuse %s with 403 and change nothing", async (role) => {
    const before = await pendingCount();
    const invitation = (await ctx.db.select({ id: invitations.id }).from(invitations).limit(1))[0]?.id ?? "none";
    as(role);
    const results = [
      await inviteMemberAction({ email: uniqueEmail("nope"), role: "viewer" }),
      await revokeInvitationAction({ invitationId: invitation }),
      await changeMemberRoleAction({ memberId: editorMemberId, role: "admin" }),
      await removeMemberAction({ memberId: editorMemberId }),
    ];
    expect(results.map((r) => !r.ok && r.error.status)).toEqual([403, 403, 403, 403]);
    expect(await pendingCount()).toBe(before);
    expect(await roleOf(editorMemberId)).toBe("editor");
  });

  it("let an owner invite, and refuse an invitation for an existing member naming email", async () => {
    as("owner");
    const email = uniqueEmail("invitee");
    const made = await inviteMemberAction({ email, role: "editor" });
    expect(made.ok && made.data).toMatchObject({ link: expect.stringMatching(/\/invite\/[\w-]+$/), emailed: false, invitation: { email, role: "editor" } });
    const existing = await inviteMemberAction({ email: org.email, role: "viewer" });
    expect(!existing.ok && [existing.error.status, existing.error.details[0]?.path]).toEqual([409, "email"]);
    const bad = await inviteMemberAction({ email: "x", role: "viewer" });
    expect(!bad.ok && [bad.error.status, bad.error.details[0]?.path]).toEqual([400, "email"]);
  });

  it("refuse removing or demoting the last owner, and let an owner change another's role", async () => {
    as("owner");
    const remove = await removeMemberAction({ memberId: ownerMemberId });
    expect(!remove.ok && [remove.error.status, remove.error.details[0]?.path]).toEqual([409, "memberId"]);
    const demote = await changeMemberRoleAction({ memberId: ownerMemberId, role: "editor" });
    expect(!demote.ok && [demote.error.status, demote.error.details[0]?.path]).toEqual([409, "role"]);
    expect(await roleOf(ownerMemberId)).toBe("owner");
    const promoted = await changeMemberRoleAction({ memberId: editorMemberId, role: "admin" });
    expect(promoted.ok && promoted.data.message).toMatch(/is now admin/);
    expect(await roleOf(editorMemberId)).toBe("admin");
  });
});

describe("the invitation page's actions", () => {
  it("sign an invitee up and back to the invitation, then refuse to join once it is revoked", async () => {
    as("owner");
    const email = uniqueEmail("joiner");
    const made = await inviteMemberAction({ email, role: "editor" });
    if (!made.ok) throw new Error(made.error.message);
    const id = made.data.invitation.id;

    const form = new FormData();
    for (const [k, v] of Object.entries({ invitationId: id, name: "Jo Joiner", email, password: TEST_PASSWORD })) form.set(k, v);
    session.headers = new Headers();
    expect(await redirected(() => signUpToJoinAction({ errors: {}, values: {} }, form))).toEqual({ to: `/invite/${id}` });

    const signedIn = await ctx.auth.api.signInEmail({ body: { email, password: TEST_PASSWORD }, returnHeaders: true });
    session.headers = new Headers({ cookie: signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") });
    expect((await revokeInvitationAction({ invitationId: id })).ok).toBe(true);
    const refused = await redirected(() => acceptInvitationAction(id, { error: null }));
    expect(refused).toEqual({ state: { error: expect.stringMatching(/^This invitation was revoked\./) } });

    // A fresh invitation for the same person is accepted, and Join opens Compose.
    const again = await inviteMemberAction({ email, role: "viewer" });
    if (!again.ok) throw new Error(again.error.message);
    expect(await redirected(() => acceptInvitationAction(again.data.invitation.id, { error: null }))).toEqual({ to: "/compose" });
  });
});
