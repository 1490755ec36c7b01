"use client";
// The Accounts table (dashboard.md §4): a real <table> (so screen readers get rows and column
// headers) whose body is virtualised with TanStack Virtual — only the rows in view are in the
// DOM, spacer rows keep the scroll height — so a thousand accounts scroll like ten.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { PlatformMark } from "@/components/calendar/status";
import { formatInZones } from "@/lib/client/time-format";
import type { AccountRow } from "@/lib/domain/account-table";
import { AccountStatusBadge } from "./account-status";

const ROW_PX = 52;

type Props = {
  rows: readonly AccountRow[];
  viewerZone: string;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (on: boolean) => void;
  onOpen: (id: string) => void;
};

const COLUMNS = ["Account", "Platform", "Tag", "User group", "Org group", "Time zone", "Status", "Next post", "Today", "Last posted", "Last error", "Settings"];

export function AccountsTable({ rows, viewerZone, selected, onToggle, onToggleAll, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 10 });
  const items = virtual.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const some = !all && rows.some((r) => selected.has(r.id));

  return (
    <div ref={scroller} className="max-h-[calc(100vh-16rem)] min-h-[16rem] overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="accounts-scroller">
      <table aria-label="Accounts" aria-rowcount={rows.length + 1} className="w-full min-w-[72rem] border-collapse text-sm">
        <thead className="sticky top-0 z-10 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 shadow-[0_1px_0_theme(colors.slate.200)]">
          <tr aria-rowindex={1}>
            <th scope="col" className="w-10 p-2">
              <input
                type="checkbox"
                aria-label={all ? "Clear the selection" : "Select all shown accounts"}
                checked={all}
                ref={(el) => {
                  if (el) el.indeterminate = some;
                }}
                onChange={(e) => onToggleAll(e.target.checked)}
                className="size-4 accent-indigo-600"
              />
            </th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className={`p-2 font-semibold ${c === "Settings" ? "sr-only" : ""}`}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {top > 0 ? <tr aria-hidden="true" style={{ height: top }} /> : null}
          {items.map((item) => {
            const r = rows[item.index]!;
            const isSelected = selected.has(r.id);
            return (
              <tr key={r.id} aria-rowindex={item.index + 2} aria-selected={isSelected} data-account-id={r.id} className={`border-t border-slate-100 ${isSelected ? "bg-indigo-50" : "hover:bg-slate-50"}`} style={{ height: ROW_PX }}>
                <td className="p-2">
                  <input type="checkbox" aria-label={`Select @${r.username}`} checked={isSelected} onChange={() => onToggle(r.id)} className="size-4 accent-indigo-600" />
                </td>
                <td className="max-w-56 p-2">
                  <div className="flex items-center gap-2">
                    {r.avatar_url ? (
                      // eslint-disable-next-line @next/next/no-img-element -- platform avatars come from their CDNs, any size
                      <img src={r.avatar_url} alt="" className="size-7 shrink-0 rounded-full bg-slate-200 object-cover" loading="lazy" />
                    ) : (
                      <span aria-hidden="true" className="grid size-7 shrink-0 place-items-center rounded-full bg-slate-200 text-xs font-semibold text-slate-600">
                        {r.username.slice(0, 1).toUpperCase()}
                      </span>
                    )}
                    <div className="min-w-0">
                      <p className="truncate font-medium">@{r.username}</p>
                      {r.display_name ? <p className="truncate text-xs text-slate-500">{r.display_name}</p> : null}
                    </div>
                  </div>
                </td>
                <td className="p-2">
                  <span className="inline-flex items-center gap-1">
                    <PlatformMark platform={r.platform} /> {r.platform === "tiktok" ? "TikTok" : "Instagram"}
                  </span>
                </td>
                <Label value={r.tag} />
                <Label value={r.user_group} />
                <Label value={r.org_group} />
                <td className="whitespace-nowrap p-2 text-slate-600">{r.timezone}</td>
                <td className="p-2">
                  <AccountStatusBadge status={r.status} />
                </td>
                <td className="whitespace-nowrap p-2 text-slate-600">{r.next_post_at ? formatInZones(r.next_post_at, viewerZone, r.timezone) : "—"}</td>
                <td className={`whitespace-nowrap p-2 tabular-nums ${r.today >= r.daily_cap ? "font-semibold text-red-700" : "text-slate-600"}`}>
                  {r.today} / {r.daily_cap}
                </td>
                <td className="whitespace-nowrap p-2 text-slate-600">{r.last_posted_at ? formatInZones(r.last_posted_at, viewerZone) : "never"}</td>
                <td className="max-w-56 truncate p-2 text-xs text-red-700" title={r.last_error ?? undefined}>
                  {r.last_error ?? ""}
                </td>
                <td className="p-2 text-right">
                  <button type="button" onClick={() => onOpen(r.id)} aria-label={`Settings for @${r.username}`} className="rounded-md px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600">
                    Settings
                  </button>
                </td>
              </tr>
            );
          })}
          {bottom > 0 ? <tr aria-hidden="true" style={{ height: bottom }} /> : null}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">No account matches the search and filters.</p> : null}
    </div>
  );
}

function Label({ value }: { value: string | null }) {
  return <td className="max-w-32 truncate p-2">{value ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{value}</span> : <span className="text-slate-400">—</span>}</td>;
}
