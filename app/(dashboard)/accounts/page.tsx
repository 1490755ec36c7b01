import type { Metadata } from "next";
import { ConnectButtons } from "@/components/accounts/connect-buttons";
import { ConnectNotice } from "@/components/accounts/connect-notice";
import { Groups } from "@/components/accounts/groups";
import { labelsInUse } from "@/lib/domain/compose";
import { can } from "@/lib/domain/roles";
import { listAccounts } from "@/lib/server/accounts/accounts";
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
  const accounts = await listAccounts(ctx.db, { organizationId: member.organizationId, filters: {} });
  const platforms = ctx.config.platforms;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Accounts</h1>
      <ConnectNotice connected={first(q.connected)} error={error} />
      {can(member.role, "account:write") ? (
        <ConnectButtons simulated={{ tiktok: platforms.tiktok.simulated, instagram: platforms.instagram.simulated }} />
      ) : null}
      {accounts.length > 0 ? <Groups labels={labelsInUse(accounts)} canRename={can(member.role, "account:write")} /> : null}
      {accounts.length === 0 ? (
        <p className="text-sm text-slate-600">No accounts connected.</p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">Connected accounts</caption>
          <thead>
            <tr className="border-b text-left text-slate-500">
              <th className="p-2">Account</th>
              <th className="p-2">Platform</th>
              <th className="p-2">Tag</th>
              <th className="p-2">Timezone</th>
              <th className="p-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} className="border-b">
                <td className="p-2 font-medium">@{a.username}</td>
                <td className="p-2">{a.platform}</td>
                <td className="p-2">{a.tag ?? "—"}</td>
                <td className="p-2">{a.timezone}</td>
                <td className="p-2">{a.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
