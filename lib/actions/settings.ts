"use server";
// Settings' server actions (dashboard.md §5): anyone signed in sets their own time zone (every
// role can read posts, so "post:read" stands for "a member"); only owners rename the organization.
import { renameOrganization, updateUserSettings } from "@/lib/server/identity/settings";
import { authedAction } from "./action";

export const updateUserSettingsAction = authedAction("post:read", async (body: unknown, { member, ctx, now }) => updateUserSettings(ctx.db, member.userId, body, now));

export const renameOrganizationAction = authedAction("organization:write", async (body: unknown, { member, ctx }) => renameOrganization(ctx.db, member.organizationId, body));
