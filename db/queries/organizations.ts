// Users, organizations and memberships. (db, params) functions; no business rules here.
import "server-only";
import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { authAccounts, invitations, members, organizations, users } from "../schema";

export async function findUserByEmail(db: Db, params: { email: string }) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.email, params.email))
    .limit(1);
  return row ?? null;
}

export async function insertUserWithPassword(
  db: Db,
  params: { id: string; name: string; email: string; passwordHash: string; now: Date },
) {
  await db.insert(users).values({
    id: params.id,
    name: params.name,
    email: params.email,
    emailVerified: false,
    createdAt: params.now,
    updatedAt: params.now,
  });
  // better-auth's email-and-password credential: provider "credential", accountId = user id.
  await db.insert(authAccounts).values({
    id: `cred_${params.id}`,
    accountId: params.id,
    providerId: "credential",
    userId: params.id,
    password: params.passwordHash,
    createdAt: params.now,
    updatedAt: params.now,
  });
}

export async function findOrganizationBySlug(db: Db, params: { slug: string }) {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, params.slug))
    .limit(1);
  return row ?? null;
}

export async function insertOrganizationWithOwner(
  db: Db,
  params: { id: string; name: string; slug: string; ownerUserId: string; memberId: string; now: Date },
) {
  await db.insert(organizations).values({
    id: params.id,
    name: params.name,
    slug: params.slug,
    createdAt: params.now,
  });
  await db.insert(members).values({
    id: params.memberId,
    organizationId: params.id,
    userId: params.ownerUserId,
    role: "owner",
    createdAt: params.now,
  });
}

/** An organization by its id or its slug. */
export async function findOrganization(db: Db, params: { idOrSlug: string }) {
  const [row] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(or(eq(organizations.id, params.idOrSlug), eq(organizations.slug, params.idOrSlug)))
    .limit(1);
  return row ?? null;
}

/** The user's membership in `organizationId`, or their oldest membership when it is omitted. */
export async function findMembership(db: Db, params: { userId: string; organizationId?: string | null }) {
  const [row] = await db
    .select({
      role: members.role,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(
      params.organizationId
        ? and(eq(members.userId, params.userId), eq(members.organizationId, params.organizationId))
        : eq(members.userId, params.userId),
    )
    .orderBy(asc(members.createdAt), asc(members.id))
    .limit(1);
  return row ?? null;
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return Boolean(row);
}

export async function hasAnyOrganization(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).limit(1);
  return Boolean(row);
}

/** Whether `email` (any letter case) has an invitation still pending and unexpired at `now`. */
export async function hasPendingInvitation(db: Db, params: { email: string; now: Date }): Promise<boolean> {
  const [row] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(sql`lower(${invitations.email})`, params.email.toLowerCase()),
        eq(invitations.status, "pending"),
        gt(invitations.expiresAt, params.now),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Serialises sign-ups until the transaction ends, so two first sign-ups on a fresh instance
 * cannot both see "no organization yet".
 */
export async function lockSignups(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(72736116)`);
}
