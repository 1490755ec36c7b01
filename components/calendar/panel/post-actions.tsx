"use client";
// The post panel's actions (dashboard.md §2): Edit and Duplicate open the composer on the post;
// Move is a date-and-time form read in the viewer's zone; Retry (failed posts) and Delete (with a
// confirmation) are the API's use-cases through server actions. Viewers see them disabled, with why.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useId, useState } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { Button } from "@/components/ui/button";
import { deletePostAction, retryPostAction } from "@/lib/actions/calendar";
import { unwrapAction } from "@/lib/client/action-result";
import { queryKeys } from "@/lib/client/query-keys";
import { formatInZones, localInputValue, zoneCity } from "@/lib/client/time-format";
import { type CalendarCard, type PostDetails, isMovable, notMovableReason } from "@/lib/domain/calendar";
import type { PostStatus } from "@/lib/domain/posts";
import { zonedInstant } from "@/lib/domain/time";

type Props = {
  organizationId: string;
  details: PostDetails;
  zone: string;
  canEdit: boolean;
  onChanged: (card: Partial<CalendarCard> & { id: string }) => void;
  onMove: (postId: string, at: Date) => Promise<unknown>;
  onClose: () => void;
};

const retry = unwrapAction(retryPostAction);
const remove = unwrapAction(deletePostAction);
const linkButton = "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
const disabledLink = "pointer-events-none opacity-50";

export function PostActions({ organizationId, details, zone, canEdit, onChanged, onMove, onClose }: Props) {
  const { post } = details;
  const status = post.status as PostStatus;
  const client = useQueryClient();
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);
  const [moving, setMoving] = useState(false);
  const editable = canEdit && isMovable(status);
  const why = canEdit ? notMovableReason(status) : "Your role (viewer) can't change posts.";
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.posts.detail(organizationId, post.id) });

  const retryM = useMutation({
    mutationFn: () => retry({ postId: post.id }),
    onSuccess: (p) => {
      onChanged({ id: p.id, status: p.status as PostStatus, scheduled_at: p.scheduled_at, updated_at: p.updated_at });
      announce.status(`Retrying: the post goes out ${formatInZones(p.scheduled_at, zone)}.`);
      void refresh();
    },
    onError: (e) => announce.alert(`Not retried: ${e.message}`),
  });
  const deleteM = useMutation({
    mutationFn: () => remove({ postId: post.id }),
    onSuccess: (p) => {
      onChanged({ id: p.id, status: "deleted" });
      announce.status("Post deleted.");
      onClose();
    },
    onError: (e) => announce.alert(`Not deleted: ${e.message}`),
  });

  return (
    <div className="space-y-3 border-t border-slate-200 pt-4">
      {why && status !== "deleted" ? <p className="text-xs text-slate-500">{why}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Link href={`/compose?edit=${post.id}`} aria-disabled={!editable || undefined} tabIndex={editable ? undefined : -1} className={`${linkButton} ${editable ? "" : disabledLink}`}>
          Edit
        </Link>
        <Button type="button" variant="secondary" disabled={!editable} onClick={() => setMoving((m) => !m)} aria-expanded={moving}>
          Move
        </Button>
        {status === "failed" ? (
          <Button type="button" disabled={!canEdit || retryM.isPending} onClick={() => retryM.mutate()}>
            {retryM.isPending ? "Retrying…" : "Retry"}
          </Button>
        ) : null}
        <Link href={`/compose?duplicate=${post.id}`} aria-disabled={!canEdit || undefined} tabIndex={canEdit ? undefined : -1} className={`${linkButton} ${canEdit ? "" : disabledLink}`}>
          Duplicate
        </Link>
        <Button type="button" variant="danger" disabled={!editable || deleteM.isPending} onClick={() => setConfirming(true)}>
          Delete
        </Button>
      </div>
      {moving && editable ? <MoveForm scheduledAt={post.scheduled_at} zone={zone} onSubmit={async (at) => { await onMove(post.id, at); setMoving(false); void refresh(); }} /> : null}
      {confirming ? (
        <div role="alertdialog" aria-label="Delete this post?" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p>Delete this post? It will not be published, and this cannot be undone.</p>
          <div className="mt-2 flex gap-2">
            <Button type="button" variant="danger" autoFocus disabled={deleteM.isPending} onClick={() => deleteM.mutate()}>
              {deleteM.isPending ? "Deleting…" : "Yes, delete"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** A new date and time for the post, read in the viewer's zone; the server judges it. */
function MoveForm({ scheduledAt, zone, onSubmit }: { scheduledAt: string; zone: string; onSubmit: (at: Date) => Promise<void> }) {
  const id = useId();
  const [value, setValue] = useState(() => localInputValue(new Date(scheduledAt), zone));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const [day, time] = value.split("T");
    const at = day && time ? zonedInstant(day, time.slice(0, 5), zone) : null;
    if (!at) return setError("Enter a date and a time that exists in your zone.");
    setError(null);
    setBusy(true);
    try {
      await onSubmit(at);
    } catch {
      // The alert says why; the form stays open with what was typed.
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="space-y-2 rounded-md border border-slate-200 p-3" aria-label="Move post">
      <label htmlFor={id} className="block text-sm font-medium">
        New time <span className="font-normal text-slate-500">({zoneCity(zone)} time)</span>
      </label>
      <input id={id} type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} className="w-full rounded-md border border-slate-300 px-2 py-1.5" />
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
      <Button type="submit" disabled={busy}>
        {busy ? "Moving…" : "Move here"}
      </Button>
    </form>
  );
}
