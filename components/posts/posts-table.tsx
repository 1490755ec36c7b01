"use client";
// The Posts table (dashboard.md §3): a virtualised ARIA table (TanStack Virtual: a fixed pool of
// rows positioned by index × height), so 5,000 posts scroll like 50. The next page is fetched when
// the last rows come into view. Row checkboxes are "Select post <id>"; the header's selects every
// loaded row.
import { useVirtualizer } from "@tanstack/react-virtual";
import { type CSSProperties, useEffect, useRef } from "react";
import { PlatformMark, STATUS_STYLE, StatusIcon } from "@/components/calendar/status";
import { formatInZones } from "@/lib/client/time-format";
import { statusWords } from "@/lib/domain/calendar";
import type { PostsTableRow } from "@/lib/domain/posts-table";

export const ROW_PX = 64;
const GRID = "grid grid-cols-[2rem_2.5rem_9rem_11rem_7.5rem_minmax(10rem,1fr)_minmax(10rem,1fr)] items-center gap-3 px-3";

type Props = {
  rows: PostsTableRow[];
  total: number | null;
  zone: string;
  selected: { has: (id: string) => boolean; size: number };
  onToggle: (id: string) => void;
  onToggleAll: (select: boolean) => void;
  hasNext: boolean;
  fetchNext: () => void;
  loadingNext: boolean;
};

export function PostsTable({ rows, total, zone, selected, onToggle, onToggleAll, hasNext, fetchNext, loadingNext }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself; nothing memoised depends on it
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 10, getItemKey: (i) => rows[i]!.id });
  const items = virtual.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;
  useEffect(() => {
    // Twenty rows before the end: the next page is usually in before the user gets there.
    if (hasNext && !loadingNext && lastShown >= rows.length - 20) fetchNext();
  }, [hasNext, loadingNext, lastShown, rows.length, fetchNext]);

  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = !allSelected && rows.some((r) => selected.has(r.id));
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <div ref={scroller} className="max-h-[calc(100vh-18rem)] min-h-[16rem] overflow-auto" data-testid="posts-scroller">
        <div role="table" aria-label="Posts" aria-rowcount={(total ?? rows.length) + 1} className="min-w-[58rem]">
          <div role="rowgroup" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-500">
            <div role="row" aria-rowindex={1} className={`${GRID} h-10`}>
              <div role="columnheader">
                <input
                  type="checkbox"
                  aria-label="Select all loaded posts"
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected;
                  }}
                  onChange={(e) => onToggleAll(e.target.checked)}
                  className="size-4"
                />
              </div>
              <div role="columnheader">Cover</div>
              <div role="columnheader">Account</div>
              <div role="columnheader">Scheduled ({zone.split("/").pop()?.replace(/_/g, " ")})</div>
              <div role="columnheader">Status</div>
              <div role="columnheader">Caption</div>
              <div role="columnheader">Error</div>
            </div>
          </div>
          <div role="rowgroup" className="relative" style={{ height: virtual.getTotalSize() }}>
            {items.map((item) => {
              const r = rows[item.index]!;
              return (
                <Row key={r.id} row={r} index={item.index} zone={zone} checked={selected.has(r.id)} onToggle={onToggle} style={{ transform: `translateY(${item.start}px)`, height: item.size }} />
              );
            })}
          </div>
        </div>
        {loadingNext ? <p className="p-3 text-center text-sm text-slate-500">Loading more posts…</p> : null}
      </div>
      <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-500">
        {total === null ? `${rows.length} posts loaded` : `${rows.length} of ${total} post${total === 1 ? "" : "s"} loaded`}
        {selected.size ? ` · ${selected.size} selected` : ""}
      </p>
    </div>
  );
}

function Row({ row: r, index, zone, checked, onToggle, style }: { row: PostsTableRow; index: number; zone: string; checked: boolean; onToggle: (id: string) => void; style: CSSProperties }) {
  return (
    <div role="row" aria-rowindex={index + 2} aria-selected={checked} data-post-id={r.id} data-status={r.status} className={`${GRID} absolute inset-x-0 top-0 border-b border-slate-100 text-sm ${checked ? "bg-indigo-50" : "hover:bg-slate-50"}`} style={style}>
      <div role="cell">
        <input type="checkbox" aria-label={`Select post ${r.id}`} checked={checked} onChange={() => onToggle(r.id)} className="size-4" />
      </div>
      <div role="cell">
        {r.cover_url ? (
          // eslint-disable-next-line @next/next/no-img-element -- a stored thumbnail, already small
          <img src={r.cover_url} alt="" loading="lazy" className="h-12 w-8 rounded object-cover ring-1 ring-slate-200" />
        ) : (
          <span className="block h-12 w-8 rounded bg-slate-100" />
        )}
      </div>
      <div role="cell" className="flex min-w-0 items-center gap-1.5">
        <PlatformMark platform={r.platform} />
        <span className="truncate font-medium">@{r.username}</span>
      </div>
      <div role="cell" className="min-w-0 text-slate-700">
        <time dateTime={r.scheduled_at} className="block truncate" title={formatInZones(r.scheduled_at, zone, r.account_timezone)}>
          {formatInZones(r.scheduled_at, zone)}
        </time>
        {/* The account's own local time when its zone differs, then how the time was chosen. */}
        <span className="block truncate text-xs text-slate-500">
          {[r.account_timezone !== zone ? accountLocal(r.scheduled_at, zone, r.account_timezone) : null, r.strict ? "exact time" : r.bumped ? "moved to a free slot" : null].filter(Boolean).join(" · ")}
        </span>
      </div>
      <div role="cell">
        <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[r.status].card}`}>
          <StatusIcon status={r.status} className="size-3" />
          {statusWords(r.status)}
        </span>
      </div>
      <div role="cell" className="min-w-0">
        <p className="line-clamp-2 text-slate-700" title={r.caption}>
          {r.caption || <span className="text-slate-400">No caption</span>}
        </p>
      </div>
      <div role="cell" className="min-w-0">
        {r.error ? (
          <p className="line-clamp-2 text-xs text-red-700" title={r.error}>
            {r.error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** "01:15 New York" (the account's side of formatInZones' "… · 01:15 New York"). */
function accountLocal(iso: string, zone: string, accountZone: string): string {
  return formatInZones(iso, zone, accountZone).split(" · ")[1] ?? "";
}
