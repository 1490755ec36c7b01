// Team use-cases (dashboard.md §5): the members and pending invitations of an organization,
// inviting (a row better-auth's accept-invitation endpoint takes, e-mailed when SMTP_URL is
// set), revoking, changing roles and removing members (never the last owner), and the
// invitee's side: signing up from an invitation and accepting it. Every query is scoped to the
// acting member's organization; only the invitation page looks an invitation up by its id,
// which is the secret its link carries.
import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { APIError } from "better-auth/api";
import { hashPassword } from "better-auth/crypto";
import type { Db } from "@/db/client";
import { findMembership, findUserByEmail, insertUserWithPassword } from "@/db/queries/organizations";
import * as q from "@/db/queries/team";
import { AppError, type Result, resultOf } from "@/lib/domain/errors";
import { isRole } from "@/lib/domain/roles";
import {
  INVITATION_TTL_SECONDS,
  type InvitationState,
  type MemberChange,
  ROLE_LABEL,
  changeMemberRoleSchema,
  invitationLink,
  invitationProblem,
  invitationState,
  inviteMemberSchema,
  joinSignUpSchema,
  memberChangeRefusal,
  removeMemberSchema,
  revokeInvitationSchema,
} from "@/lib/domain/team";
import type { AppContext } from "../context";
import { parseOrThrow as parse } from "../http/envelope";
import { logger } from "../logger";
import type { Member } from "./session";
import { mayEmailSignUp, signupRefused } from "./signup";
import { type InvitationMailer, invitationMailer } from "./team-mail";

export type TeamMember = { id: string; userId: string; name: string; email: string; role: string; joinedAt: string };
export type PendingInvitation = {
  id: string;
  email: string;
  role: string;
  state: "pending" | "expired";
  expiresAt: string;
  createdAt: string;
  inviterName: string;
  /** Only for those who manage members: the link is what lets someone in. */
  link: string | null;
};
export type Team = { members: TeamMember[]; invitations: PendingInvitation[] };

type Ctx = Pick<AppContext, "db" | "config">;
type Actor = Pick<Member, "userId" | "userName" | "organizationId" | "organizationName">;

const roleWord = (role: string) => (isRole(role) ? ROLE_LABEL[role].toLowerCase() : role);

/** The organization's members (oldest first) and its invitations still marked pending. */
export async function listTeam(ctx: Ctx, organizationId: string, now: Date, opts: { withLinks: boolean }): Promise<Team> {
  const [members, invitations] = await Promise.all([q.listMembers(ctx.db, { organizationId }), q.listPendingInvitations(ctx.db, { organizationId })]);
  return {
    members: members.map((m) => ({ id: m.id, userId: m.userId, name: m.name, email: m.email, role: m.role, joinedAt: m.joinedAt.toISOString() })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      state: invitationState(i, now) === "pending" ? "pending" : "expired",
      expiresAt: i.expiresAt.toISOString(),
      createdAt: i.createdAt.toISOString(),
      inviterName: i.inviterName,
      link: opts.withLinks ? invitationLink(ctx.config.publicBaseUrl, i.id) : null,
    })),
  };
}

export type CreatedInvitation = { invitation: PendingInvitation; link: string; emailed: boolean; replaced: boolean; message: string };

/**
 * Invites `email` with `role`. An email that is already a member is a 409 naming `email`. A
 * second invitation for an email with one pending replaces it: the old link stops working (it
 * reads as revoked), so re-inviting with another role or after a lost link just works.
 */
export function createInvitation(ctx: Ctx, actor: Actor, body: unknown, now: Date, mailer: InvitationMailer | null = invitationMailer(ctx.config)): Promise<Result<CreatedInvitation>> {
  return resultOf(async () => {
    const { email, role } = parse(inviteMemberSchema, body);
    const organizationId = actor.organizationId;
    const id = randomBytes(24).toString("base64url");
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_SECONDS * 1000);
    const replaced = await ctx.db.transaction(async (tx) => {
      await lockOrThrow(tx, organizationId);
      if (await q.findMemberByEmail(tx, { organizationId, email })) {
        throw new AppError("conflict", `email: ${email} is already a member of ${actor.organizationName}`, [{ path: "email", message: `${email} is already a member of ${actor.organizationName}` }]);
      }
      const cancelled = await q.cancelPendingInvitations(tx, { organizationId, email });
      await q.insertInvitation(tx, { id, organizationId, email, role, inviterId: actor.userId, expiresAt, now });
      return cancelled > 0;
    });
    const link = invitationLink(ctx.config.publicBaseUrl, id);
    const emailed = mailer ? await send(mailer, { to: email, organizationName: actor.organizationName, inviterName: actor.userName, role, link, expiresAt }) : false;
    const parts = [`Invited ${email} as ${roleWord(role)}.`];
    if (replaced) parts.push("Their earlier invitation no longer works.");
    parts.push(emailed ? "We e-mailed them the link." : mailer ? "The e-mail could not be sent: copy the link and send it yourself." : "Copy the link and send it to them.");
    return {
      invitation: { id, email, role, state: "pending" as const, expiresAt: expiresAt.toISOString(), createdAt: now.toISOString(), inviterName: actor.userName, link },
      link,
      emailed,
      replaced,
      message: parts.join(" "),
    };
  });
}

async function send(mailer: InvitationMailer, mail: Parameters<InvitationMailer>[0]): Promise<boolean> {
  try {
    await mailer(mail);
    return true;
  } catch (error) {
    // Only the failure's kind: an SMTP error can quote the server's reply, never our URL, but
    // there is no reason to print more than the operator needs to look further.
    const e = error as { code?: unknown; responseCode?: unknown };
    logger.warn(`invitation e-mail not sent: ${String(e.code ?? "error")}${e.responseCode ? ` (SMTP ${String(e.responseCode)})` : ""}`);
    return false;
  }
}

async function lockOrThrow(db: Db, organizationId: string) {
  if (!(await q.lockOrganization(db, { organizationId }))) throw new AppError("not_found", "The organization no longer exists");
}

/** Revokes a pending (or expired) invitation; its link then says it was revoked. */
export function revokeInvitation(db: Db, organizationId: string, body: unknown, now: Date): Promise<Result<{ id: string; message: string }>> {
  return resultOf(async () => {
    const { invitationId } = parse(revokeInvitationSchema, body);
    const found = await q.findInvitation(db, { organizationId, invitationId });
    if (!found) throw new AppError("not_found", "invitationId: no such invitation", [{ path: "invitationId", message: "no such invitation" }]);
    const state = invitationState(found, now);
    if (state !== "pending" && state !== "expired") {
      const why = state === "accepted" ? "was already accepted" : state === "declined" ? "was declined" : "was already revoked";
      throw new AppError("conflict", `invitationId: the invitation for ${found.email} ${why}`, [{ path: "invitationId", message: why }]);
    }
    if (!(await q.cancelInvitation(db, { organizationId, invitationId }))) {
      // Accepted or revoked between the read and the write.
      throw new AppError("conflict", `invitationId: the invitation for ${found.email} is no longer pending`, [{ path: "invitationId", message: "is no longer pending" }]);
    }
    return { id: invitationId, message: `Revoked the invitation for ${found.email}.` };
  });
}

type ChangedMember = { member: TeamMember | null; message: string };

/** Changes a member's role; the last owner keeps theirs (409 naming `role`). */
export function changeMemberRole(db: Db, actor: Actor, body: unknown): Promise<Result<ChangedMember>> {
  return resultOf(async () => {
    const { memberId, role } = parse(changeMemberRoleSchema, body);
    return changeMember(db, actor, memberId, { kind: "role", role }, async (tx, target) => {
      if (target.role !== role) await q.updateMemberRole(tx, { organizationId: actor.organizationId, memberId, role });
      const member = await memberRow(tx, actor.organizationId, memberId);
      return { member, message: target.role === role ? `${target.name} is already ${roleWord(role)}.` : `${target.name} is now ${roleWord(role)}.` };
    });
  });
}

/** Removes a member; the last owner stays (409 naming `memberId`). */
export function removeMember(db: Db, actor: Actor, body: unknown): Promise<Result<ChangedMember>> {
  return resultOf(async () => {
    const { memberId } = parse(removeMemberSchema, body);
    return changeMember(db, actor, memberId, { kind: "remove" }, async (tx, target) => {
      await q.deleteMember(tx, { organizationId: actor.organizationId, memberId, userId: target.userId });
      return { member: null, message: `Removed ${target.name} (${target.email}) from ${actor.organizationName}.` };
    });
  });
}

/**
 * The shared part of a change: under the organization's lock, the actor's current role and the
 * owner count are read again, so two owners demoting each other at once leave one owner.
 */
async function changeMember(
  db: Db,
  actor: Actor,
  memberId: string,
  change: MemberChange,
  apply: (tx: Db, target: NonNullable<Awaited<ReturnType<typeof q.findMember>>>) => Promise<ChangedMember>,
): Promise<ChangedMember> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    await lockOrThrow(tx, organizationId);
    const target = await q.findMember(tx, { organizationId, memberId });
    if (!target) throw new AppError("not_found", "memberId: no such member", [{ path: "memberId", message: "no such member" }]);
    const actorRole = (await findMembership(tx, { userId: actor.userId, organizationId }))?.role ?? "none";
    const refusal = memberChangeRefusal({ actorRole, target, ownerCount: await q.countOwners(tx, { organizationId }), change });
    if (refusal) throw new AppError(refusal.kind, refusal.message, [{ path: refusal.path, message: refusal.message }]);
    return apply(tx, target);
  });
}

async function memberRow(db: Db, organizationId: string, memberId: string): Promise<TeamMember | null> {
  const rows = await q.listMembers(db, { organizationId });
  const m = rows.find((r) => r.id === memberId);
  return m ? { id: m.id, userId: m.userId, name: m.name, email: m.email, role: m.role, joinedAt: m.joinedAt.toISOString() } : null;
}

export type InvitationView = {
  id: string;
  email: string;
  role: string;
  organizationId: string;
  organizationName: string;
  inviterName: string;
  expiresAt: string;
  state: InvitationState;
  /** Whether a user with the invited email exists: the page then offers sign-in first. */
  hasAccount: boolean;
};

/** What the invitation page shows, or null for an id that matches no invitation. */
export async function invitationForPage(db: Db, invitationId: string, now: Date): Promise<InvitationView | null> {
  if (!invitationId || invitationId.length > 200) return null;
  const inv = await q.findInvitationById(db, { invitationId });
  if (!inv) return null;
  return {
    id: inv.id,
    email: inv.email,
    role: inv.role,
    organizationId: inv.organizationId,
    organizationName: inv.organizationName,
    inviterName: inv.inviterName,
    expiresAt: inv.expiresAt.toISOString(),
    state: invitationState(inv, now),
    hasAccount: Boolean(await findUserByEmail(db, { email: inv.email.toLowerCase() })),
  };
}

/** Whether the user already belongs to the organization (the invitation page then says so). */
export function isMemberOf(db: Db, organizationId: string, userId: string): Promise<boolean> {
  return q.isMember(db, { organizationId, userId });
}

/** A pending invitation, or the AppError that says in plain words why it cannot be used. */
async function usableInvitation(db: Db, invitationId: string, now: Date) {
  const inv = await q.findInvitationById(db, { invitationId });
  if (!inv) throw new AppError("not_found", "invitationId: no such invitation", [{ path: "invitationId", message: "no such invitation" }]);
  const state = invitationState(inv, now);
  if (state !== "pending") {
    const { title, message } = invitationProblem(state, inv.organizationName);
    throw new AppError("conflict", `${title}. ${message}`, [{ path: "invitationId", message: title }]);
  }
  return inv;
}

/**
 * Creates the invitee's user (email and password, no organization of their own) so they can
 * sign in and accept. Only the invited email, only while the invitation is pending.
 */
export function signUpInvitee(ctx: Ctx, body: unknown, now: Date): Promise<Result<{ email: string; password: string; invitationId: string }>> {
  return resultOf(async () => {
    const input = parse(joinSignUpSchema, body);
    const inv = await usableInvitation(ctx.db, input.invitationId, now);
    if (inv.email.toLowerCase() !== input.email) {
      throw new AppError("validation_error", `email: use the address the invitation was sent to (${inv.email})`, [{ path: "email", message: `Use the address the invitation was sent to (${inv.email})` }]);
    }
    // The policy admits a pending invitation's email under both settings; asked anyway, so the
    // one rule decides (lib/domain/signup.ts).
    if (!(await mayEmailSignUp(ctx.db, ctx.config.signup, input.email, now))) throw signupRefused();
    const passwordHash = await hashPassword(input.password);
    try {
      await ctx.db.transaction(async (tx) => {
        if (await findUserByEmail(tx, { email: input.email })) throw accountExists();
        await insertUserWithPassword(tx, { id: randomUUID(), name: input.name, email: input.email, passwordHash, now });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw accountExists();
      throw e;
    }
    return { email: input.email, password: input.password, invitationId: input.invitationId };
  });
}

function accountExists(): AppError {
  return new AppError("conflict", "email: an account with this email already exists: sign in instead", [{ path: "email", message: "An account with this email already exists. Sign in instead." }]);
}

function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Accepts an invitation for the user signed in with `requestHeaders`, through better-auth's
 * accept-invitation (which adds the member and makes the organization the session's active
 * one). Unusable invitations, another user's invitation and an existing membership are refused
 * in plain words first.
 */
export function acceptInvitation(ctx: Pick<AppContext, "db" | "auth">, requestHeaders: Headers, invitationId: string, now: Date): Promise<Result<{ organizationId: string; organizationName: string; role: string }>> {
  return resultOf(async () => {
    const session = await ctx.auth.api.getSession({ headers: requestHeaders });
    if (!session) throw new AppError("unauthorized", "Sign in or create an account to accept the invitation.");
    const inv = await usableInvitation(ctx.db, invitationId, now);
    if (inv.email.toLowerCase() !== session.user.email.toLowerCase()) {
      throw new AppError("forbidden", `This invitation is for ${inv.email}, and you are signed in as ${session.user.email}. Sign out and use ${inv.email}.`);
    }
    if (await q.isMember(ctx.db, { organizationId: inv.organizationId, userId: session.user.id })) {
      throw new AppError("conflict", `You are already a member of ${inv.organizationName}.`, [{ path: "invitationId", message: "already a member" }]);
    }
    try {
      await ctx.auth.api.acceptInvitation({ headers: requestHeaders, body: { invitationId } });
    } catch (error) {
      if (!(error instanceof APIError)) throw error;
      // Lost a race with a revoke or another accept, or a limit: better-auth's words.
      const kind = error.status === "FORBIDDEN" ? "forbidden" : "conflict";
      throw new AppError(kind, `The invitation could not be accepted: ${error.message}`, [{ path: "invitationId", message: error.message }]);
    }
    return { organizationId: inv.organizationId, organizationName: inv.organizationName, role: inv.role };
  });
}
