"use client";
// The calendar's cards for the drawn range (TanStack Query, one key per range and filters) and
// the live refresh (dashboard.md §2 "Live"): every 10 s while the tab is visible, only what changed
// since the last read is fetched and merged, never the whole range again.
import { type QueryKey, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { getJson } from "@/lib/client/get-json";
import { type PostRange, queryKeys } from "@/lib/client/query-keys";
import { type CalendarCard, LIVE_OVERLAP_MS, type RangeData, type SlotMark, mergeRange, toReadQuery } from "@/lib/domain/calendar";

export const LIVE_INTERVAL_MS = 10_000;

type RangeAnswer = { posts: CalendarCard[]; gone: string[]; slots: SlotMark[] | null; as_of: string };
export type RangeInput = Omit<PostRange, "from" | "to"> & { from: string; to: string };

function query(input: RangeInput, changedSince?: string): string {
  return `/api/calendar/range?${toReadQuery({ ...input, status: input.status?.length ? input.status : undefined, changedSince })}`;
}

export function rangeKey(organizationId: string, input: RangeInput): QueryKey {
  return queryKeys.posts.range(organizationId, input);
}

export function useRange(organizationId: string, input: RangeInput, opts: { live?: boolean; onData?: () => void } = {}) {
  const client = useQueryClient();
  const key = rangeKey(organizationId, input);
  const hash = JSON.stringify(key);
  const result = useQuery({
    queryKey: key,
    queryFn: async ({ signal }): Promise<RangeData> => {
      const r = await getJson<RangeAnswer>(query(input), signal);
      opts.onData?.();
      return { posts: r.posts, slots: r.slots, as_of: r.as_of };
    },
  });

  const live = opts.live ?? true;
  useEffect(() => {
    if (!live) return;
    let stopped = false;
    const tick = async () => {
      const current = client.getQueryData<RangeData>(key);
      // A move in flight owns its card; the next tick picks up whatever it left.
      if (stopped || !current || document.visibilityState !== "visible" || client.isMutating() > 0) return;
      const since = new Date(Date.parse(current.as_of) - LIVE_OVERLAP_MS).toISOString();
      try {
        const changes = await getJson<RangeAnswer>(query(input, since));
        if (!stopped && client.isMutating() === 0) client.setQueryData<RangeData>(key, (d) => (d ? mergeRange(d, changes) : d));
      } catch {
        // A missed refresh is retried by the next tick.
      }
    };
    const id = window.setInterval(tick, LIVE_INTERVAL_MS);
    return () => {
      stopped = true;
      window.clearInterval(id);
    };
    // `hash` stands for the key and input: a new range or filter restarts the timer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hash, live, client]);

  return result;
}
