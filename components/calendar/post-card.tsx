"use client";
// A post on the calendar (dashboard.md §2 "Cards"): cover, avatar, @username, local time,
// platform and status. A button named `@username HH:mm status` that opens the post panel; scheduled
// and failed posts are also dnd-kit draggables (pointer, touch, Space to lift by keyboard).
import { useDraggable } from "@dnd-kit/core";
import { type CSSProperties, memo, useMemo } from "react";
import { type CalendarCard, HELD_REASON, cardName, isMovable, notMovableReason } from "@/lib/domain/calendar";
import { localTime } from "@/lib/domain/time";
import { PlatformMark, STATUS_STYLE, StatusIcon } from "./status";

type Props = {
  card: CalendarCard;
  zone: string;
  /** The viewer may move posts (editor and up). */
  canMove: boolean;
  onOpen: (postId: string) => void;
  /**
   * "row": one line (month cells, lists); "block": cover and two lines (a week card alone in its
   * hour); "compact": time over @username and nothing else (a week card sharing its hour, a third of
   * a column wide: a week of them is hundreds of cards, and each node costs style and layout).
   */
  layout?: "row" | "block" | "compact";
  style?: CSSProperties;
  className?: string;
  /** A copy in a list (the "+N more" popover): never a draggable, even when the post can move. */
  listOnly?: boolean;
};

export function PostCard(props: Props) {
  // Only a card that can move registers with dnd-kit: a copy elsewhere (the "+N more" list) must not
  // claim the same draggable id.
  return props.canMove && !props.listOnly && isMovable(props.card.status) ? <DraggableCard {...props} /> : <CardButton {...props} />;
}

// dnd-kit re-renders every draggable on each pointer move of a drag; the card's face is memoised
// on props that stay the same (dnd-kit memoises its attributes and listeners), so a week of a
// thousand cards re-runs a thousand small hooks per frame, not a thousand faces.
function DraggableCard(props: Props) {
  const data = useMemo(() => ({ card: props.card }), [props.card]);
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: props.card.id, data });
  const dragProps = useMemo(() => ({ ...attributes, ...listeners, "aria-roledescription": "draggable post" }), [attributes, listeners]);
  return <CardButton {...props} buttonRef={setNodeRef} dragProps={dragProps} dragging={isDragging} />;
}

type ButtonProps = Props & { buttonRef?: (el: HTMLElement | null) => void; dragProps?: Record<string, unknown>; dragging?: boolean };

const CardButton = memo(function CardButton({ card, zone, canMove, listOnly, onOpen, layout = "row", style, className = "", buttonRef, dragProps, dragging = false }: ButtonProps) {
  const movable = !!dragProps;
  const why = listOnly ? "Drag it from its day, or use Move in the post's panel." : canMove ? notMovableReason(card.status) : "Your role (viewer) can't move posts.";
  return (
    <button
      type="button"
      ref={buttonRef}
      {...dragProps}
      aria-label={cardName(card, zone)}
      title={card.held ? HELD_REASON : movable ? undefined : (why ?? undefined)}
      data-post-id={card.id}
      data-status={card.status}
      data-held={card.held || undefined}
      data-movable={movable || undefined}
      onClick={() => onOpen(card.id)}
      style={style}
      className={`${layout === "compact" ? "" : "@container"} group flex min-w-0 overflow-hidden rounded-md border text-left text-xs shadow-sm transition-shadow hover:shadow-md focus-visible:z-20 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${
        STATUS_STYLE[card.status].card
      } ${card.held ? "border-dashed !border-amber-500" : ""} ${movable ? "cursor-grab touch-none active:cursor-grabbing" : "cursor-pointer"} ${dragging ? "opacity-40" : ""} ${
        layout === "row" ? "items-center gap-1.5 px-1.5 py-1" : "flex-col"
      } ${className}`}
    >
      {layout === "block" ? <BlockFace card={card} zone={zone} /> : layout === "compact" ? <CompactFace card={card} zone={zone} /> : <RowFace card={card} zone={zone} />}
    </button>
  );
});

/** The account's avatar, drawn only when the card is wide enough to keep the username readable. */
function Avatar({ card }: { card: CalendarCard }) {
  return card.avatar_url ? (
    // eslint-disable-next-line @next/next/no-img-element
    <img src={card.avatar_url} alt="" className="hidden size-4 shrink-0 rounded-full object-cover @[9.5rem]:block" />
  ) : (
    <span aria-hidden="true" className="hidden size-4 shrink-0 items-center justify-center rounded-full bg-slate-300 text-[9px] font-semibold uppercase text-slate-700 @[9.5rem]:inline-flex">
      {card.username.slice(0, 1)}
    </span>
  );
}

function RowFace({ card, zone }: { card: CalendarCard; zone: string }) {
  return (
    <>
      <StatusIcon status={card.status} />
      <span className="font-semibold tabular-nums">{localTime(new Date(card.scheduled_at), zone)}</span>
      <Avatar card={card} />
      <span className="min-w-0 flex-1 truncate">@{card.username}</span>
      <PlatformMark platform={card.platform} narrowHidden />
    </>
  );
}

function BlockFace({ card, zone }: { card: CalendarCard; zone: string }) {
  return (
    <span className="flex h-full min-h-0 w-full gap-1.5 p-1">
      {card.cover_url ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={card.cover_url} alt="" loading="lazy" draggable={false} className="hidden h-full w-6 shrink-0 rounded-sm bg-slate-200 object-cover @[7.5rem]:block" />
      ) : null}
      <span className="flex min-w-0 flex-1 flex-col justify-center">
        <span className="flex items-center gap-1">
          <StatusIcon status={card.status} />
          <span className="font-semibold tabular-nums">{localTime(new Date(card.scheduled_at), zone)}</span>
          <PlatformMark platform={card.platform} />
        </span>
        <span className="flex min-w-0 items-center gap-1">
          <Avatar card={card} />
          <span className="truncate">@{card.username}</span>
        </span>
      </span>
    </span>
  );
}

function CompactFace({ card, zone }: { card: CalendarCard; zone: string }) {
  return (
    <span className="flex h-full min-w-0 flex-col justify-center px-1 leading-tight">
      <span className="font-semibold tabular-nums">{localTime(new Date(card.scheduled_at), zone)}</span>
      <span className="truncate">@{card.username}</span>
    </span>
  );
}

/** The card as the drag overlay draws it: the same face, nothing focusable or named. */
export function CardGhost({ card, zone, layout = "row" }: { card: CalendarCard; zone: string; layout?: "row" | "block" }) {
  return (
    <div aria-hidden="true" className={`flex cursor-grabbing overflow-hidden rounded-md border text-xs shadow-xl ring-2 ring-indigo-500 ${STATUS_STYLE[card.status].card} ${layout === "block" ? "h-12 w-44 flex-col" : "w-44 items-center gap-1.5 px-1.5 py-1"}`}>
      {layout === "block" ? <BlockFace card={card} zone={zone} /> : <RowFace card={card} zone={zone} />}
    </div>
  );
}
