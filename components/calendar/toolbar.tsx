"use client";
// The calendar's navigation (dashboard.md §2 "Views"): Previous / Today / Next, the range shown,
// and Week / Month / Board; the page keeps all of it in the URL.
import { Button } from "@/components/ui/button";
import type { CalendarView } from "@/lib/domain/calendar";

type Props = {
  view: CalendarView;
  title: string;
  onStep: (direction: -1 | 1) => void;
  onToday: () => void;
  onView: (view: CalendarView) => void;
};

const VIEWS: { view: CalendarView; label: string }[] = [
  { view: "week", label: "Week" },
  { view: "month", label: "Month" },
  { view: "board", label: "Board" },
];

export function Toolbar({ view, title, onStep, onToday, onView }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="flex items-center gap-1">
        <Button type="button" variant="secondary" onClick={() => onStep(-1)} aria-label="Previous">
          <span aria-hidden="true">‹</span>
        </Button>
        <Button type="button" variant="secondary" onClick={onToday}>
          Today
        </Button>
        <Button type="button" variant="secondary" onClick={() => onStep(1)} aria-label="Next">
          <span aria-hidden="true">›</span>
        </Button>
      </div>
      <h2 className="order-first basis-full truncate text-lg font-semibold text-slate-900 sm:order-none sm:min-w-0 sm:flex-1 sm:basis-auto" aria-live="polite">
        {title}
      </h2>
      <div className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm" role="group" aria-label="View">
        {VIEWS.map((v) => (
          <button
            key={v.view}
            type="button"
            aria-pressed={view === v.view}
            onClick={() => onView(v.view)}
            className={`rounded px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${view === v.view ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {v.label}
          </button>
        ))}
      </div>
    </div>
  );
}
