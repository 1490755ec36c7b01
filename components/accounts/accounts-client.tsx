"use client";
// The Accounts page below its server shell (dashboard.md §4): the groups in use, search and
// filters, the bulk bar over the selected rows, the virtualised table, and the settings dialog of
// one account. Rows come from the server's first render, then from TanStack Query, refreshed
// after every change anyone on the page makes.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useViewerZone } from "@/components/shell/viewer-zone";
import { getJson } from "@/lib/client/get-json";
import { queryKeys } from "@/lib/client/query-keys";
import { type AccountRow, type AccountTableFilters, filterAccounts } from "@/lib/domain/account-table";
import { labelsInUse } from "@/lib/domain/compose";
import { Groups } from "./groups";
import { AccountSettings } from "./settings/account-settings";
import { AccountsFilters } from "./table/accounts-filters";
import { AccountsTable } from "./table/accounts-table";
import { BulkBar } from "./table/bulk-bar";
import { BulkDialog, type BulkKind } from "./table/bulk-dialogs";
import { useUpdateAccounts } from "./use-account-writes";

type Props = { organizationId: string; initial: AccountRow[]; canWrite: boolean; deniedReason: string };

export function AccountsClient({ organizationId, initial, canWrite, deniedReason }: Props) {
  const viewerZone = useViewerZone();
  const accounts = useQuery({
    queryKey: queryKeys.accounts.list(organizationId),
    queryFn: ({ signal }) => getJson<{ accounts: AccountRow[] }>("/api/accounts", signal).then((r) => r.accounts),
    initialData: initial,
    // The server's rows are fresh; the next change or a minute's wait reads them again.
    staleTime: 60_000,
  });
  const rows = accounts.data;
  const [filters, setFilters] = useState<AccountTableFilters>({});
  const shown = useMemo(() => filterAccounts(rows, filters), [rows, filters]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<BulkKind | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const update = useUpdateAccounts(organizationId);

  // Only rows still shown count as selected: a filter never makes a bulk change reach hidden rows.
  const chosen = useMemo(() => shown.filter((r) => selected.has(r.id)).map((r) => r.id), [shown, selected]);
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const openAccount = rows.find((r) => r.id === open) ?? null;

  return (
    <div className="space-y-4">
      <Groups organizationId={organizationId} labels={labelsInUse(rows)} canRename={canWrite} />
      <AccountsFilters filters={filters} labels={labelsInUse(rows)} onChange={setFilters} shown={shown.length} total={rows.length} />
      <BulkBar
        count={chosen.length}
        canWrite={canWrite}
        deniedReason={deniedReason}
        pending={update.isPending}
        onDialog={setDialog}
        onPause={(paused) => update.mutate({ accountIds: chosen, change: { paused } })}
        onClear={() => setSelected(new Set())}
      />
      {update.isError && !dialog ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
          Not changed: {update.error.message}
        </p>
      ) : null}
      <AccountsTable
        rows={shown}
        viewerZone={viewerZone}
        selected={selected}
        onToggle={toggle}
        onToggleAll={(on) => setSelected(on ? new Set([...selected, ...shown.map((r) => r.id)]) : new Set())}
        onOpen={setOpen}
      />
      {dialog ? (
        <BulkDialog
          kind={dialog}
          count={chosen.length}
          pending={update.isPending}
          apply={(change) => update.mutateAsync({ accountIds: chosen, change })}
          onClose={() => {
            update.reset();
            setDialog(null);
          }}
        />
      ) : null}
      {openAccount ? <AccountSettings key={openAccount.id} organizationId={organizationId} account={openAccount} canWrite={canWrite} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
