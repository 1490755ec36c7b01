"use client";
// The calendar's drop targets: a week cell (15 minutes), a month day, a board cell. Each carries
// its data attributes (dashboard.md §2 "Names tests use") and its meaning as dnd-kit data.
import { useDroppable } from "@dnd-kit/core";
import { type ReactNode, memo } from "react";
import type { DropTarget } from "./calendar-dnd";

const OVER = "bg-indigo-100/80 ring-2 ring-inset ring-indigo-400";
const KEYBOARD_TARGET = "data-[drop-target]:bg-indigo-100/80 data-[drop-target]:ring-2 data-[drop-target]:ring-inset data-[drop-target]:ring-indigo-500";

export const WeekCell = memo(function WeekCell({ cell, hourStart, disabled }: { cell: string; hourStart: boolean; disabled: boolean }) {
  const target: DropTarget = { kind: "cell", cell };
  const { setNodeRef, isOver } = useDroppable({ id: `cell:${cell}`, data: target, disabled });
  return <div ref={setNodeRef} data-drop="cell" data-time={cell} className={`h-3 ${hourStart ? "border-t border-slate-200" : ""} ${isOver ? OVER : ""} ${KEYBOARD_TARGET}`} />;
});

export function MonthDay({ day, disabled, className, children }: { day: string; disabled: boolean; className: string; children: ReactNode }) {
  const target: DropTarget = { kind: "day", day };
  const { setNodeRef, isOver } = useDroppable({ id: `day:${day}`, data: target, disabled });
  return (
    <div ref={setNodeRef} data-drop="day" data-day={day} className={`${className} ${isOver ? OVER : ""} ${KEYBOARD_TARGET}`}>
      {children}
    </div>
  );
}

export const BoardCell = memo(function BoardCell({ accountId, cell, hourStart, disabled }: { accountId: string; cell: string; hourStart: boolean; disabled: boolean }) {
  const target: DropTarget = { kind: "board", accountId, cell };
  const { setNodeRef, isOver } = useDroppable({ id: `board:${accountId}:${cell}`, data: target, disabled });
  return (
    <div
      ref={setNodeRef}
      data-drop="board"
      data-account-id={accountId}
      data-time={cell}
      className={`h-full w-3 shrink-0 ${hourStart ? "border-l border-slate-200" : ""} ${isOver ? OVER : ""} ${KEYBOARD_TARGET}`}
    />
  );
});
