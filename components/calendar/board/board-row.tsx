"use client";
// One account's row on the slot board: its name, `today n / cap` and next free slot (sticky on the
// left), then the day's 96 quarter-hour drop cells with its slots and posts on top.
import { type CSSProperties, memo } from "react";
import { formatInZones } from "@/lib/client/time-format";
import { type BoardAccount, type CalendarCard, DAY_CELLS, STEP_MINUTES, formatDay, minuteOfDay } from "@/lib/domain/calendar";
import { localDay, localTime } from "@/lib/domain/time";
import { BoardCell } from "../drop-zones";
import { PostCard } from "../post-card";
import { PlatformMark } from "../status";

export const BOARD_ROW_PX = 56;
export const CELL_PX = 12;
export const NAME_COLUMN_PX = 208;
const CARD_PX = 132;

/** "10:00" on the board's day, "Fri 10:00" on another. */
function nextFreeLabel(iso: string, date: string, zone: string): string {
  const at = new Date(iso);
  const time = localTime(at, zone);
  return localDay(at, zone) === date ? time : `${formatDay(localDay(at, zone), { weekday: "short" })} ${time}`;
}

const left = (minute: number) => (minute / STEP_MINUTES) * CELL_PX;

export function BoardHours() {
  return (
    <div className="sticky top-0 z-30 flex border-b border-slate-200 bg-white" aria-hidden="true">
      <div className="sticky left-0 z-10 shrink-0 border-r border-slate-200 bg-white px-3 py-1.5 text-xs font-medium text-slate-500" style={{ width: NAME_COLUMN_PX }}>
        Account
      </div>
      {Array.from({ length: 24 }, (_, h) => (
        <div key={h} className="shrink-0 border-l border-slate-200 px-1 py-1.5 text-[10px] tabular-nums text-slate-500" style={{ width: 4 * CELL_PX }}>
          {String(h).padStart(2, "0")}:00
        </div>
      ))}
    </div>
  );
}

type Props = { row: BoardAccount; date: string; cards: CalendarCard[]; zone: string; now: Date; canMove: boolean; onOpen: (postId: string) => void; style: CSSProperties };

export const BoardRowView = memo(function BoardRowView({ row, date, cards, zone, now, canMove, onOpen, style }: Props) {
  const full = row.today >= row.cap;
  return (
    <div role="listitem" aria-label={`@${row.username}`} data-row-account-id={row.account_id} className="flex border-b border-slate-100" style={style}>
      <div className="sticky left-0 z-20 flex shrink-0 flex-col justify-center border-r border-slate-200 bg-white px-3" style={{ width: NAME_COLUMN_PX }}>
        <p className="flex min-w-0 items-center gap-1.5 text-sm font-medium">
          <PlatformMark platform={row.platform} />
          <span className="truncate">@{row.username}</span>
          {row.status !== "active" ? <span className="rounded bg-amber-100 px-1 text-[10px] text-amber-800">{row.status === "paused" ? "paused" : "reconnect"}</span> : null}
        </p>
        <p className="text-[11px] text-slate-500">
          <span className={full ? "font-semibold text-red-700" : ""} data-testid="today-count">
            today {row.today} / {row.cap}
          </span>
          {" · "}
          {row.next_free ? <span title={formatInZones(row.next_free, zone, row.timezone)}>next free {nextFreeLabel(row.next_free, date, zone)}</span> : "no free slot soon"}
        </p>
      </div>
      <div className="relative flex">
        {DAY_CELLS.map((time, i) => (
          <BoardCell key={time} accountId={row.account_id} cell={`${date}T${time}`} hourStart={i % 4 === 0} />
        ))}
        {row.slots.map((s) => (
          <span
            key={s.at}
            title={s.free ? "Free slot" : (s.reason ?? "Unavailable")}
            aria-hidden="true"
            className={`pointer-events-none absolute bottom-1 h-2 rounded-sm ${s.free ? "bg-emerald-300" : "bg-slate-300"}`}
            style={{ left: left(minuteOfDay(new Date(s.at), zone)), width: 2 * CELL_PX }}
          />
        ))}
        {cards.map((card) => (
          <PostCard
            key={card.id}
            card={card}
            zone={zone}
            canMove={canMove}
            onOpen={onOpen}
            className="absolute top-1.5 z-10 h-8"
            style={{ left: left(minuteOfDay(new Date(card.scheduled_at), zone)), width: CARD_PX }}
          />
        ))}
        {localDay(now, zone) === date ? <div aria-hidden="true" className="pointer-events-none absolute inset-y-0 z-10 border-l-2 border-red-500" style={{ left: left(minuteOfDay(now, zone)) }} /> : null}
      </div>
    </div>
  );
});
