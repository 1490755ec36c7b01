"use client";
// The post panel (dialog "Post details", dashboard.md §2): what the post is, where and when it
// goes and why, what happened to it, and what can be done with it — Edit and Duplicate open the
// composer, Move is a form, Retry and Delete are the API's use-cases.
import { useQuery } from "@tanstack/react-query";
import { Dialog } from "@/components/ui/dialog";
import { getJson } from "@/lib/client/get-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { CalendarCard, PostDetails } from "@/lib/domain/calendar";
import { PostActions } from "./post-actions";
import { PostFacts } from "./post-facts";

type Props = {
  organizationId: string;
  postId: string | null;
  zone: string;
  canEdit: boolean;
  onClose: () => void;
  /** The post changed (moved, retried, deleted): the view updates its card. */
  onChanged: (card: Partial<CalendarCard> & { id: string }) => void;
  onMove: (postId: string, at: Date) => Promise<unknown>;
};

export function PostPanel({ organizationId, postId, zone, canEdit, onClose, onChanged, onMove }: Props) {
  const details = useQuery({
    queryKey: queryKeys.posts.detail(organizationId, postId ?? "none"),
    queryFn: ({ signal }) => getJson<PostDetails>(`/api/calendar/posts/${postId}`, signal),
    enabled: postId !== null,
    // The panel shows the post as it is: statuses change while it is open.
    refetchInterval: 10_000,
    staleTime: 0,
  });
  return (
    <Dialog title="Post details" open={postId !== null} onOpenChange={(open) => (open ? null : onClose())} placement="side">
      {details.isPending ? (
        <p className="text-sm text-slate-500" role="status">
          Loading the post…
        </p>
      ) : details.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {details.error.message}
        </p>
      ) : (
        <div className="space-y-5">
          <PostFacts details={details.data} zone={zone} />
          <PostActions organizationId={organizationId} details={details.data} zone={zone} canEdit={canEdit} onChanged={onChanged} onMove={onMove} onClose={onClose} />
        </div>
      )}
    </Dialog>
  );
}
