"use client";
// The Posts page (dashboard.md §3): the URL says what is listed (filters, search, sort), the table
// reads pages through TanStack Query as it scrolls, and the selection feeds the bulk actions.
// `?status=failed` is the failures view: the groups by reason above the same table.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { useViewerZone } from "@/components/shell/viewer-zone";
import { Button } from "@/components/ui/button";
import type { LabelCounts } from "@/lib/domain/compose";
import { type PostsParams, type PostsTablePage, type PostsTableRow, isFailuresView, postsQuery, readPostsParams, tableInputOf, tableQuery } from "@/lib/domain/posts-table";
import type { AccountObject } from "@/lib/domain/wire";
import { BulkBar } from "./bulk-bar";
import { type FailureSummary, FailuresPanel } from "./failures-panel";
import { useBulkActions } from "./hooks/use-bulk-actions";
import { usePostsList } from "./hooks/use-posts-list";
import { ImportDialog } from "./import-dialog";
import { PostsFilters } from "./posts-filters";
import { PostsTable } from "./posts-table";

export type PostsPageProps = {
  organizationId: string;
  accounts: AccountObject[];
  labels: LabelCounts;
  canEdit: boolean;
  /** The first page the server read, and the query (without dates, so zone-free) it read it for. */
  initial: { query: string; page: PostsTablePage } | null;
  failures: FailureSummary | null;
};

export function PostsPage({ organizationId, accounts, labels, canEdit, initial, failures }: PostsPageProps) {
  const zone = useViewerZone();
  const search = useSearchParams();
  const pathname = usePathname();
  const params = useMemo(() => readPostsParams(search), [search]);
  const input = useMemo(() => tableInputOf(params, zone), [params, zone]);
  const [selected, setSelected] = useState<Map<string, PostsTableRow>>(new Map());

  const navigate = useCallback(
    (patch: Partial<PostsParams>) => {
      // As on the calendar: the History API changes the query without a server round trip.
      const q = postsQuery({ ...params, ...patch });
      window.history.pushState(null, "", q ? `${pathname}?${q}` : pathname);
      setSelected(new Map());
    },
    [params, pathname],
  );

  const { query, rows, total } = usePostsList(organizationId, input, initial && initial.query === tableQuery(input) ? initial.page : null);
  const actions = useBulkActions(organizationId, () => setSelected(new Map()));
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Map(s);
        const row = rows.find((r) => r.id === id);
        if (next.has(id)) next.delete(id);
        else if (row) next.set(id, row);
        return next;
      }),
    [rows],
  );
  const toggleAll = useCallback((on: boolean) => setSelected(on ? new Map(rows.map((r) => [r.id, r])) : new Map()), [rows]);
  // A selected row's status may have changed since it was ticked (the list refreshes): judge the fresh one.
  const selectedRows = useMemo(() => [...selected.keys()].map((id) => rows.find((r) => r.id === id) ?? selected.get(id)!), [selected, rows]);

  const exportCsv = () => {
    const a = document.createElement("a");
    a.href = `/api/posts/export?${tableQuery(input)}`;
    a.download = "";
    document.body.append(a);
    a.click();
    a.remove();
  };

  const failuresView = isFailuresView(params);
  const filtered = postsQuery({ ...params, sort: "scheduled_asc" }) !== "";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Views" className="mr-auto flex gap-1 text-sm">
          <ViewLink active={!failuresView && params.status.length === 0} onClick={() => navigate({ status: [] })}>
            All posts
          </ViewLink>
          <ViewLink active={failuresView} onClick={() => navigate({ status: ["failed"] })}>
            Failures
          </ViewLink>
        </nav>
        <div className="flex gap-2">
          <Button type="button" variant="secondary" onClick={exportCsv}>
            Export CSV
          </Button>
          <ImportDialog organizationId={organizationId} canEdit={canEdit} zone={zone} />
        </div>
      </div>
      <PostsFilters params={params} accounts={accounts} labels={labels} zone={zone} onChange={navigate} />
      {failuresView ? <FailuresPanel organizationId={organizationId} initial={failures} canEdit={canEdit} actions={actions} /> : null}
      <BulkBar selected={selectedRows} canEdit={canEdit} zone={zone} actions={actions} />
      {query.isError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          The posts could not be loaded: {query.error.message}
        </p>
      ) : !query.data ? (
        <p role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-500">
          Loading posts…
        </p>
      ) : rows.length === 0 ? (
        <EmptyState filtered={filtered} />
      ) : (
        <PostsTable
          rows={rows}
          total={total}
          zone={zone}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
          hasNext={query.hasNextPage}
          fetchNext={() => void query.fetchNextPage()}
          loadingNext={query.isFetchingNextPage}
        />
      )}
    </div>
  );
}

function ViewLink({ active, onClick, children }: { active: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" aria-pressed={active} onClick={onClick} className={`rounded-md px-3 py-1.5 font-medium ${active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}>
      {children}
    </button>
  );
}

function EmptyState({ filtered }: { filtered: boolean }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      {filtered ? (
        <p className="text-sm text-slate-600">No post matches these filters.</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">No posts yet.</p>
          <Link href="/compose" className="mt-3 inline-flex rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500">
            Compose your first slideshow
          </Link>
        </>
      )}
    </div>
  );
}
