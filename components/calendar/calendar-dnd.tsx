"use client";
// Drag and drop for every calendar view (dashboard.md §2, style.md B13): dnd-kit with pointer,
// touch and keyboard sensors, a DragOverlay, and spoken instructions and announcements. Drop
// targets carry what they mean (a week cell, a month day, a board row's cell); the new time comes
// from the pure rules of lib/domain/calendar. Drop targets are plain elements (data-drop), not
// dnd-kit droppables: a week holds 672 cells and a board 96 per row, and a droppable re-renders on
// every pointer move of a drag; the target is the element under the pointer, asked of the page,
// which also stays right while the grid scrolls. By keyboard, Space lifts, arrows step the target
// (15 minutes / a day), Space drops and Escape cancels.
import {
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  type DragStartEvent,
  DragOverlay,
  type KeyboardCoordinateGetter,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { getEventCoordinates } from "@dnd-kit/utilities";
import { type ReactNode, useCallback, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { SteadyKeyboardSensor } from "@/components/ui/steady-keyboard-sensor";
import { useIsClient } from "@/lib/client/use-is-client";
import { formatInZones } from "@/lib/client/time-format";
import { type CalendarCard, type CalendarView, type StepKey, cellInstant, cellOf, keepTimeOnDay, keyboardStep } from "@/lib/domain/calendar";
import { localDay } from "@/lib/domain/time";
import { CardGhost } from "./post-card";

/** What a drop target stands for; set as its dnd-kit `data`. */
export type DropTarget = { kind: "cell"; cell: string } | { kind: "day"; day: string } | { kind: "board"; accountId: string; cell: string };

export type DropResult = { card: CalendarCard; at: Date; accountId: string };

type Props = {
  view: CalendarView;
  zone: string;
  onDrop: (drop: DropResult) => void;
  /** A drop that has no time (a DST-skipped cell): said in an alert. */
  onRefuse: (message: string) => void;
  children: ReactNode;
};

const STEP_KEYS = new Set<string>(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"]);
const INSTRUCTIONS =
  "To move a post, focus it and press Space to pick it up. Arrow keys move it: up and down by 15 minutes (a week in the month view), left and right by a day. Press Space to drop it there, or Escape to cancel. Enter opens the post.";

/** The element that stands for an instant in this view, for the keyboard's highlight and position. */
function targetElement(view: CalendarView, at: Date, zone: string, accountId: string): Element | null {
  if (view === "month") return document.querySelector(`[data-drop="day"][data-day="${localDay(at, zone)}"]`);
  if (view === "board") return document.querySelector(`[data-drop="board"][data-account-id="${accountId}"][data-time="${cellOf(at, zone)}"]`);
  return document.querySelector(`[data-drop="cell"][data-time="${cellOf(at, zone)}"]`);
}

/** Marks the keyboard's current target (one attribute moved between cells: no re-render of the grid per key). */
function highlight(el: Element | null) {
  for (const old of document.querySelectorAll("[data-drop-target]")) old.removeAttribute("data-drop-target");
  el?.setAttribute("data-drop-target", "");
}

/** The drop target an element stands for, read from its data attributes (drop-zones.tsx). */
function targetOf(el: Element | null): DropTarget | null {
  if (!(el instanceof HTMLElement)) return null;
  const d = el.dataset;
  if (d.drop === "cell" && d.time) return { kind: "cell", cell: d.time };
  if (d.drop === "day" && d.day) return { kind: "day", day: d.day };
  if (d.drop === "board" && d.accountId && d.time) return { kind: "board", accountId: d.accountId, cell: d.time };
  return null;
}

/** The drop-target element under a viewport point (the drag overlay and cards above it are skipped). */
function elementAt(point: { x: number; y: number }): HTMLElement | null {
  const hit = document.elementsFromPoint(point.x, point.y).find((el) => el instanceof HTMLElement && el.dataset.drop);
  return (hit as HTMLElement | undefined) ?? null;
}

/** The views register no dnd-kit droppables (see the top of this file): nothing to collide with. */
const noDroppables: CollisionDetection = () => [];

function dropTime(target: DropTarget, card: CalendarCard, zone: string): { at: Date | null; accountId: string } {
  if (target.kind === "day") return { at: keepTimeOnDay(new Date(card.scheduled_at), target.day, zone), accountId: card.account_id };
  return { at: cellInstant(target.cell, zone), accountId: target.kind === "board" ? target.accountId : card.account_id };
}

export function CalendarDnd({ view, zone, onDrop, onRefuse, children }: Props) {
  const isClient = useIsClient();
  const [active, setActive] = useState<CalendarCard | null>(null);
  // The keyboard drag's target; null during a pointer drag.
  const keyboard = useRef<{ at: Date; accountId: string } | null>(null);
  // Where the pointer is during a pointer drag (viewport), and the target element under it.
  const pointer = useRef<{ at: { x: number; y: number }; over: Element | null; stop: () => void } | null>(null);
  const [spoken, setSpoken] = useState("");

  const coordinateGetter: KeyboardCoordinateGetter = useCallback(
    (event, { currentCoordinates }) => {
      const k = keyboard.current;
      if (!k || !STEP_KEYS.has(event.code)) return undefined;
      event.preventDefault();
      k.at = keyboardStep(k.at, event.code as StepKey, view, zone);
      const el = targetElement(view, k.at, zone, k.accountId);
      highlight(el);
      setSpoken(`Over ${formatInZones(k.at, zone)}${el ? "" : ", outside the dates shown"}.`);
      if (!el) return currentCoordinates;
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
      const r = el.getBoundingClientRect();
      return { x: r.left + 2, y: r.top + 2 };
    },
    [view, zone],
  );

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 6 } }),
    useSensor(SteadyKeyboardSensor, { coordinateGetter, keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space"] } }),
  );

  const announcements = useMemo(
    () => ({
      onDragStart: ({ active: a }: { active: { data: { current?: unknown } } }) => {
        const card = (a.data.current as { card?: CalendarCard } | undefined)?.card;
        return card ? `Picked up @${card.username}, at ${formatInZones(card.scheduled_at, zone)}.` : "Picked up.";
      },
      onDragOver: () => undefined,
      onDragEnd: () => undefined,
      onDragCancel: () => "Move cancelled: the post stays where it was.",
    }),
    [zone],
  );

  function onDragStart({ active: a, activatorEvent }: DragStartEvent) {
    const card = (a.data.current as { card: CalendarCard }).card;
    setActive(card);
    const isKeyboard = activatorEvent instanceof KeyboardEvent;
    keyboard.current = isKeyboard ? { at: new Date(card.scheduled_at), accountId: card.account_id } : null;
    const start = isKeyboard ? null : getEventCoordinates(activatorEvent);
    if (start) followPointer(start);
    setSpoken("");
  }

  // The pointer's own events give its viewport position; dnd-kit's move delta also counts the
  // scrolling of the grid, which the page's hit test must not.
  function followPointer(start: { x: number; y: number }) {
    const p = { at: start, over: null as Element | null, frame: 0, stop: () => {} };
    const update = () => {
      p.frame = 0;
      const el = elementAt(p.at);
      if (el !== p.over) {
        p.over = el;
        highlight(el);
      }
    };
    const move = (e: PointerEvent | TouchEvent) => {
      const point = "touches" in e ? e.touches[0] : e;
      if (!point) return;
      p.at = { x: point.clientX, y: point.clientY };
      p.frame ||= requestAnimationFrame(update);
    };
    document.addEventListener("pointermove", move, { passive: true });
    document.addEventListener("touchmove", move, { passive: true });
    p.stop = () => {
      cancelAnimationFrame(p.frame);
      document.removeEventListener("pointermove", move);
      document.removeEventListener("touchmove", move);
    };
    pointer.current = p;
  }

  function finish() {
    setActive(null);
    keyboard.current = null;
    pointer.current?.stop();
    pointer.current = null;
    highlight(null);
  }

  function onDragEnd({ active: a }: DragEndEvent) {
    const card = (a.data.current as { card: CalendarCard }).card;
    const k = keyboard.current;
    // Asked again at the drop: the grid may have scrolled under a still pointer since the last move.
    const p = pointer.current;
    const target = p ? targetOf(elementAt(p.at)) : null;
    finish();
    if (k) {
      if (k.at.getTime() !== Date.parse(card.scheduled_at)) onDrop({ card, at: k.at, accountId: k.accountId });
      else setSpoken("Dropped where it was: nothing changed.");
      return;
    }
    if (!target) return;
    const { at, accountId } = dropTime(target, card, zone);
    if (!at) return onRefuse(`@${card.username} was not moved: that time does not exist on that day (the clocks change).`);
    if (at.getTime() === Date.parse(card.scheduled_at) && accountId === card.account_id) return;
    onDrop({ card, at, accountId });
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={noDroppables}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={finish}
      accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
    >
      {children}
      <div aria-live="assertive" aria-atomic="true" className="sr-only">
        {spoken}
      </div>
      {isClient
        ? createPortal(<DragOverlay dropAnimation={null}>{active ? <CardGhost card={active} zone={zone} /> : null}</DragOverlay>, document.body)
        : null}
    </DndContext>
  );
}
