// Team use-cases on a real database: an invitation this app writes is accepted by better-auth's
// own accept flow with its role; an invitation for a member is refused naming `email`; a second
// one replaces the first; revoked, expired and used invitations cannot be accepted and say why;
// the last owner can be neither demoted nor removed; another organization sees nothing of it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { invitations, sessions } from "@/db/schema";
import { installAppContext, openTestContext, uniqueEmail } from "@/test/db";
import { TEST_PASSWORD, makeOrganization } from "@/test/factories";
import type { AppContext } from "../context";
import type { InvitationMail } from "./team-mail";
import { acceptInvitation, changeMemberRole, createInvitation, invitationForPage, listTeam, removeMember, revokeInvitation, signUpInvitee } from "./team";

let ctx: AppContext;
let org: Awaited<ReturnType<typeof makeOrganization>>;
let other: Awaited<ReturnType<typeof makeOrganization>>;
const now = () => new Date();
const actorOf = (o: typeof org, name = "Owner") => ({ userId: o.userId, userName: name, organizationId: o.organization.id, organizationName: o.organization.name });

beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  org = await makeOrganization(ctx.db, "Team Org");
  other = await makeOrganization(ctx.db, "Other Team Org");
});
afterAll(() => ctx.close());

/** Cookie headers of a fresh session for `email` (no organization made active). */
async function signIn(email: string): Promise<Headers> {
  const res = await ctx.auth.api.signInEmail({ body: { email, password: TEST_PASSWORD }, returnHeaders: true });
  return new Headers({ cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") });
}

async function invite(email: string, role: "owner" | "admin" | "editor" | "viewer" = "editor", mailer: ((m: InvitationMail) => Promise<void>) | null = null) {
  const r = await createInvitation(ctx, actorOf(org), { email, role }, now(), mailer);
  if (!r.ok) throw r.error;
  return r.value;
}

/** Signs `email` up from the invitation and returns their session. */
async function invitee(invitationId: string, email: string): Promise<Headers> {
  const up = await signUpInvitee(ctx, { invitationId, name: "Ivy Invitee", email, password: TEST_PASSWORD }, now());
  expect(up.ok, JSON.stringify(!up.ok && up.error)).toBe(true);
  return signIn(email);
}

const invitationStatus = async (id: string) => (await ctx.db.select({ s: invitations.status }).from(invitations).where(eq(invitations.id, id)))[0]?.s;

describe("createInvitation and acceptInvitation", () => {
  it("creates an invitation better-auth accepts with its role, and makes the organization active", async () => {
    const email = uniqueEmail("editor");
    const made = await invite(email.toUpperCase(), "editor");
    expect(made.link).toBe(`${ctx.config.publicBaseUrl}/invite/${made.invitation.id}`);
    expect(made.emailed).toBe(false);
    expect(made.invitation).toMatchObject({ email, role: "editor", state: "pending" });
    expect(Date.parse(made.invitation.expiresAt) - Date.now()).toBeGreaterThan(47 * 3600_000);

    const team = await listTeam(ctx, org.organization.id, now(), { withLinks: true });
    expect(team.invitations.map((i) => i.email)).toContain(email);
    expect((await listTeam(ctx, other.organization.id, now(), { withLinks: true })).invitations).toEqual([]);

    const page = await invitationForPage(ctx.db, made.invitation.id, now());
    expect(page).toMatchObject({ organizationName: "Team Org", role: "editor", state: "pending", hasAccount: false });

    const headers = await invitee(made.invitation.id, email);
    const accepted = await acceptInvitation(ctx, headers, made.invitation.id, now());
    expect(accepted).toEqual({ ok: true, value: { organizationId: org.organization.id, organizationName: "Team Org", role: "editor" } });
    const listed = (await listTeam(ctx, org.organization.id, now(), { withLinks: false })).members.find((m) => m.email === email);
    expect(listed).toMatchObject({ role: "editor", name: "Ivy Invitee" });
    const session = await ctx.auth.api.getSession({ headers });
    expect((session?.session as { activeOrganizationId?: string }).activeOrganizationId).toBe(org.organization.id);

    // Used up: accepting again, or signing up again, says so.
    const again = await acceptInvitation(ctx, headers, made.invitation.id, now());
    expect(!again.ok && again.error.message).toMatch(/already been used/);
    expect((await invitationForPage(ctx.db, made.invitation.id, now()))?.state).toBe("accepted");
  });

  it("refuses to invite an existing member, naming email, and writes nothing", async () => {
    const before = await ctx.db.$count(invitations, eq(invitations.organizationId, org.organization.id));
    const r = await createInvitation(ctx, actorOf(org), { email: org.email, role: "viewer" }, now(), null);
    expect(!r.ok && [r.error.status, r.error.details[0]?.path]).toEqual([409, "email"]);
    expect(await ctx.db.$count(invitations, eq(invitations.organizationId, org.organization.id))).toBe(before);
  });

  it("names the field of bad input: an email that is not one, an unknown role", async () => {
    const badEmail = await createInvitation(ctx, actorOf(org), { email: "not-an-email", role: "viewer" }, now(), null);
    expect(!badEmail.ok && [badEmail.error.status, badEmail.error.details[0]?.path]).toEqual([400, "email"]);
    const badRole = await createInvitation(ctx, actorOf(org), { email: uniqueEmail(), role: "superuser" }, now(), null);
    expect(!badRole.ok && [badRole.error.status, badRole.error.details[0]?.path]).toEqual([400, "role"]);
    const nul = await createInvitation(ctx, actorOf(org), { email: "a\u0000@example.test", role: "viewer" }, now(), null);
    expect(!nul.ok && nul.error.status).toBe(400);
  });

  it("replaces a pending invitation for the same email: the old link reads as revoked", async () => {
    const email = uniqueEmail("twice");
    const first = await invite(email, "viewer");
    const second = await invite(email, "admin");
    expect(second.replaced).toBe(true);
    expect(second.message).toMatch(/earlier invitation no longer works/);
    expect(await invitationStatus(first.invitation.id)).toBe("canceled");
    const pending = (await listTeam(ctx, org.organization.id, now(), { withLinks: true })).invitations.filter((i) => i.email === email);
    expect(pending.map((i) => [i.id, i.role])).toEqual([[second.invitation.id, "admin"]]);
  });

  it("refuses a revoked invitation, through our use-case and better-auth's endpoint alike", async () => {
    const email = uniqueEmail("revoked");
    const made = await invite(email);
    const headers = await invitee(made.invitation.id, email);
    expect(await revokeInvitation(ctx.db, org.organization.id, { invitationId: made.invitation.id }, now())).toMatchObject({ ok: true });
    const r = await acceptInvitation(ctx, headers, made.invitation.id, now());
    expect(!r.ok && [r.error.status, r.error.message]).toEqual([409, expect.stringMatching(/^This invitation was revoked\./)]);
    await expect(ctx.auth.api.acceptInvitation({ headers, body: { invitationId: made.invitation.id } })).rejects.toThrow();
    expect((await listTeam(ctx, org.organization.id, now(), { withLinks: false })).members.some((m) => m.email === email)).toBe(false);
    // Revoking twice: 409, naming the invitation.
    const twice = await revokeInvitation(ctx.db, org.organization.id, { invitationId: made.invitation.id }, now());
    expect(!twice.ok && [twice.error.status, twice.error.details[0]?.path]).toEqual([409, "invitationId"]);
  });

  it("refuses an expired invitation, and one addressed to someone else", async () => {
    const email = uniqueEmail("late");
    const made = await invite(email);
    const headers = await invitee(made.invitation.id, email);
    const later = new Date(Date.now() + 49 * 3600_000);
    const r = await acceptInvitation(ctx, headers, made.invitation.id, later);
    expect(!r.ok && r.error.message).toMatch(/^This invitation has expired/);
    expect((await invitationForPage(ctx.db, made.invitation.id, later))?.state).toBe("expired");

    const stranger = await makeOrganization(ctx.db, "Stranger Home");
    const wrong = await acceptInvitation(ctx, await signIn(stranger.email), made.invitation.id, now());
    expect(!wrong.ok && wrong.error.status).toBe(403);
    expect(await invitationStatus(made.invitation.id)).toBe("pending");
  });

  it("lets an invitee sign up only with the invited email, once", async () => {
    const email = uniqueEmail("signup");
    const made = await invite(email);
    const wrong = await signUpInvitee(ctx, { invitationId: made.invitation.id, name: "X", email: uniqueEmail("other"), password: TEST_PASSWORD }, now());
    expect(!wrong.ok && [wrong.error.status, wrong.error.details[0]?.path]).toEqual([400, "email"]);
    await invitee(made.invitation.id, email);
    const twice = await signUpInvitee(ctx, { invitationId: made.invitation.id, name: "X", email, password: TEST_PASSWORD }, now());
    expect(!twice.ok && [twice.error.status, twice.error.details[0]?.path]).toEqual([409, "email"]);
    expect((await invitationForPage(ctx.db, made.invitation.id, now()))?.hasAccount).toBe(true);
    const unknown = await signUpInvitee(ctx, { invitationId: "nope", name: "X", email, password: TEST_PASSWORD }, now());
    expect(!unknown.ok && unknown.error.status).toBe(404);
  });

  it("e-mails the link when a mailer is configured, and still invites when sending fails", async () => {
    const sent: InvitationMail[] = [];
    const email = uniqueEmail("mailed");
    const made = await invite(email, "viewer", async (m) => {
      sent.push(m);
    });
    expect(made.emailed).toBe(true);
    expect(sent).toEqual([expect.objectContaining({ to: email, link: made.link, organizationName: "Team Org", role: "viewer" })]);

    const warn = vi.spyOn(console, "error").mockImplementation(() => {});
    const failed = await invite(uniqueEmail("unmailed"), "viewer", () => Promise.reject(Object.assign(new Error("Invalid login"), { code: "EAUTH", responseCode: 535 })));
    expect(failed.emailed).toBe(false);
    expect(failed.message).toMatch(/could not be sent/);
    expect(await invitationStatus(failed.invitation.id)).toBe("pending");
    expect(warn.mock.calls.flat().join(" ")).toMatch(/EAUTH \(SMTP 535\)/);
    warn.mockRestore();
  });
});

describe("changeMemberRole and removeMember", () => {
  it("never demotes or removes the last owner, and does once there is another", async () => {
    const solo = await makeOrganization(ctx.db, "Solo Org");
    const ownerMember = (await listTeam(ctx, solo.organization.id, now(), { withLinks: false })).members[0]!;
    const demote = await changeMemberRole(ctx.db, actorOf(solo), { memberId: ownerMember.id, role: "admin" });
    expect(!demote.ok && [demote.error.status, demote.error.details[0]?.path, demote.error.message]).toEqual([409, "role", expect.stringMatching(/only owner/)]);
    const remove = await removeMember(ctx.db, actorOf(solo), { memberId: ownerMember.id });
    expect(!remove.ok && [remove.error.status, remove.error.details[0]?.path]).toEqual([409, "memberId"]);
    expect((await listTeam(ctx, solo.organization.id, now(), { withLinks: false })).members.map((m) => m.role)).toEqual(["owner"]);

    // A second owner: now the first may step down, and the second may remove them.
    const second = await makeOrganization(ctx.db, "Second Home");
    await ctx.auth.api.addMember({ body: { userId: second.userId, organizationId: solo.organization.id, role: "editor" } });
    const secondMember = (await listTeam(ctx, solo.organization.id, now(), { withLinks: false })).members.find((m) => m.userId === second.userId)!;
    expect(await changeMemberRole(ctx.db, actorOf(solo), { memberId: secondMember.id, role: "owner" })).toMatchObject({ ok: true, value: { member: { role: "owner" } } });
    expect(await changeMemberRole(ctx.db, actorOf(solo), { memberId: ownerMember.id, role: "admin" })).toMatchObject({ ok: true });
    // The first is an admin now: no longer allowed to manage members (their role is read again).
    const noLonger = await removeMember(ctx.db, actorOf(solo), { memberId: secondMember.id });
    expect(!noLonger.ok && noLonger.error.status).toBe(403);
    const secondActor = { ...actorOf(second), organizationId: solo.organization.id, organizationName: "Solo Org" };
    const headers = await signIn(solo.email);
    await ctx.auth.api.setActiveOrganization({ headers, body: { organizationId: solo.organization.id } });
    expect(await removeMember(ctx.db, secondActor, { memberId: ownerMember.id })).toMatchObject({ ok: true });
    expect((await listTeam(ctx, solo.organization.id, now(), { withLinks: false })).members.map((m) => m.userId)).toEqual([second.userId]);
    // The removed member's session no longer points at the organization.
    const [row] = await ctx.db.select({ a: sessions.activeOrganizationId }).from(sessions).where(eq(sessions.userId, solo.userId));
    expect(row?.a ?? null).toBeNull();
  });

  it("leaves one owner when two owners demote each other at the same moment", async () => {
    const a = await makeOrganization(ctx.db, "Duel Org");
    const b = await makeOrganization(ctx.db, "Duel B Home");
    await ctx.auth.api.addMember({ body: { userId: b.userId, organizationId: a.organization.id, role: "owner" } });
    const rows = (await listTeam(ctx, a.organization.id, now(), { withLinks: false })).members;
    const [ma, mb] = [rows.find((m) => m.userId === a.userId)!, rows.find((m) => m.userId === b.userId)!];
    const actorB = { ...actorOf(b), organizationId: a.organization.id, organizationName: "Duel Org" };
    const results = await Promise.all([
      changeMemberRole(ctx.db, actorOf(a), { memberId: mb.id, role: "editor" }),
      changeMemberRole(ctx.db, actorB, { memberId: ma.id, role: "editor" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    // Whoever came second is either no longer an owner (403) or would demote the last one (409).
    expect(refused && !refused.ok && [403, 409]).toContain(refused && !refused.ok && refused.error.status);
    expect((await listTeam(ctx, a.organization.id, now(), { withLinks: false })).members.filter((m) => m.role === "owner")).toHaveLength(1);
  });

  it("keeps tenants apart: another organization's members and invitations are 404", async () => {
    const made = await invite(uniqueEmail("tenant"));
    const ownerMember = (await listTeam(ctx, org.organization.id, now(), { withLinks: false })).members[0]!;
    const revoke = await revokeInvitation(ctx.db, other.organization.id, { invitationId: made.invitation.id }, now());
    expect(!revoke.ok && [revoke.error.status, revoke.error.details[0]?.path]).toEqual([404, "invitationId"]);
    const change = await changeMemberRole(ctx.db, actorOf(other), { memberId: ownerMember.id, role: "viewer" });
    expect(!change.ok && [change.error.status, change.error.details[0]?.path]).toEqual([404, "memberId"]);
    const remove = await removeMember(ctx.db, actorOf(other), { memberId: ownerMember.id });
    expect(!remove.ok && remove.error.status).toBe(404);
    expect(await invitationStatus(made.invitation.id)).toBe("pending");
  });
});
