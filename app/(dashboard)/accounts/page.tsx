import type { Metadata } from "next";
import { AccountsClient } from "@/components/accounts/accounts-client";
import { ConnectButtons } from "@/components/accounts/connect-buttons";
import { ConnectNotice } from "@/components/accounts/connect-notice";
import { can, deniedReason } from "@/lib/domain/roles";
import { accountsTable } from "@/lib/server/accounts/accounts";
import { connectErrorNotice } from "@/lib/server/accounts/connect";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";

export const metadata: Metadata = { title: "Accounts" };
export const dynamic = "force-dynamic";

type Query = Record<"connected" | "error" | "platform" | "detail", string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Partial<Query>> }) {
  const member = await requireMember();
  const ctx = await getAppContext();
  const q = await searchParams;
  const error = connectErrorNotice({ error: first(q.error), platform: first(q.platform), detail: first(q.detail) });
  const rows = await accountsTable(ctx.db, member.organizationId, new Date());
  const platforms = ctx.config.platforms;
  const canWrite = can(member.role, "account:write");
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Accounts</h1>
        {canWrite ? <ConnectButtons simulated={{ tiktok: platforms.tiktok.simulated, instagram: platforms.instagram.simulated }} /> : null}
      </div>
      <ConnectNotice connected={first(q.connected)} error={error} />
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          <p className="font-medium text-slate-800">No accounts connected yet.</p>
          <p className="mt-1">{canWrite ? "Connect a TikTok or Instagram account above to start scheduling." : "Ask an owner or admin to connect an account."}</p>
        </div>
      ) : (
        <AccountsClient organizationId={member.organizationId} initial={rows} canWrite={canWrite} deniedReason={deniedReason(member.role, "account:write")} />
      )}
    </section>
  );
}
