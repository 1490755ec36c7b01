"use client";
// The composer's main button: Schedule (the create use-case, one post or N copies) or, for a post
// opened with ?edit=, Save changes (the update use-case). One mutation either way, with the same
// feedback (dashboard.md §0): a status naming account and time, or the server's message (shown in
// the alert region beside the button) and the fields it names marked, down to the slide that was
// i-th when sent.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { scheduleAction, updatePostAction } from "@/lib/actions/compose";
import { ActionError, fieldErrors, indexedErrors, messageOf, unwrapResult } from "@/lib/client/action-result";
import { queryKeys } from "@/lib/client/query-keys";
import { formatInZones } from "@/lib/client/time-format";
import type { ComposeSlide, EditBody } from "@/lib/domain/compose";
import type { CreateSlideshowInput } from "@/lib/domain/posts";
import type { ComposerAccount } from "../types";

export type SubmitRequest = { kind: "create"; bodies: CreateSlideshowInput[] } | { kind: "edit"; body: EditBody; postNow: boolean };

type SavedPost = Awaited<ReturnType<typeof sendRequest>>[number];

/** What the last success said, for the box under the button (with its "View in calendar"). */
export type Submitted = { message: string; at: string };

async function sendRequest(request: SubmitRequest) {
  if (request.kind === "create") return unwrapResult(await scheduleAction({ posts: request.bodies })).posts;
  // "Post now" is stamped as the request leaves, not when the page was opened.
  const body = request.postNow ? { ...request.body, postTime: new Date().toISOString() } : request.body;
  return [unwrapResult(await updatePostAction(body))];
}

/** A 409 because the post changed since it was loaded (not a time the account cannot take). */
function isStale(error: ActionError | null): boolean {
  return error?.status === 409 && (error.details.some((d) => d.path === "expectedUpdatedAt") || /changed meanwhile/.test(error.message));
}

type Options = {
  organizationId: string;
  accounts: readonly ComposerAccount[];
  viewerZone: string;
  /** After a success: the post(s) as the server has them now, and the slides that were sent. */
  onSuccess: (posts: SavedPost[], sent: ComposeSlide[]) => void;
};

export function useComposeSubmit({ organizationId, accounts, viewerZone, onSuccess }: Options) {
  const announce = useAnnounce();
  const client = useQueryClient();
  const [done, setDone] = useState<Submitted | null>(null);
  const mutation = useMutation({
    // The slides go along as the mutation's variables so a refusal of `imageUrls[i]` can be
    // tied to the slide that was i-th when sent, even if the slides are reordered afterwards.
    mutationFn: ({ request }: { slides: ComposeSlide[]; request: SubmitRequest }) => sendRequest(request),
    onMutate: () => setDone(null),
    onSuccess: (posts, { slides, request }) => {
      const first = posts[0]!;
      const a = accounts.find((x) => x.id === first.account_id);
      const who = `@${a?.username ?? first.account_id}`;
      const when = formatInZones(first.scheduled_at, viewerZone, a?.timezone);
      const message =
        request.kind === "edit" ? `Saved: ${who} at ${when}` : `Scheduled ${posts.length > 1 ? `${posts.length} posts, the first ` : ""}on ${who} for ${when}`;
      setDone({ message, at: first.scheduled_at });
      announce.status(message);
      for (const key of queryKeys.afterPostWrite(organizationId)) void client.invalidateQueries({ queryKey: key });
      onSuccess(posts, slides);
    },
  });

  const error = mutation.error instanceof ActionError ? mutation.error : null;
  // A batch names its fields `posts[i].field`; the composer shows one set of fields for all copies.
  const errors = error ? fieldErrors(error.details.map((d) => ({ ...d, path: d.path.replace(/^posts\[\d+\]\./, "") }))) : {};
  const slideProblems: Record<string, string> = {};
  for (const [i, message] of Object.entries(indexedErrors(errors, "imageUrls"))) {
    const slide = mutation.variables?.slides[Number(i)];
    if (slide) slideProblems[slide.id] = message;
  }
  return {
    submit: (slides: ComposeSlide[], request: SubmitRequest) => mutation.mutate({ slides, request }),
    pending: mutation.isPending,
    errors,
    slideProblems,
    imagesError: errors.imageUrls ?? Object.values(indexedErrors(errors, "imageUrls"))[0],
    /** The failure in words, shown beside the button (and announced); `stale`: the post changed elsewhere. */
    failure: mutation.error ? { message: messageOf(mutation.error), stale: isStale(error) } : null,
    done,
  };
}
