"use client";
// The week view (dashboard.md §2): seven day columns of 15-minute drop cells in the viewer's zone,
// cards at their times side by side when they overlap, the pool's slots, a now-line, and the grid
// scrolled to the working day.
import { memo, useEffect, useMemo, useRef } from "react";
import { type CalendarCard, DAY_CELLS, STEP_MINUTES, type SlotMark, bucketByDay, formatDay, minuteOfDay, weekColumn } from "@/lib/domain/calendar";
import { localDay } from "@/lib/domain/time";
import { DayList } from "./day-list";
import { WeekCell } from "./drop-zones";
import { PostCard } from "./post-card";
import { SlotBox } from "./slot-box";

const ROW_PX = 12;
const CARD_MINUTES = 45;
const WORKDAY_HOUR = 8;

type Props = {
  days: string[];
  cards: CalendarCard[];
  slots: SlotMark[] | null;
  zone: string;
  today: string;
  now: Date;
  canMove: boolean;
  onOpen: (postId: string) => void;
  composeHref: (slot: SlotMark) => string;
};

const top = (minute: number) => (minute / STEP_MINUTES) * ROW_PX;

// Memoised: a live refresh that changed nothing, or a dialog opening, does not redraw the grid.
export const WeekView = memo(function WeekView({ days, cards, slots, zone, today, now, canMove, onOpen, composeHref }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const byDay = useMemo(() => bucketByDay(cards, zone), [cards, zone]);
  const slotsByDay = useMemo(() => (slots ? bucketByDay(slots.map((s) => ({ ...s, scheduled_at: s.at })), zone) : new Map()), [slots, zone]);

  // The working day in view on first draw and when the week changes, not at midnight.
  useEffect(() => {
    scroller.current?.scrollTo({ top: top(WORKDAY_HOUR * 60) - 8 });
  }, [days]);

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <div ref={scroller} className="max-h-[calc(100vh-15rem)] min-h-[24rem] overflow-auto" data-testid="week-scroller">
        <div className="grid min-w-[52rem] grid-cols-[3.5rem_repeat(7,minmax(6.5rem,1fr))]">
          <div className="sticky left-0 top-0 z-40 border-b border-slate-200 bg-white" />
          {days.map((day) => (
            <DayHeader key={day} day={day} today={today} count={byDay.get(day)?.length ?? 0} />
          ))}
          {/* Sticky on the left: on a phone the days scroll sideways under the hours. */}
          <div className="sticky left-0 z-30 border-r border-slate-200 bg-white" aria-hidden="true">
            {Array.from({ length: 24 }, (_, h) => (
              <div key={h} className="relative h-12 text-right">
                {h > 0 ? <span className="absolute -top-2 right-1.5 text-[10px] tabular-nums text-slate-400">{`${String(h).padStart(2, "0")}:00`}</span> : null}
              </div>
            ))}
          </div>
          {days.map((day) => (
            <DayColumn
              key={day}
              day={day}
              cards={byDay.get(day) ?? []}
              slots={slotsByDay.get(day) ?? []}
              zone={zone}
              isToday={day === today}
              now={now}
              canMove={canMove}
              onOpen={onOpen}
              composeHref={composeHref}
            />
          ))}
        </div>
      </div>
    </div>
  );
});

function DayHeader({ day, today, count }: { day: string; today: string; count: number }) {
  const weekday = formatDay(day, { weekday: "short" });
  return (
    <div className={`sticky top-0 z-30 border-b border-l border-slate-200 bg-white px-2 py-1.5 text-center ${day === today ? "text-indigo-700" : "text-slate-700"}`}>
      <p className="text-[11px] uppercase tracking-wide">{weekday}</p>
      <p className={`mx-auto inline-flex size-7 items-center justify-center rounded-full text-sm font-semibold tabular-nums ${day === today ? "bg-indigo-600 text-white" : ""}`}>{Number(day.slice(8))}</p>
      <p className="text-[10px] text-slate-400">{count === 1 ? "1 post" : `${count} posts`}</p>
    </div>
  );
}

type ColumnProps = Omit<Props, "days" | "cards" | "slots" | "today"> & { day: string; cards: CalendarCard[]; slots: (SlotMark & { scheduled_at: string })[]; isToday: boolean };

function DayColumn({ day, cards, slots, zone, isToday, now, canMove, onOpen, composeHref }: ColumnProps) {
  const { shown, overflow } = useMemo(() => weekColumn(cards.map((card) => ({ id: card.id, card, minute: minuteOfDay(new Date(card.scheduled_at), zone) })), CARD_MINUTES), [cards, zone]);
  // A day the DST change lengthens or shortens still has 96 cells: the wall clock is what's drawn.
  return (
    <div data-day={day} className={`relative border-l border-slate-200 ${isToday ? "bg-indigo-50/30" : ""}`}>
      {DAY_CELLS.map((time, i) => (
        <WeekCell key={time} cell={`${day}T${time}`} hourStart={i % 4 === 0 && i > 0} />
      ))}
      {slots.map((s) => (
        <SlotBox key={s.at} slot={s} zone={zone} href={composeHref(s)} style={{ top: top(minuteOfDay(new Date(s.at), zone)), height: ROW_PX * 2 }} className="absolute inset-x-1" />
      ))}
      {shown.map(({ card, minute, lane, lanes }) => (
        <PostCard
          key={card.id}
          card={card}
          zone={zone}
          canMove={canMove}
          onOpen={onOpen}
          layout={lanes > 1 ? "compact" : "block"}
          className="absolute z-10"
          style={{ top: top(minute), height: (CARD_MINUTES / STEP_MINUTES) * ROW_PX, left: `calc(${(lane / lanes) * 100}% + 2px)`, width: `calc(${100 / lanes}% - 4px)` }}
        />
      ))}
      {[...overflow.entries()].map(([hour, items]) => (
        <div key={hour} className="absolute right-0.5 z-20" style={{ top: top(hour * 60) + 1 }}>
          <DayList label={`${formatDay(day)}, ${String(hour).padStart(2, "0")}:00–${String(hour + 1).padStart(2, "0")}:00`} cards={items.map((i) => i.card)} zone={zone} canMove={canMove} onOpen={onOpen} trigger={`+${items.length}`} triggerName={`${items.length} more posts at ${String(hour).padStart(2, "0")}:00 on ${formatDay(day)}`} />
        </div>
      ))}
      {isToday && localDay(now, zone) === day ? <NowLine minute={minuteOfDay(now, zone)} /> : null}
    </div>
  );
}

function NowLine({ minute }: { minute: number }) {
  return (
    <div aria-hidden="true" data-testid="now-line" className="pointer-events-none absolute inset-x-0 z-20 border-t-2 border-red-500" style={{ top: top(minute) }}>
      <span className="absolute -left-1 -top-[5px] size-2 rounded-full bg-red-500" />
    </div>
  );
}
