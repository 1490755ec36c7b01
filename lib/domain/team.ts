// Team (dashboard.md §5): members, roles and invitations. The pure half: what state an
// invitation is in, who may change whom (never leaving an organization without an owner), the
// inputs of every team action, and the words the invitation page and e-mail use.
import { z } from "zod";
import { passwordSchema } from "./auth";
import { ROLES, type Role, can } from "./roles";

/** How long an invitation link works: better-auth's default, 48 hours (in seconds). */
export const INVITATION_TTL_SECONDS = 48 * 60 * 60;

/** better-auth's statuses are pending | accepted | rejected | canceled; expiry is read from the time. */
export type InvitationState = "pending" | "expired" | "revoked" | "accepted" | "declined";

/** The state of an invitation row at `now`: a pending row past its `expiresAt` is expired. */
export function invitationState(row: { status: string; expiresAt: Date }, now: Date): InvitationState {
  switch (row.status) {
    case "pending":
      return row.expiresAt.getTime() > now.getTime() ? "pending" : "expired";
    case "accepted":
      return "accepted";
    case "rejected":
      return "declined";
    default:
      // "canceled", and anything a later better-auth adds: not usable, say it was withdrawn.
      return "revoked";
  }
}

/** What the invitation page says about an invitation that can no longer be used. */
export function invitationProblem(state: Exclude<InvitationState, "pending">, organizationName: string): { title: string; message: string } {
  switch (state) {
    case "expired":
      return { title: "This invitation has expired", message: `Invitations work for 48 hours. Ask an owner of ${organizationName} to invite you again.` };
    case "revoked":
      return { title: "This invitation was revoked", message: `An owner of ${organizationName} withdrew it. Ask them for a new invitation if you still need access.` };
    case "accepted":
      return { title: "This invitation has already been used", message: `It was accepted already. If that was you, sign in to open ${organizationName}.` };
    case "declined":
      return { title: "This invitation was declined", message: `Ask an owner of ${organizationName} for a new invitation if you changed your mind.` };
  }
}

/**
 * "in 48 hours", "in 12 minutes", "2 hours ago": how far `at` is from `now`, to the nearest unit
 * (a fresh invitation reads "in 48 hours", not "in 47"); days only beyond 48 hours.
 */
export function timeFromNow(at: Date, now: Date): string {
  const ms = at.getTime() - now.getTime();
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const [n, unit] = minutes > 48 * 60 ? [Math.round(minutes / 1440), "day"] : minutes >= 60 ? [Math.round(minutes / 60), "hour"] : [Math.max(1, minutes), "minute"];
  const words = `${n} ${unit}${n === 1 ? "" : "s"}`;
  return ms >= 0 ? `in ${words}` : `${words} ago`;
}

/** What each role may do, in the words the Team page and the invitation use. */
export const ROLE_SUMMARY: Record<Role, string> = {
  owner: "everything, including members and the organization",
  admin: "accounts, labels, API keys and posts",
  editor: "creates and changes posts",
  viewer: "reads only",
};

export const ROLE_LABEL: Record<Role, string> = { owner: "Owner", admin: "Admin", editor: "Editor", viewer: "Viewer" };

const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });
const id = (what: string) => z.string({ error: `must be the ${what}'s id` }).trim().min(1, `must be the ${what}'s id`).max(200, "is too long");

export const emailSchema = z
  .string({ error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .max(254, "Use at most 254 characters")
  .pipe(z.email("Enter a valid email address"));

export const inviteMemberSchema = z.strictObject({ email: emailSchema, role });
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

export const changeMemberRoleSchema = z.strictObject({ memberId: id("member"), role });
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleSchema>;

export const removeMemberSchema = z.strictObject({ memberId: id("member") });
export type RemoveMemberInput = z.infer<typeof removeMemberSchema>;

export const revokeInvitationSchema = z.strictObject({ invitationId: id("invitation") });
export type RevokeInvitationInput = z.infer<typeof revokeInvitationSchema>;

/** Signing up from an invitation: no organization of one's own, the invited email only. */
export const joinSignUpSchema = z.object({
  invitationId: id("invitation"),
  name: z.string().trim().min(1, "Enter your name").max(80, "Use at most 80 characters"),
  email: emailSchema,
  password: passwordSchema,
});
export type JoinSignUpInput = z.infer<typeof joinSignUpSchema>;

export type MemberChange = { kind: "role"; role: Role } | { kind: "remove" };

/** Why a change to a member is refused: the error kind, the field at fault and plain words. */
export type ChangeRefusal = { kind: "forbidden" | "conflict"; path: string; message: string };

/**
 * Whether `actorRole` may make `change` to `target`, given how many owners the organization has.
 * Only owners manage members; the last owner can be neither demoted nor removed (by anyone,
 * themselves included), so an organization always keeps someone who can manage it.
 */
export function memberChangeRefusal(args: { actorRole: string; target: { role: string; name: string }; ownerCount: number; change: MemberChange }): ChangeRefusal | null {
  const { actorRole, target, ownerCount, change } = args;
  const path = change.kind === "role" ? "role" : "memberId";
  if (!can(actorRole, "member:write")) return { kind: "forbidden", path, message: `Your role (${actorRole}) can't manage members. Ask an owner.` };
  const losesOwner = target.role === "owner" && (change.kind === "remove" || change.role !== "owner");
  if (losesOwner && ownerCount <= 1) {
    const what = change.kind === "remove" ? "removed" : "given another role";
    return { kind: "conflict", path, message: `${target.name} is the only owner and can't be ${what}. Make another member an owner first.` };
  }
  return null;
}

/** The link an invitee opens: `${base}/invite/<id>`. */
export function invitationLink(publicBaseUrl: string, invitationId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/invite/${encodeURIComponent(invitationId)}`;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** The invitation e-mail; names come from users, so the HTML part escapes them. */
export function invitationEmail(args: { organizationName: string; inviterName: string; role: Role; link: string; expiresAt: Date }): { subject: string; text: string; html: string } {
  const { organizationName, inviterName, role: r, link, expiresAt } = args;
  const expires = `${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const what = `${inviterName} invited you to join ${organizationName} on Postdeck as ${ROLE_LABEL[r].toLowerCase()} (${ROLE_SUMMARY[r]}).`;
  const text = `${what}\n\nOpen this link to accept:\n${link}\n\nThe link works once and expires ${expires}.\n`;
  const html =
    `<p>${escapeHtml(what)}</p>` +
    `<p><a href="${escapeHtml(link)}">Accept the invitation</a></p>` +
    `<p>Or paste this link into your browser: ${escapeHtml(link)}</p>` +
    `<p>The link works once and expires ${expires}.</p>`;
  // A name with a line break must not become a second header line.
  return { subject: `Join ${organizationName} on Postdeck`.replace(/\s+/g, " "), text, html };
}
