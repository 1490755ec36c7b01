// Members and invitations of one organization (better-auth's tables). (db, params) functions; no
// rules here: the last-owner rule and the invitation states are lib/domain/team.ts.
import "server-only";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { invitations, members, organizations, sessions, users } from "../schema";

/**
 * Holds the organization's row until the transaction ends, so two membership changes (two
 * owners demoting each other, say) are decided one after the other and never both see "there
 * is another owner".
 */
export async function lockOrganization(db: Db, params: { organizationId: string }): Promise<boolean> {
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, params.organizationId))
    .for("update");
  return rows.length > 0;
}

export async function listMembers(db: Db, params: { organizationId: string }) {
  return db
    .select({ id: members.id, userId: members.userId, role: members.role, joinedAt: members.createdAt, name: users.name, email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.organizationId, params.organizationId))
    .orderBy(asc(members.createdAt), asc(members.id));
}

export async function findMember(db: Db, params: { organizationId: string; memberId: string }) {
  const [row] = await db
    .select({ id: members.id, userId: members.userId, role: members.role, name: users.name, email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, params.organizationId), eq(members.id, params.memberId)))
    .limit(1);
  return row ?? null;
}

/** The member whose user has `email` (any letter case), or null. */
export async function findMemberByEmail(db: Db, params: { organizationId: string; email: string }) {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, params.organizationId), eq(sql`lower(${users.email})`, params.email.toLowerCase())))
    .limit(1);
  return row ?? null;
}

export async function isMember(db: Db, params: { organizationId: string; userId: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, params.organizationId), eq(members.userId, params.userId)))
    .limit(1);
  return Boolean(row);
}

export async function countOwners(db: Db, params: { organizationId: string }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.organizationId, params.organizationId), eq(members.role, "owner")));
  return Number(row?.n ?? 0);
}

export async function updateMemberRole(db: Db, params: { organizationId: string; memberId: string; role: string }) {
  await db
    .update(members)
    .set({ role: params.role })
    .where(and(eq(members.organizationId, params.organizationId), eq(members.id, params.memberId)));
}

/**
 * Deletes the membership and clears it as the active organization of the user's sessions, so
 * the removed member's next request falls back to another organization of theirs (or sign-in).
 */
export async function deleteMember(db: Db, params: { organizationId: string; memberId: string; userId: string }) {
  await db.delete(members).where(and(eq(members.organizationId, params.organizationId), eq(members.id, params.memberId)));
  await db
    .update(sessions)
    .set({ activeOrganizationId: null })
    .where(and(eq(sessions.userId, params.userId), eq(sessions.activeOrganizationId, params.organizationId)));
}

/** Invitations still marked pending (expired ones too: the page shows them as expired). */
export async function listPendingInvitations(db: Db, params: { organizationId: string }) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, status: invitations.status, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt, inviterName: users.name })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.inviterId))
    .where(and(eq(invitations.organizationId, params.organizationId), eq(invitations.status, "pending")))
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
}

/** One invitation of the organization, whatever its status. */
export async function findInvitation(db: Db, params: { organizationId: string; invitationId: string }) {
  const [row] = await db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, status: invitations.status, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.organizationId, params.organizationId), eq(invitations.id, params.invitationId)))
    .limit(1);
  return row ?? null;
}

/**
 * An invitation by id alone, for the invitation page: the id is the secret the link carries,
 * so whoever holds it may see which organization and role it is for.
 */
export async function findInvitationById(db: Db, params: { invitationId: string }) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      expiresAt: invitations.expiresAt,
      organizationId: invitations.organizationId,
      organizationName: organizations.name,
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .innerJoin(users, eq(users.id, invitations.inviterId))
    .where(eq(invitations.id, params.invitationId))
    .limit(1);
  return row ?? null;
}

/** Marks every pending invitation of `email` in the organization canceled; returns how many. */
export async function cancelPendingInvitations(db: Db, params: { organizationId: string; email: string }): Promise<number> {
  const rows = await db
    .update(invitations)
    .set({ status: "canceled" })
    .where(
      and(
        eq(invitations.organizationId, params.organizationId),
        eq(sql`lower(${invitations.email})`, params.email.toLowerCase()),
        eq(invitations.status, "pending"),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}

/** Cancels one pending invitation; false when it was not pending (any more). */
export async function cancelInvitation(db: Db, params: { organizationId: string; invitationId: string }): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ status: "canceled" })
    .where(and(eq(invitations.organizationId, params.organizationId), eq(invitations.id, params.invitationId), eq(invitations.status, "pending")))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** A pending invitation in better-auth's own shape, so its accept-invitation endpoint takes it. */
export async function insertInvitation(
  db: Db,
  params: { id: string; organizationId: string; email: string; role: string; inviterId: string; expiresAt: Date; now: Date },
) {
  await db.insert(invitations).values({
    id: params.id,
    organizationId: params.organizationId,
    email: params.email,
    role: params.role,
    status: "pending",
    inviterId: params.inviterId,
    expiresAt: params.expiresAt,
    createdAt: params.now,
  });
}
