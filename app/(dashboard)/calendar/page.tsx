// /calendar — the schedule in week, month or board view (dashboard.md §2). The accounts and labels
// for the filters come from here; the posts of the range shown are read in the browser, which
// knows the viewer's zone and so which days to draw.
import type { Metadata } from "next";
import { Suspense } from "react";
import { CalendarClient } from "@/components/calendar/calendar-client";
import { labelsInUse } from "@/lib/domain/compose";
import { can } from "@/lib/domain/roles";
import { listAccounts } from "@/lib/server/accounts/accounts";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";

export const metadata: Metadata = { title: "Calendar" };
export const dynamic = "force-dynamic";

export default async function CalendarRoute() {
  const member = await requireMember();
  const ctx = await getAppContext();
  const accounts = await listAccounts(ctx.db, { organizationId: member.organizationId, filters: {} });
  return (
    <div className="mx-auto max-w-[96rem] space-y-4">
      <header>
        <h1 className="text-2xl font-bold tracking-tight">Calendar</h1>
        <p className="text-sm text-slate-600">Drag a post to move it; open one to edit, retry, delete or duplicate it.</p>
      </header>
      <Suspense fallback={<p className="text-sm text-slate-500">Loading the calendar…</p>}>
        <CalendarClient organizationId={member.organizationId} accounts={accounts} labels={labelsInUse(accounts)} canEdit={can(member.role, "post:write")} />
      </Suspense>
    </div>
  );
}
