"use server";
// "Connect TikTok" / "Connect Instagram" on the Accounts page: start OAuth and leave for consent.
import { redirect } from "next/navigation";
import type { Platform } from "@/lib/domain/accounts";
import { can } from "@/lib/domain/roles";
import { beginConnect } from "@/lib/server/accounts/connect";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";

export async function connectAccountAction(platform: Platform): Promise<{ error: string }> {
  const member = await requireMember();
  if (!can(member.role, "account:write")) return { error: "Only owners and admins can connect accounts." };
  const ctx = await getAppContext();
  const url = await beginConnect(ctx, { organizationId: member.organizationId, userId: member.userId, platform, now: new Date() });
  redirect(url);
}
