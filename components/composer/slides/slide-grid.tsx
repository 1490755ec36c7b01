"use client";
// The sortable grid of slides (dashboard.md §1, style.md B13): dnd-kit with pointer, touch and
// keyboard sensors on each tile's handle, spoken instructions and announcements, a DragOverlay on
// the body, and "Move slide N left/right" and "Remove slide N" buttons as the plain alternative.
// Slides are sorted by their stable ids; every change is one new array handed to onChange.
import {
  DndContext,
  type DragEndEvent,
  type DragStartEvent,
  DragOverlay,
  MeasuringStrategy,
  PointerSensor,
  TouchSensor,
  type UniqueIdentifier,
  closestCenter,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { SortableContext, arrayMove, rectSortingStrategy, sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import type { Platform } from "@/lib/domain/accounts";
import { type Badge, type ComposeSlide, slideBadges, slideLimit } from "@/lib/domain/compose";
import { SteadyKeyboardSensor } from "@/components/ui/steady-keyboard-sensor";
import { OverlayControls, OverlayHandle, SlideCard, SortableSlide, type TileAction } from "./slide-tile";

type Props = {
  slides: ComposeSlide[];
  onChange: (slides: ComposeSlide[]) => void;
  platform: Platform | null;
  disabled?: boolean;
  /** The server's refusals by slide id (from `imageUrls[i]` of a failed schedule), drawn on the tile. */
  problems?: Readonly<Record<string, string>>;
};

const NO_PROBLEMS: Readonly<Record<string, string>> = {};

/** The domain's badges plus the server's refusal of this slide, if it refused one. */
function badgesOf(slides: ComposeSlide[], index: number, platform: Platform | null, problems: Readonly<Record<string, string>>): Badge[] {
  const problem = problems[slides[index]?.id ?? ""];
  const badges = slideBadges(slides, index, platform);
  return problem ? [{ tone: "error", label: "Refused", detail: problem }, ...badges] : badges;
}

const INSTRUCTIONS =
  "To move a slide, focus its drag handle and press Space to pick it up. Use the arrow keys to move it, Space to drop it in its new position, or Escape to cancel.";

const noSubscribe = () => () => {};

/** document.body exists only in the browser; the overlay portal waits for hydration. */
function useHasDom(): boolean {
  return useSyncExternalStore(noSubscribe, () => true, () => false);
}

export function SlideGrid({ slides, onChange, platform, disabled = false, problems = NO_PROBLEMS }: Props) {
  const contextId = useId();
  const hasDom = useHasDom();
  const list = useRef<HTMLOListElement>(null);
  const focusAfter = useRef<{ id: string; action: TileAction } | null>(null);
  // The overlay follows a pointer or finger; a keyboard drag moves the tile itself, so focus
  // stays on the real handle and the first arrow never waits for an overlay to be measured.
  const [drag, setDrag] = useState<{ id: string; pointer: boolean } | null>(null);
  const [spoken, setSpoken] = useState("");

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 8 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 5 } }),
    useSensor(SteadyKeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const ids = useMemo(() => slides.map((s) => s.id), [slides]);
  const limit = slideLimit(platform);
  const count = slides.length;

  // dnd-kit reports the tile over itself right after the pick-up; saying "moved to position 3"
  // then would drown "picked up". Later returns to the start are moves and are said.
  const lastOver = useRef<UniqueIdentifier | null>(null);
  const announcements = useMemo(() => {
    const at = (id: UniqueIdentifier) => ids.indexOf(String(id)) + 1;
    const pickedUp = (id: UniqueIdentifier) => `Slide ${at(id)} picked up, at position ${at(id)} of ${count}.`;
    type Moment = { active: { id: UniqueIdentifier }; over: { id: UniqueIdentifier } | null };
    return {
      onDragStart: ({ active }: Pick<Moment, "active">) => {
        lastOver.current = active.id;
        return pickedUp(active.id);
      },
      onDragOver: ({ active, over }: Moment) => {
        const same = over?.id === lastOver.current && over?.id === active.id;
        lastOver.current = over?.id ?? null;
        if (same) return pickedUp(active.id);
        return over ? `Slide ${at(active.id)} moved to position ${at(over.id)} of ${count}.` : `Slide ${at(active.id)} is not over a position.`;
      },
      onDragEnd: ({ active, over }: Moment) =>
        over ? `Slide ${at(active.id)} dropped at position ${at(over.id)} of ${count}.` : `Slide ${at(active.id)} dropped where it was.`,
      onDragCancel: ({ active }: Pick<Moment, "active">) => `Moving cancelled. Slide ${at(active.id)} is back at position ${at(active.id)} of ${count}.`,
    };
  }, [ids, count]);

  // After a button move the tile's DOM node moves and its buttons are renamed; put focus back on
  // the same button of the same slide (or its twin when that one is now disabled at an end).
  useEffect(() => {
    const want = focusAfter.current;
    if (!want || !list.current) return;
    focusAfter.current = null;
    const tile = Array.from(list.current.children).find((el) => el instanceof HTMLElement && el.dataset.slideId === want.id);
    const pick = (action: TileAction) => tile?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]:not(:disabled)`);
    const twin = want.action === "left" ? "right" : "left";
    (pick(want.action) ?? pick(twin))?.focus();
  }, [slides]);

  function act(index: number, action: TileAction) {
    const slide = slides[index];
    if (!slide || disabled) return;
    if (action === "remove") {
      const next = slides[index + 1] ?? slides[index - 1];
      if (next) focusAfter.current = { id: next.id, action: "remove" };
      onChange(slides.filter((s) => s.id !== slide.id));
      setSpoken(`Slide ${index + 1} removed. ${count - 1} ${count - 1 === 1 ? "slide" : "slides"} left.`);
      return;
    }
    const to = action === "left" ? index - 1 : index + 1;
    if (to < 0 || to >= count) return;
    focusAfter.current = { id: slide.id, action };
    onChange(arrayMove(slides, index, to));
    setSpoken(`Slide ${index + 1} moved to position ${to + 1} of ${count}.`);
  }

  function onDragStart({ active, activatorEvent }: DragStartEvent) {
    setDrag({ id: String(active.id), pointer: !(activatorEvent instanceof KeyboardEvent) });
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setDrag(null);
    if (!over || active.id === over.id) return;
    const from = ids.indexOf(String(active.id));
    const to = ids.indexOf(String(over.id));
    if (from < 0 || to < 0) return;
    onChange(arrayMove(slides, from, to));
  }

  const activeIndex = drag?.pointer ? ids.indexOf(drag.id) : -1;
  const active = activeIndex >= 0 ? slides[activeIndex] : undefined;

  return (
    <DndContext
      id={contextId}
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDrag(null)}
      // Rects known before a drag starts: a quick Space-then-arrow finds the next tile at once.
      measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
      accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
    >
      <SortableContext items={ids} strategy={rectSortingStrategy}>
        {/* Columns follow the panel's width, not the window's: the composer puts it beside other columns. */}
        <div className="@container">
          <ol ref={list} aria-label="Slides" className="grid grid-cols-2 gap-3 @sm:grid-cols-3 @lg:grid-cols-4 @2xl:grid-cols-5">
            {slides.map((slide, index) => (
              <SortableSlide
                key={slide.id}
                slide={slide}
                index={index}
                count={count}
                badges={badgesOf(slides, index, platform, problems)}
                over={index >= limit || problems[slide.id] !== undefined}
                lifted={drag?.id === slide.id ? (drag.pointer ? "overlay" : "in-place") : null}
                disabled={disabled}
                onAction={act}
              />
            ))}
          </ol>
        </div>
      </SortableContext>
      <div aria-live="polite" aria-atomic="true" className="sr-only">
        {spoken}
      </div>
      {hasDom
        ? createPortal(
            <DragOverlay>
              {active ? (
                <div aria-hidden="true" data-slide-id={active.id} className="h-full">
                  <SlideCard
                    slide={active}
                    n={activeIndex + 1}
                    badges={badgesOf(slides, activeIndex, platform, problems)}
                    over={activeIndex >= limit || problems[active.id] !== undefined}
                    handle={<OverlayHandle />}
                    controls={<OverlayControls />}
                    overlay
                  />
                </div>
              ) : null}
            </DragOverlay>,
            document.body,
          )
        : null}
    </DndContext>
  );
}
