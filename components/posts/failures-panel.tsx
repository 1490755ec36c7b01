"use client";
// The failures view (`/posts?status=failed`, dashboard.md §3): failed posts grouped by reason
// (lib/domain/failures.ts), each group with its count, what it means in plain words and its
// one-click remedy: "Reconnect @account", "Retry all" or "Move all to the next free slots".
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { getJson } from "@/lib/client/get-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { FailureGroup } from "@/lib/domain/failures";
import type { useBulkActions } from "./hooks/use-bulk-actions";

export type FailureSummary = { total: number; groups: FailureGroup[] };

type Props = { organizationId: string; initial: FailureSummary | null; canEdit: boolean; actions: ReturnType<typeof useBulkActions> };

const linkButton = "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50";

export function FailuresPanel({ organizationId, initial, canEdit, actions }: Props) {
  const summary = useQuery({
    queryKey: queryKeys.posts.failures(organizationId),
    queryFn: ({ signal }) => getJson<FailureSummary>("/api/posts/failures", signal),
    initialData: initial ?? undefined,
    refetchInterval: 15_000,
  });
  const data = summary.data;
  if (!data) return <p className="text-sm text-slate-500">Loading failures…</p>;
  if (data.total === 0) {
    return <p className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">No failed posts. Everything is scheduled or on its way.</p>;
  }
  return (
    <section aria-label="Failures by reason" className="space-y-3">
      <h2 className="text-lg font-semibold">
        {data.total} failed post{data.total === 1 ? "" : "s"}, by reason
      </h2>
      <ul className="grid items-start gap-3 lg:grid-cols-2">
        {data.groups.map((g) => (
          <li key={g.reason} aria-label={`${g.title}: ${g.count}`} data-reason={g.reason} className="space-y-2 rounded-lg border border-red-200 bg-white p-4 shadow-sm">
            <div className="flex items-baseline justify-between gap-2">
              <h3 className="font-semibold text-red-900">{g.title}</h3>
              <span className="rounded-full bg-red-100 px-2 py-0.5 text-sm font-semibold text-red-800" aria-label={`${g.count} posts`}>
                {g.count}
              </span>
            </div>
            <p className="text-sm text-slate-700">{g.meaning}</p>
            <Remedy group={g} canEdit={canEdit} actions={actions} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Remedy({ group: g, canEdit, actions }: { group: FailureGroup; canEdit: boolean; actions: ReturnType<typeof useBulkActions> }) {
  if (g.remedy === "reconnect") {
    const shown = g.accounts.slice(0, 6);
    return (
      <div className="flex flex-wrap gap-2">
        {shown.map((a) => (
          <Link key={a.id} href="/accounts" className={linkButton}>
            Reconnect @{a.username}
          </Link>
        ))}
        {g.accounts.length > shown.length ? <span className="self-center text-sm text-slate-500">and {g.accounts.length - shown.length} more on the Accounts page</span> : null}
      </div>
    );
  }
  const label = g.remedy === "retry" ? "Retry all" : "Move all to the next free slots";
  const pending = g.remedy === "retry" ? actions.retry.isPending : actions.move.isPending;
  const run = () => (g.remedy === "retry" ? actions.retry.mutate(g.post_ids) : actions.move.mutate({ ids: g.post_ids, at: new Date() }));
  const button = (
    <Button type="button" disabled={!canEdit || actions.busy} onClick={run}>
      {pending ? "Working…" : label}
    </Button>
  );
  return canEdit ? button : <Tooltip content="Your role (viewer) can't change posts.">{button}</Tooltip>;
}
