import type { Metadata } from "next";
import { ApiKeys } from "@/components/settings/api-keys";
import { can } from "@/lib/domain/roles";
import { listApiKeys } from "@/lib/server/identity/api-keys";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const member = await requireMember();
  const ctx = await getAppContext();
  const canManage = can(member.role, "apiKey:write");
  const keys = can(member.role, "apiKey:read")
    ? await listApiKeys(ctx.db, { organizationId: member.organizationId })
    : [];
  return (
    <section className="max-w-3xl space-y-8">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <div className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="text-base font-semibold">Organization</h2>
        <p>
          {member.organizationName} <span className="text-slate-500">({member.organizationSlug})</span>
        </p>
        <p className="text-slate-500">Your role: {member.role}</p>
      </div>
      <ApiKeys
        canManage={canManage}
        keys={keys.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          revokedAt: k.revokedAt?.toISOString() ?? null,
        }))}
      />
    </section>
  );
}
