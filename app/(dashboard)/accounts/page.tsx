import type { Metadata } from "next";
import { listAccounts } from "@/lib/server/accounts";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/session";

export const metadata: Metadata = { title: "Accounts" };
export const dynamic = "force-dynamic";

export default async function AccountsPage() {
  const member = await requireMember();
  const ctx = await getAppContext();
  const accounts = await listAccounts(ctx.db, { organizationId: member.organizationId, filters: {} });
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Accounts</h1>
      <p className="rounded-md border border-dashed border-amber-400 bg-amber-50 p-4 text-sm text-amber-900">
        Connecting TikTok and Instagram accounts is not built yet; it arrives with publishing.
      </p>
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
