"use client";
// The month view (dashboard.md §2): a cell per day of the month's full weeks, each a drop target
// (a drop keeps the post's local time of day), up to three cards and "+N more" for the rest, and
// the free slots of the pool the view is narrowed to.
import Link from "next/link";
import { memo, useMemo } from "react";
import { type CalendarCard, MONTH_CELL_CARDS, type SlotMark, bucketByDay, formatDay } from "@/lib/domain/calendar";
import { DayList } from "./day-list";
import { MonthDay } from "./drop-zones";
import { PostCard } from "./post-card";

type Props = {
  days: string[];
  month: string;
  cards: CalendarCard[];
  slots: SlotMark[] | null;
  zone: string;
  today: string;
  canMove: boolean;
  onOpen: (postId: string) => void;
  composeHref: (slot: SlotMark) => string;
};

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

// Memoised: a live refresh that changed nothing, or a dialog opening, does not redraw the grid.
export const MonthView = memo(function MonthView({ days, month, cards, slots, zone, today, canMove, onOpen, composeHref }: Props) {
  const byDay = useMemo(() => bucketByDay(cards, zone), [cards, zone]);
  const freeByDay = useMemo(() => bucketByDay((slots ?? []).filter((s) => s.free).map((s) => ({ ...s, scheduled_at: s.at })), zone), [slots, zone]);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="grid grid-cols-7 sm:min-w-[44rem]">
        {WEEKDAYS.map((w) => (
          <div key={w} className="border-b border-slate-200 px-2 py-1.5 text-center text-[11px] font-medium uppercase tracking-wide text-slate-500">
            {w}
          </div>
        ))}
        {days.map((day) => (
          <DayCell
            key={day}
            day={day}
            inMonth={day.startsWith(month)}
            isToday={day === today}
            cards={byDay.get(day) ?? EMPTY}
            free={freeByDay.get(day) ?? EMPTY_SLOTS}
            zone={zone}
            canMove={canMove}
            onOpen={onOpen}
            composeHref={composeHref}
          />
        ))}
      </div>
    </div>
  );
});

const EMPTY: CalendarCard[] = [];
const EMPTY_SLOTS: SlotMark[] = [];

type CellProps = { day: string; inMonth: boolean; isToday: boolean; cards: CalendarCard[]; free: SlotMark[] } & Pick<Props, "zone" | "canMove" | "onOpen" | "composeHref">;

// Memoised: a move changes two days' lists, and only those cells redraw.
const DayCell = memo(function DayCell({ day, inMonth, isToday, cards, free, zone, canMove, onOpen, composeHref }: CellProps) {
  const shown = cards.slice(0, MONTH_CELL_CARDS);
  const more = cards.length - shown.length;
  const label = formatDay(day);
  return (
    <MonthDay day={day} className={`flex min-h-20 flex-col gap-1 border-b border-l border-slate-200 p-1 sm:min-h-28 sm:p-1.5 [&:nth-child(7n+1)]:border-l-0 ${inMonth ? "" : "bg-slate-50/70"}`}>
      <div className="flex items-center justify-between">
        <span aria-label={label} className={`inline-flex size-6 items-center justify-center rounded-full text-xs font-semibold tabular-nums ${isToday ? "bg-indigo-600 text-white" : inMonth ? "text-slate-800" : "text-slate-400"}`}>
          {Number(day.slice(8))}
        </span>
        {free.length > 0 ? (
          <Link
            href={composeHref(free[0]!)}
            aria-label={`${free.length} free ${free.length === 1 ? "slot" : "slots"} on ${label}: compose for the first`}
            className="rounded px-1 text-[10px] font-medium text-emerald-700 hover:bg-emerald-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {free.length} free
          </Link>
        ) : null}
      </div>
      {/* A phone's cell is too narrow for cards: it shows the count, and the list opens on a tap. */}
      <div className="hidden flex-col gap-1 sm:flex">
        {shown.map((card) => (
          <PostCard key={card.id} card={card} zone={zone} canMove={canMove} onOpen={onOpen} />
        ))}
      </div>
      {cards.length > 0 ? (
        <div className="sm:hidden">
          <DayList label={label} cards={cards} zone={zone} canMove={canMove} onOpen={onOpen} trigger={`${cards.length}`} triggerName={`${cards.length} ${cards.length === 1 ? "post" : "posts"} on ${label}`} />
        </div>
      ) : null}
      {more > 0 ? (
        <div className="hidden sm:block">
          <DayList label={label} cards={cards} zone={zone} canMove={canMove} onOpen={onOpen} trigger={`+${more} more`} />
        </div>
      ) : null}
    </MonthDay>
  );
});
