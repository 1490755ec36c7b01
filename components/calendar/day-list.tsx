"use client";
// A list of posts in a popover: a month day's "+N more" (its count on a phone) and a week hour's
// overflow. The copies are never draggables: the post moves from its place, or through its panel.
import { Popover } from "@/components/ui/popover";
import type { CalendarCard } from "@/lib/domain/calendar";
import { PostCard } from "./post-card";

/** Every post of `label` (a day, an hour) in a popover opened by `trigger`. */
export function DayList({
  label,
  cards,
  zone,
  canMove,
  onOpen,
  trigger,
  triggerName,
}: {
  label: string;
  cards: CalendarCard[];
  zone: string;
  canMove: boolean;
  onOpen: (id: string) => void;
  trigger: string;
  triggerName?: string;
}) {
  return (
    <Popover
      label={`All ${cards.length} posts on ${label}`}
      trigger={
        <button
          type="button"
          aria-label={triggerName}
          className={`self-start px-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${triggerName ? "min-w-6 rounded-full bg-indigo-100 py-0.5 text-indigo-800" : "rounded text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
        >
          {trigger}
        </button>
      }
    >
      <p className="mb-2 text-xs font-semibold text-slate-700">{label}</p>
      <div className="flex flex-col gap-1">
        {cards.map((card) => (
          <PostCard key={card.id} card={card} zone={zone} canMove={canMove} onOpen={onOpen} listOnly />
        ))}
      </div>
    </Popover>
  );
}
