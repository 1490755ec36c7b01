"use server";
// API key management from Settings. Owners and admins only.
import { revalidatePath } from "next/cache";
import { can } from "@/lib/domain/roles";
import { createApiKey, revokeApiKey } from "@/lib/server/identity/api-keys";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";

export type CreateKeyResult = { ok: true; key: string; prefix: string } | { ok: false; error: string };

export async function createApiKeyAction(name: string): Promise<CreateKeyResult> {
  const member = await requireMember();
  if (!can(member.role, "apiKey:write")) return { ok: false, error: "Only owners and admins can create API keys." };
  const ctx = await getAppContext();
  const created = await createApiKey(ctx.db, {
    organizationId: member.organizationId,
    createdBy: member.userId,
    name,
  });
  if (!created.ok) return { ok: false, error: created.error.details[0]?.message ?? created.error.message };
  revalidatePath("/settings");
  return { ok: true, key: created.value.key, prefix: created.value.apiKey.prefix };
}

export async function revokeApiKeyAction(id: string): Promise<{ ok: boolean; error?: string }> {
  const member = await requireMember();
  if (!can(member.role, "apiKey:write")) return { ok: false, error: "Only owners and admins can revoke API keys." };
  const ctx = await getAppContext();
  const revoked = await revokeApiKey(ctx.db, { organizationId: member.organizationId, id, now: new Date() });
  revalidatePath("/settings");
  return revoked.ok ? { ok: true } : { ok: false, error: revoked.error.message };
}
