"use client";
// The slot board (dashboard.md §2 "Slot board"): a row per account, the day's hours across in the
// viewer's zone, each row's slots and posts, `today n / cap` and its next free slot. Rows are
// virtualised (TanStack Virtual), so a thousand accounts scroll like ten. Dropping a post on
// another row and time moves it to that account and time (the update use-case, optimistic).
import { useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useMemo, useRef } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { getJson } from "@/lib/client/get-json";
import { queryKeys } from "@/lib/client/query-keys";
import { type BoardData, type CalendarCard, toReadQuery } from "@/lib/domain/calendar";
import { CalendarDnd, type DropResult } from "../calendar-dnd";
import { useMovePost } from "../hooks/use-move-post";
import { LIVE_INTERVAL_MS } from "../hooks/use-range";
import { BOARD_ROW_PX, BoardHours, BoardRowView, CELL_PX, NAME_COLUMN_PX } from "./board-row";

type Filters = { accountIds: string[]; tag?: string; userGroup?: string; orgGroup?: string; platform?: "tiktok" | "instagram" };

type Props = {
  organizationId: string;
  date: string;
  zone: string;
  filters: Filters;
  canMove: boolean;
  onOpen: (postId: string) => void;
  now: Date;
};

/** The board's data with one card moved (and, when it changed account, drawn on its new row). */
function placeOnBoard(data: BoardData, postId: string, patch: Partial<CalendarCard>): BoardData {
  return { ...data, posts: data.posts.map((p) => (p.id === postId ? { ...p, ...patch } : p)) };
}

export function BoardView({ organizationId, date, zone, filters, canMove, onOpen, now }: Props) {
  const announce = useAnnounce();
  const day = { date, zone, ...filters };
  const key = queryKeys.posts.board(organizationId, day);
  const keyHash = JSON.stringify(key);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the hash stands for the key
  const cache = useMemo(() => ({ key, place: placeOnBoard }), [keyHash]);
  const move = useMovePost<BoardData>(organizationId, cache, zone);
  const board = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => getJson<BoardData>(`/api/calendar/board?${toReadQuery({ ...day, accountIds: filters.accountIds.length ? filters.accountIds : undefined })}`, signal),
    // A day's board is one small read: refreshed whole, for the rows' counts and next free slots
    // too. Not while a move is in flight: a read that began before the server saved it would put
    // the card back on its old row until the next one.
    refetchInterval: move.isPending ? false : LIVE_INTERVAL_MS,
  });

  const data = board.data;
  const rows = useMemo(() => data?.accounts ?? [], [data]);
  const byAccount = useMemo(() => {
    const m = new Map<string, CalendarCard[]>();
    for (const p of data?.posts ?? []) m.set(p.account_id, [...(m.get(p.account_id) ?? []), p]);
    return m;
  }, [data]);

  const onDrop = useCallback(
    ({ card, at, accountId }: DropResult) => {
      const row = rows.find((r) => r.account_id === accountId);
      if (!row) return;
      move.mutate(
        { card, at, account: { id: row.account_id, username: row.username, avatar_url: row.avatar_url, platform: row.platform } },
        // Counts and next free slots changed on both rows: read the day again.
        { onSettled: () => void board.refetch() },
      );
    },
    [rows, move, board],
  );

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => BOARD_ROW_PX, overscan: 8 });

  if (board.isError) {
    return (
      <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
        The board could not be loaded: {board.error.message}
      </p>
    );
  }
  if (!data) {
    return (
      <p role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-500">
        Loading the board…
      </p>
    );
  }
  return (
    <CalendarDnd view="board" zone={zone} onDrop={onDrop} onRefuse={announce.alert}>
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <div ref={scroller} className="max-h-[calc(100vh-15rem)] min-h-[20rem] overflow-auto" data-testid="board-scroller" aria-label={`Slot board, ${rows.length} accounts`} role="region">
          <div style={{ width: NAME_COLUMN_PX + 96 * CELL_PX }}>
            <BoardHours />
            <div role="list" aria-label="Accounts" className="relative" style={{ height: virtual.getTotalSize() }}>
              {virtual.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                return (
                  <BoardRowView
                    key={row.account_id}
                    row={row}
                    date={date}
                    cards={byAccount.get(row.account_id) ?? []}
                    zone={zone}
                    now={now}
                    canMove={canMove}
                    onOpen={onOpen}
                    style={{ position: "absolute", top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
                  />
                );
              })}
            </div>
            {rows.length === 0 ? <p className="p-6 text-sm text-slate-500">No account matches the filters.</p> : null}
          </div>
        </div>
      </div>
    </CalendarDnd>
  );
}
