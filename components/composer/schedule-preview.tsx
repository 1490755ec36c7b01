"use client";
// The live schedule preview (dashboard.md §1): as target, time, strictness, copies or sound
// change, ask the preview use-case where the post(s) would land — debounced, and a newer
// question always wins (TanStack Query keeps only the current key's answer).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { previewScheduleAction } from "@/lib/actions/compose";
import { ActionError, unwrapResult } from "@/lib/client/action-result";
import { type PreviewInput, queryKeys } from "@/lib/client/query-keys";
import { formatInZones } from "@/lib/client/time-format";
import type { ComposerAccount } from "./types";

type Item = { account_id: string; scheduled_at: string; bumped: boolean; selection: { mode: string; candidates: number; available: number; reason: string } };

/** The value, once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(JSON.parse(key) as T), ms);
    return () => clearTimeout(t);
  }, [key, ms]);
  return settled;
}

type Props = {
  organizationId: string;
  body: PreviewInput | null;
  accounts: ComposerAccount[];
  viewerZone: string;
  /** Told whether the preview blocks scheduling (a 409 or a bad field), and the lines shown. */
  onOutcome: (o: { blocked: string | null }) => void;
};

export function SchedulePreview({ organizationId, body, accounts, viewerZone, onOutcome }: Props) {
  const settled = useSettled(body, 300);
  const q = useQuery({
    queryKey: queryKeys.preview.schedule(organizationId, settled ?? { posts: [] }),
    queryFn: async () => {
      const data = unwrapResult(await previewScheduleAction(settled));
      return "posts" in data ? (data.posts as Item[]) : [data as Item];
    },
    enabled: settled !== null,
    retry: false,
    staleTime: 5_000,
  });
  const error = q.error instanceof ActionError ? q.error : null;
  const blocked = error ? error.message : null;
  useEffect(() => onOutcome({ blocked }), [blocked, onOutcome]);

  const byId = new Map(accounts.map((a) => [a.id, a]));
  return (
    <section role="status" aria-label="Schedule preview" aria-live="polite" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <h2 className="text-sm font-semibold text-slate-800">Schedule preview</h2>
      {settled === null ? (
        <p className="text-slate-500">Choose an account, or choose automatically, to see where it goes.</p>
      ) : q.isPending ? (
        <p className="text-slate-500">Finding the slot…</p>
      ) : error ? (
        <p className="text-red-700">{error.status === 409 ? `Can't schedule: ${error.message}` : error.message}</p>
      ) : (
        <ol className="space-y-2">
          {(q.data ?? []).map((item, i) => {
            const account = byId.get(item.account_id);
            return (
              <li key={i} className="rounded-md bg-slate-50 p-2">
                <p className="font-medium text-slate-800">
                  {q.data!.length > 1 ? `Copy ${i + 1}: ` : ""}@{account?.username ?? item.account_id} · {formatInZones(item.scheduled_at, viewerZone, account?.timezone)}
                </p>
                {item.bumped ? <p className="text-amber-700">Moved from the time asked for: {item.selection.reason}</p> : null}
                {item.selection.mode === "explicit" ? (
                  item.bumped ? null : <p className="text-xs text-slate-500">{item.selection.reason}</p>
                ) : (
                  <p className="text-xs text-slate-500">
                    {item.bumped ? "" : `${item.selection.reason}. `}
                    {item.selection.candidates} matched the filters, {item.selection.available} available.
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
