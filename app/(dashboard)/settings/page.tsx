import type { Metadata } from "next";
import { ApiKeys } from "@/components/settings/api-keys";
import { OrganizationSettings } from "@/components/settings/organization-settings";
import { TimeZoneSettings } from "@/components/settings/time-zone-settings";
import { can } from "@/lib/domain/roles";
import { listApiKeys } from "@/lib/server/identity/api-keys";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";
import { viewerTimezone } from "@/lib/server/identity/settings";

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
      <OrganizationSettings name={member.organizationName} slug={member.organizationSlug} role={member.role} canRename={can(member.role, "organization:write")} />
      <TimeZoneSettings saved={await viewerTimezone(ctx.db, member.userId)} />
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
