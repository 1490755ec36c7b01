"use client";
// The live schedule preview (dashboard.md §1): as target, time, strictness, copies or sound
// change, ask the preview use-case where the post(s) would land — debounced, and a newer
// question always wins (TanStack Query keeps only the current key's answer).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { previewPostUpdateAction, previewScheduleAction } from "@/lib/actions/compose";
import { ActionError, unwrapResult } from "@/lib/client/action-result";
import { type PreviewInput, queryKeys } from "@/lib/client/query-keys";
import { formatInZones } from "@/lib/client/time-format";
import type { EditPreviewBody } from "@/lib/domain/compose";
import type { ComposerAccount } from "./types";

type Item = { account_id: string; scheduled_at: string; bumped: boolean; unchanged?: boolean; selection: { mode: string; candidates: number; available: number; reason: string } };

/** A new post (or copies) placed by the create rules, or an edit placed as the update places it. */
export type PreviewRequest = { kind: "create"; body: PreviewInput } | { kind: "edit"; body: EditPreviewBody };

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
  request: PreviewRequest | null;
  accounts: ComposerAccount[];
  viewerZone: string;
  /**
   * Told whether the preview blocks scheduling (a 409 or a bad field), and whether that is
   * because the edited post changed elsewhere since it was opened (`stale`).
   */
  onOutcome: (o: { blocked: string | null; stale: boolean }) => void;
};

export function SchedulePreview({ organizationId, request, accounts, viewerZone, onOutcome }: Props) {
  const settled = useSettled(request, 300);
  const q = useQuery({
    queryKey: settled?.kind === "edit" ? queryKeys.preview.update(organizationId, settled.body) : queryKeys.preview.schedule(organizationId, settled?.body ?? { posts: [] }),
    queryFn: async (): Promise<Item[]> => {
      if (settled?.kind === "edit") return [unwrapResult(await previewPostUpdateAction(settled.body))];
      const data = unwrapResult(await previewScheduleAction(settled?.body));
      return "posts" in data ? (data.posts as Item[]) : [data as Item];
    },
    enabled: settled !== null,
    retry: false,
    staleTime: 5_000,
  });
  const error = q.error instanceof ActionError ? q.error : null;
  const blocked = error ? error.message : null;
  const stale = !!error?.details.some((d) => d.path === "expectedUpdatedAt");
  useEffect(() => onOutcome({ blocked, stale }), [blocked, stale, onOutcome]);

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
                  {q.data!.length > 1 ? `Copy ${i + 1}: ` : item.unchanged ? "Stays: " : ""}@{account?.username ?? item.account_id} · {formatInZones(item.scheduled_at, viewerZone, account?.timezone)}
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
