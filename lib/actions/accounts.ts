"use server";
// "Connect TikTok" / "Connect Instagram" on the Accounts page: start OAuth and leave for consent.
import { redirect } from "next/navigation";
import type { Platform } from "@/lib/domain/accounts";
import { can } from "@/lib/domain/roles";
import { updateAccountsInfo } from "@/lib/server/accounts/accounts";
import { beginConnect } from "@/lib/server/accounts/connect";
import { disconnectAccount, privacyOptions } from "@/lib/server/accounts/settings";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";
import { authedAction } from "./action";

export async function connectAccountAction(platform: Platform): Promise<{ error: string }> {
  const member = await requireMember();
  if (!can(member.role, "account:write")) return { error: "Only owners and admins can connect accounts." };
  const ctx = await getAppContext();
  const url = await beginConnect(ctx, { organizationId: member.organizationId, userId: member.userId, platform, now: new Date() });
  redirect(url);
}

// The Accounts page's changes (dashboard.md §4): the same use-cases as the API, for owners and admins.
export const updateAccountsAction = authedAction("account:write", async (body: unknown, { member, ctx, now }) =>
  updateAccountsInfo(ctx.db, member.organizationId, body, now),
);

export const disconnectAccountAction = authedAction("account:write", async (body: unknown, { member, ctx, now }) =>
  disconnectAccount(ctx.db, member.organizationId, body, member.email, now),
);

export const privacyOptionsAction = authedAction("account:write", async (body: unknown, { member, ctx, now }) =>
  privacyOptions(ctx, member.organizationId, body, now),
);
