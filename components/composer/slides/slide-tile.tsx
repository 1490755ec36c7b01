"use client";
// One slide in the grid: thumbnail, position, "Cover", size and the domain's badges, with the drag
// handle (the only drag activator) and the plain-button alternatives to dragging.
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ComponentProps, ReactNode } from "react";
import { Tooltip } from "@/components/ui/tooltip";
import type { Badge, ComposeSlide } from "@/lib/domain/compose";

export type TileAction = "left" | "right" | "remove";

type TileProps = {
  slide: ComposeSlide;
  index: number;
  count: number;
  badges: Badge[];
  /** Past the platform's limit: drawn in the error colour. */
  over: boolean;
  /** Being dragged: by pointer (the overlay moves, this tile fades) or by keyboard (this tile moves). */
  lifted: "overlay" | "in-place" | null;
  disabled: boolean;
  onAction: (index: number, action: TileAction) => void;
};

const TONE: Record<Badge["tone"], string> = {
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  info: "bg-sky-50 text-sky-800 ring-sky-200",
  error: "bg-red-50 text-red-700 ring-red-200",
};

const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
const iconButton = `inline-flex size-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:pointer-events-none disabled:text-slate-300 ${focusRing}`;

export function SortableSlide({ slide, index, count, badges, over, lifted, disabled, onAction }: TileProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({ id: slide.id, disabled });
  const n = index + 1;
  return (
    <li
      ref={setNodeRef}
      data-slide-id={slide.id}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-lifted={lifted ?? undefined}
      className={`relative rounded-lg ${lifted === "overlay" ? "opacity-40" : lifted === "in-place" ? "z-10 shadow-xl ring-2 ring-indigo-500" : ""}`}
    >
      <SlideCard
        slide={slide}
        n={n}
        badges={badges}
        over={over}
        handle={
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`Drag slide ${n}`}
            disabled={disabled}
            className={`inline-flex size-8 cursor-grab touch-none items-center justify-center rounded-md bg-white/90 text-slate-700 shadow-sm ring-1 ring-slate-900/10 hover:bg-white active:cursor-grabbing disabled:cursor-not-allowed disabled:text-slate-300 ${focusRing}`}
          >
            <GripIcon />
          </button>
        }
        controls={
          <>
            <button type="button" data-action="left" aria-label={`Move slide ${n} left`} disabled={disabled || index === 0} onClick={() => onAction(index, "left")} className={iconButton}>
              <ArrowIcon direction="left" />
            </button>
            <button type="button" data-action="right" aria-label={`Move slide ${n} right`} disabled={disabled || index === count - 1} onClick={() => onAction(index, "right")} className={iconButton}>
              <ArrowIcon direction="right" />
            </button>
            <button
              type="button"
              data-action="remove"
              aria-label={`Remove slide ${n}`}
              disabled={disabled}
              onClick={() => onAction(index, "remove")}
              className={`${iconButton} ml-auto hover:bg-red-50 hover:text-red-700`}
            >
              <TrashIcon />
            </button>
          </>
        }
      />
    </li>
  );
}

type CardProps = { slide: ComposeSlide; n: number; badges: Badge[]; over: boolean; handle: ReactNode; controls: ReactNode; overlay?: boolean };

/** The tile's face; the DragOverlay draws it too (`overlay`: decorative, nothing focusable or named). */
export function SlideCard({ slide, n, badges, over, handle, controls, overlay = false }: CardProps) {
  return (
    <div
      className={`flex h-full flex-col overflow-hidden rounded-lg border bg-white ${
        over ? "border-red-300 ring-2 ring-red-200" : "border-slate-200"
      } ${overlay ? "cursor-grabbing shadow-xl ring-2 ring-indigo-500" : "shadow-sm"}`}
    >
      <div className="relative aspect-[4/5] bg-slate-100 bg-[linear-gradient(45deg,#e2e8f0_25%,transparent_25%,transparent_75%,#e2e8f0_75%),linear-gradient(45deg,#e2e8f0_25%,transparent_25%,transparent_75%,#e2e8f0_75%)] bg-[length:16px_16px] bg-[position:0_0,8px_8px]">
        {/* Thumbnails come from the media store, which may be another host; next/image would need it configured. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={slide.thumbnailUrl} alt={overlay ? "" : `Slide ${n}`} draggable={false} loading="lazy" className="absolute inset-0 size-full object-contain" />
        <div className="absolute left-2 top-2 flex items-center gap-1">
          <span className="inline-flex h-6 min-w-6 items-center justify-center rounded-full bg-slate-900/80 px-1.5 text-xs font-semibold tabular-nums text-white">{n}</span>
          {n === 1 ? <span className="rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-medium text-white">Cover</span> : null}
        </div>
        <div className="absolute right-2 top-2">{handle}</div>
      </div>
      <div className="flex flex-1 flex-col gap-2 p-2">
        <p className="text-xs tabular-nums text-slate-500">
          {slide.width}×{slide.height}
        </p>
        {badges.length > 0 ? (
          // Not a list: the "Slides" list must hold exactly one listitem per slide.
          <div className="flex flex-wrap gap-1" role={overlay ? undefined : "group"} aria-label={overlay ? undefined : `Slide ${n} notes`}>
            {badges.map((b) =>
              overlay ? (
                <Pill key={b.label} badge={b} />
              ) : (
                <Tooltip key={b.label} content={b.detail}>
                  <Pill badge={b} focusable />
                </Tooltip>
              ),
            )}
          </div>
        ) : null}
        <div className="mt-auto flex items-center gap-0.5">{controls}</div>
      </div>
    </div>
  );
}

/** Tooltip's trigger passes its ref and handlers through `rest`. */
function Pill({ badge, focusable = false, ...rest }: { badge: Badge; focusable?: boolean } & ComponentProps<"span">) {
  return (
    <span
      {...rest}
      tabIndex={focusable ? 0 : undefined}
      className={`inline-flex cursor-default items-center rounded-full px-2 py-0.5 text-[11px] font-medium leading-4 ring-1 ring-inset ${TONE[badge.tone]} ${focusRing}`}
    >
      {badge.label}
    </span>
  );
}

/** The overlay's copy of the handle and buttons: the same look, nothing a screen reader meets twice. */
export function OverlayControls() {
  return (
    <>
      <span className={iconButton}>
        <ArrowIcon direction="left" />
      </span>
      <span className={iconButton}>
        <ArrowIcon direction="right" />
      </span>
      <span className={`${iconButton} ml-auto`}>
        <TrashIcon />
      </span>
    </>
  );
}

export function OverlayHandle() {
  return (
    <span className="inline-flex size-8 items-center justify-center rounded-md bg-white text-indigo-700 shadow-sm ring-1 ring-indigo-500">
      <GripIcon />
    </span>
  );
}

function GripIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
      {[5, 10, 15].flatMap((y) => [7, 13].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1.5} />))}
    </svg>
  );
}

function ArrowIcon({ direction }: { direction: "left" | "right" }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className={`size-4 ${direction === "right" ? "rotate-180" : ""}`} fill="none" stroke="currentColor" strokeWidth={2}>
      <path strokeLinecap="round" strokeLinejoin="round" d="M12.5 15 7.5 10l5-5" />
    </svg>
  );
}

function TrashIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth={1.75}>
      <path strokeLinecap="round" strokeLinejoin="round" d="M4 6h12M8 6V4.5h4V6m-6 0 .6 9.1a1.5 1.5 0 0 0 1.5 1.4h3.8a1.5 1.5 0 0 0 1.5-1.4L14 6" />
    </svg>
  );
}
