"use server";
// Groups' server action (dashboard.md §4): admins and owners rename labels ("account:write").
import { renameLabel } from "@/lib/server/accounts/labels";
import { authedAction } from "./action";

export const renameLabelAction = authedAction("account:write", async (body: unknown, { member, ctx, now }) => renameLabel(ctx.db, member.organizationId, body, now));
