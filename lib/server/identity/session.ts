// The signed-in member for dashboard pages and server actions.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { findMembership, hasAnyUser } from "@/db/queries/organizations";
import { type Role, isRole } from "@/lib/domain/roles";
import { type AppContext, getAppContext } from "../context";

export type Member = {
  userId: string;
  userName: string;
  email: string;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  role: Role;
};

/** The current member, or null when nobody is signed in (or they belong to no organization). */
export async function currentMember(ctx?: AppContext): Promise<Member | null> {
  const app = ctx ?? (await getAppContext());
  return memberOfRequest(app, await headers());
}

/** The member whose session cookie `requestHeaders` carry, or null. */
export async function memberOfRequest(app: AppContext, requestHeaders: Headers): Promise<Member | null> {
  const session = await app.auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const membership = await findMembership(app.db, {
    userId: session.user.id,
    organizationId: (session.session as { activeOrganizationId?: string | null }).activeOrganizationId,
  }) ?? (await findMembership(app.db, { userId: session.user.id }));
  if (!membership || !isRole(membership.role)) return null;
  return {
    userId: session.user.id,
    userName: session.user.name,
    email: session.user.email,
    organizationId: membership.organizationId,
    organizationName: membership.organizationName,
    organizationSlug: membership.organizationSlug,
    role: membership.role,
  };
}

/** The current member; sends visitors to sign-in. */
export async function requireMember(): Promise<Member> {
  const member = await currentMember();
  if (!member) redirect("/sign-in");
  return member;
}

/** Where `/` sends a visitor: members to Compose; a fresh install to sign-up, others to sign-in. */
export async function homePath(ctx?: AppContext): Promise<"/compose" | "/sign-in" | "/sign-up"> {
  const app = ctx ?? (await getAppContext());
  if (await currentMember(app)) return "/compose";
  return (await hasAnyUser(app.db)) ? "/sign-in" : "/sign-up";
}
