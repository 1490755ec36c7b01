// The calendar's drop targets: a week cell (15 minutes), a month day, a board cell. Plain
// elements that say what they stand for in data attributes (dashboard.md §2 "Names tests use");
// calendar-dnd.tsx finds the one under the pointer and marks it `data-drop-target` while a card
// is over it, by pointer or by keyboard.
import { type ReactNode, memo } from "react";

const TARGET = "data-[drop-target]:bg-indigo-100/80 data-[drop-target]:ring-2 data-[drop-target]:ring-inset data-[drop-target]:ring-indigo-500";

export const WeekCell = memo(function WeekCell({ cell, hourStart }: { cell: string; hourStart: boolean }) {
  return <div data-drop="cell" data-time={cell} className={`h-3 ${hourStart ? "border-t border-slate-200" : ""} ${TARGET}`} />;
});

export function MonthDay({ day, className, children }: { day: string; className: string; children: ReactNode }) {
  return (
    <div data-drop="day" data-day={day} className={`${className} ${TARGET}`}>
      {children}
    </div>
  );
}

export const BoardCell = memo(function BoardCell({ accountId, cell, hourStart }: { accountId: string; cell: string; hourStart: boolean }) {
  return <div data-drop="board" data-account-id={accountId} data-time={cell} className={`h-full w-3 shrink-0 ${hourStart ? "border-l border-slate-200" : ""} ${TARGET}`} />;
});
