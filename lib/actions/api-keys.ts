"use server";
// API key management from Settings: owners and admins ("apiKey:write"); anyone else gets the 403
// envelope. The page refreshes itself after a change (router.refresh), so nothing is revalidated here.
import { createApiKey, revokeApiKey } from "@/lib/server/identity/api-keys";
import { authedAction } from "./action";

export const createApiKeyAction = authedAction("apiKey:write", async (name: string, { member, ctx }) => {
  const created = await createApiKey(ctx.db, { organizationId: member.organizationId, createdBy: member.userId, name });
  return created.ok ? { ok: true as const, value: { key: created.value.key, prefix: created.value.apiKey.prefix } } : created;
});

export const revokeApiKeyAction = authedAction("apiKey:write", async (id: string, { member, ctx, now }) => {
  const revoked = await revokeApiKey(ctx.db, { organizationId: member.organizationId, id, now });
  return revoked.ok ? { ok: true as const, value: { id } } : revoked;
});
