"use client";
// The calendar (dashboard.md §2): the URL says what is shown (view, date, filters); the range is
// read through TanStack Query and kept live; every move — drag, keyboard, the panel's form — goes
// through one optimistic mutation on the update use-case. Rendered in the browser only: the
// viewer's zone decides the days, and the server does not know it.
import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { useViewerZone } from "@/components/shell/viewer-zone";
import { type CalendarCard, type CalendarParams, type RangeData, calendarQuery, composeLinkFor, placeCard, rangeTitle, readCalendarParams, stepDate, viewRange } from "@/lib/domain/calendar";
import type { LabelCounts } from "@/lib/domain/compose";
import { localDay } from "@/lib/domain/time";
import type { AccountObject } from "@/lib/domain/wire";
import { BoardView } from "./board/board-view";
import { CalendarDnd, type DropResult } from "./calendar-dnd";
import { Filters } from "./filters";
import { useMovePost } from "./hooks/use-move-post";
import { rangeKey, useRange } from "./hooks/use-range";
import { useTicker } from "./hooks/use-ticker";
import { MonthView } from "./month-view";
import { PostPanel } from "./panel/post-panel";
import { StatusCounts } from "./status-counts";
import { Toolbar } from "./toolbar";
import { WeekView } from "./week-view";

export type CalendarProps = { organizationId: string; accounts: AccountObject[]; labels: LabelCounts; canEdit: boolean };

/** Performance marks for `npm run bench:ui`: data in hand → the view drawn and interactive. */
export const MARKS = { data: "calendar:data", ready: "calendar:ready", switch: "calendar:switch" } as const;

export function CalendarPage({ organizationId, accounts, labels, canEdit }: CalendarProps) {
  const zone = useViewerZone();
  const now = useTicker(60_000);
  const today = localDay(now, zone);
  const search = useSearchParams();
  const pathname = usePathname();
  const params = useMemo(() => readCalendarParams(search, today), [search, today]);
  const [openPost, setOpenPost] = useState<string | null>(null);
  const announce = useAnnounce();

  const navigate = useCallback(
    (patch: Partial<CalendarParams>) => {
      if (patch.view && patch.view !== params.view) performance.mark(MARKS.switch);
      // The server part of the page does not depend on the URL's query: the History API changes it
      // (and useSearchParams with it) without a round trip to re-render the page on the server.
      window.history.pushState(null, "", `${pathname}?${calendarQuery({ ...params, ...patch })}`);
    },
    [params, pathname],
  );

  const filters = { accountIds: params.accountIds, tag: params.tag, userGroup: params.userGroup, orgGroup: params.orgGroup, platform: params.platform };
  const range = viewRange(params.view === "board" ? "week" : params.view, params.date, zone);
  const input = { from: range.from.toISOString(), to: range.to.toISOString(), ...filters, status: params.status };
  const key: QueryKey = rangeKey(organizationId, input);
  const query = useRange(organizationId, input, { live: params.view !== "board", onData: () => performance.mark(MARKS.data) });
  const client = useQueryClient();
  const keyHash = JSON.stringify(key);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the hash stands for the key
  const cache = useMemo(() => ({ key, place: placeCard }), [keyHash]);
  const move = useMovePost<RangeData>(organizationId, cache, zone);

  const data = query.data;
  const posts = data?.posts;
  useEffect(() => {
    if (!posts) return;
    // The frame after React commits the view with these cards: drawn, handlers attached.
    const id = requestAnimationFrame(() => performance.mark(MARKS.ready));
    return () => cancelAnimationFrame(id);
  }, [posts, params.view]);

  const onDrop = useCallback((d: DropResult) => move.mutate({ card: d.card, at: d.at }), [move]);
  const onChanged = useCallback(
    (patch: Partial<CalendarCard> & { id: string }) =>
      client.setQueryData<RangeData>(key, (d) => (!d ? d : patch.status === "deleted" ? { ...d, posts: d.posts.filter((p) => p.id !== patch.id) } : placeCard(d, patch.id, patch))),
    [client, key],
  );
  const onPanelMove = useCallback(
    (postId: string, at: Date) => {
      const card = data?.posts.find((p) => p.id === postId);
      return card ? move.mutateAsync({ card, at }) : Promise.reject(new Error("The post is not in this range"));
    },
    [data, move],
  );
  const composeHref = useCallback((slot: Parameters<typeof composeLinkFor>[1]) => composeLinkFor(params, slot), [params]);

  const cards = data?.posts ?? [];
  return (
    <div className="space-y-3">
      <Toolbar view={params.view} title={rangeTitle(params.view, params.date)} onStep={(d) => navigate({ date: stepDate(params.view, params.date, d) })} onToday={() => navigate({ date: today })} onView={(view) => navigate({ view })} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Filters params={params} accounts={accounts} labels={labels} onChange={navigate} />
        {params.view !== "board" ? <StatusCounts cards={cards} /> : null}
      </div>
      {accounts.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          <p>No accounts yet: connect one to start scheduling.</p>
          <Link href="/accounts" className="mt-2 inline-block rounded-md bg-indigo-600 px-3 py-2 font-medium text-white">
            Connect an account
          </Link>
        </div>
      ) : null}
      {query.isError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          The calendar could not be loaded: {query.error.message}{" "}
          <button type="button" className="font-medium underline" onClick={() => void query.refetch()}>
            Try again
          </button>
        </p>
      ) : null}
      {params.view === "board" ? <BoardView organizationId={organizationId} date={params.date} zone={zone} filters={filters} canMove={canEdit} onOpen={setOpenPost} now={now} /> : null}
      <CalendarDnd view={params.view} zone={zone} onDrop={onDrop} onRefuse={announce.alert}>
        {params.view === "board" ? null : !data ? (
          <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-500" role="status">
            Loading the calendar…
          </p>
        ) : params.view === "month" ? (
          <MonthView days={range.days} month={params.date.slice(0, 7)} cards={cards} slots={data.slots} zone={zone} today={today} canMove={canEdit} onOpen={setOpenPost} composeHref={composeHref} />
        ) : (
          <WeekView days={range.days} cards={cards} slots={data.slots} zone={zone} today={today} now={now} canMove={canEdit} onOpen={setOpenPost} composeHref={composeHref} />
        )}
      </CalendarDnd>
      {data && cards.length === 0 && accounts.length > 0 && params.view !== "board" ? (
        <p className="text-center text-sm text-slate-500">
          Nothing scheduled in this {params.view}.{" "}
          <Link href="/compose" className="font-medium text-indigo-700 underline">
            Compose your first slideshow
          </Link>
        </p>
      ) : null}
      <PostPanel organizationId={organizationId} postId={openPost} zone={zone} canEdit={canEdit} onClose={() => setOpenPost(null)} onChanged={onChanged} onMove={onPanelMove} />
    </div>
  );
}
