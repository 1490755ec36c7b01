"use client";
// Posts per status in the range shown (dashboard.md §2 "Filters"), with the status's icon.
import { useMemo } from "react";
import { type CalendarCard, statusCounts, statusWords } from "@/lib/domain/calendar";
import { POST_STATUSES } from "@/lib/domain/posts";
import { STATUS_STYLE, StatusIcon } from "./status";

export function StatusCounts({ cards }: { cards: CalendarCard[] }) {
  const counts = useMemo(() => statusCounts(cards), [cards]);
  const shown = POST_STATUSES.filter((s) => s !== "deleted" && counts[s] > 0);
  return (
    <ul aria-label="Posts by status" className="flex flex-wrap items-center gap-1.5 text-xs">
      <li className="text-slate-500">{cards.length === 1 ? "1 post" : `${cards.length} posts`}</li>
      {shown.map((s) => (
        <li key={s} data-status-count={s} className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 ${STATUS_STYLE[s].card}`}>
          <StatusIcon status={s} className="size-3" />
          {counts[s]} {statusWords(s)}
        </li>
      ))}
    </ul>
  );
}
