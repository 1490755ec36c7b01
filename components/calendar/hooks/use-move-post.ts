"use client";
// A move (drag, keyboard, the panel's Move form) as style.md B13's optimistic recipe: the card
// moves in the cache at once; the server's answer replaces it (it may have bumped a non-strict
// post); a refusal puts it back and says why in an alert; a conflict with another tab refetches
// so the real state shows.
import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useAnnounce } from "@/components/shell/announcer";
import { movePostAction } from "@/lib/actions/calendar";
import { ActionError, unwrapAction } from "@/lib/client/action-result";
import { queryKeys } from "@/lib/client/query-keys";
import { formatInZones } from "@/lib/client/time-format";
import type { CalendarCard } from "@/lib/domain/calendar";
import type { PostStatus } from "@/lib/domain/posts";

export type Move = { card: CalendarCard; at: Date; account?: { id: string; username: string; avatar_url: string | null; platform: CalendarCard["platform"] } };

/** How a view's cached data changes when a card moves (the calendar's range, the board's day). */
export type CardCache<D> = { key: QueryKey; place: (data: D, postId: string, patch: Partial<CalendarCard>) => D };

type Moved = { id: string; account_id: string; scheduled_at: string; status: string; updated_at: string; bumped: boolean };

const move = unwrapAction(movePostAction);

/** "postTime: the account's daily cap…" → "the account's daily cap…": the alert names the move, not the field. */
const reasonOf = (e: unknown) => (e instanceof ActionError ? e.message.replace(/^[A-Za-z]+(\[\d+\])?: /, "") : "Something went wrong; try again.");

export function useMovePost<D>(organizationId: string, cache: CardCache<D>, zone: string) {
  const client = useQueryClient();
  const announce = useAnnounce();
  return useMutation({
    mutationFn: ({ card, at, account }: Move) =>
      move({ postId: card.id, postTime: at.toISOString(), expectedUpdatedAt: card.updated_at, ...(account && account.id !== card.account_id ? { accountId: account.id } : {}) }),
    onMutate: async ({ card, at, account }) => {
      await client.cancelQueries({ queryKey: cache.key });
      const previous = client.getQueryData<D>(cache.key);
      const patch: Partial<CalendarCard> = { scheduled_at: at.toISOString(), ...(account ? { account_id: account.id, username: account.username, avatar_url: account.avatar_url, platform: account.platform } : {}) };
      client.setQueryData<D>(cache.key, (d) => (d ? cache.place(d, card.id, patch) : d));
      return { previous };
    },
    onError: (error, { card }, context) => {
      if (context?.previous !== undefined) client.setQueryData(cache.key, context.previous);
      announce.alert(`@${card.username} was not moved: ${reasonOf(error)}`);
      // Another tab changed the post: show what it is now.
      if (error instanceof ActionError && error.status === 409) void client.invalidateQueries({ queryKey: cache.key });
    },
    onSuccess: (post: Moved, { card, at, account }) => {
      // The account's face too: a read that landed during the move may have put the old one back.
      const face = account?.id === post.account_id ? { username: account.username, avatar_url: account.avatar_url, platform: account.platform } : {};
      client.setQueryData<D>(cache.key, (d) =>
        d ? cache.place(d, card.id, { ...face, scheduled_at: post.scheduled_at, account_id: post.account_id, status: post.status as PostStatus, updated_at: post.updated_at, bumped: post.bumped }) : d,
      );
      const when = formatInZones(post.scheduled_at, zone);
      announce.status(
        post.scheduled_at !== at.toISOString()
          ? `@${card.username} could not take ${formatInZones(at, zone)}: the scheduling rules placed it at ${when}.`
          : `Moved @${card.username} to ${when}.`,
      );
    },
    onSettled: () => {
      // Lists, previews and other ranges are stale now; the range on screen already holds the answer.
      for (const key of queryKeys.afterPostWrite(organizationId)) void client.invalidateQueries({ queryKey: key, refetchType: "none" });
      void client.invalidateQueries({ queryKey: queryKeys.posts.details(organizationId) });
    },
  });
}
