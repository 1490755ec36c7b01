"use server";
// The Team page's server actions (dashboard.md §5): only owners manage members ("member:write");
// every other role gets 403 from authedAction before a use-case runs.
import { changeMemberRole, createInvitation, removeMember, revokeInvitation } from "@/lib/server/identity/team";
import { authedAction } from "./action";

export const inviteMemberAction = authedAction("member:write", async (body: unknown, { member, ctx, now }) => createInvitation(ctx, member, body, now));

export const revokeInvitationAction = authedAction("member:write", async (body: unknown, { member, ctx, now }) => revokeInvitation(ctx.db, member.organizationId, body, now));

export const changeMemberRoleAction = authedAction("member:write", async (body: unknown, { member, ctx }) => changeMemberRole(ctx.db, member, body));

export const removeMemberAction = authedAction("member:write", async (body: unknown, { member, ctx }) => removeMember(ctx.db, member, body));
