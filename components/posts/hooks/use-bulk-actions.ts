"use client";
// The Posts page's bulk writes (retry, delete, move) as one mutation each: the server action's
// all-or-nothing answer is announced, and every list, count and preview a post write touches is
// refreshed (queryKeys.afterPostWrite), the navigation's failed badge included.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAnnounce } from "@/components/shell/announcer";
import { deletePostsAction, movePostsAction, retryPostsAction } from "@/lib/actions/posts";
import { messageOf, unwrapAction } from "@/lib/client/action-result";
import { queryKeys } from "@/lib/client/query-keys";
import { MAX_BULK } from "@/lib/domain/posts-table";

const retry = unwrapAction(retryPostsAction);
const remove = unwrapAction(deletePostsAction);
const move = unwrapAction(movePostsAction);

type Posts = Awaited<ReturnType<typeof retry>>["posts"];

/** A later chunk was refused after earlier ones went through (only group remedies exceed one chunk). */
class PartlyDone extends Error {}

/** Runs `fn` over the ids in chunks the API takes; a chunk's refusal stops the rest and says how far it got. */
async function inChunks(ids: readonly string[], fn: (postIds: string[]) => Promise<{ posts: Posts }>): Promise<Posts> {
  const done: Posts = [];
  for (let i = 0; i < ids.length; i += MAX_BULK) {
    try {
      done.push(...(await fn(ids.slice(i, i + MAX_BULK))).posts);
    } catch (e) {
      if (i === 0) throw e;
      throw new PartlyDone(`${done.length} went through in earlier chunks of ${MAX_BULK}; the rest did not: ${messageOf(e)}`);
    }
  }
  return done;
}

export function useBulkActions(organizationId: string, onDone?: () => void) {
  const client = useQueryClient();
  const announce = useAnnounce();
  const settle = () => Promise.all(queryKeys.afterPostWrite(organizationId).map((queryKey) => client.invalidateQueries({ queryKey })));
  const fail = (verb: string) => (e: Error) => announce.alert(e instanceof PartlyDone ? `Partly ${verb}: ${e.message}` : `Nothing was ${verb}: ${messageOf(e)}`);
  const plural = (n: number) => `${n} post${n === 1 ? "" : "s"}`;

  const retryM = useMutation({
    mutationFn: (ids: string[]) => inChunks(ids, (postIds) => retry({ postIds })),
    onSuccess: (posts) => {
      announce.status(`${plural(posts.length)} retried: scheduled again from now.`);
      onDone?.();
    },
    onError: fail("retried"),
    onSettled: settle,
  });
  const deleteM = useMutation({
    mutationFn: (ids: string[]) => inChunks(ids, (postIds) => remove({ postIds })),
    onSuccess: (posts) => {
      announce.status(`${plural(posts.length)} deleted.`);
      onDone?.();
    },
    onError: fail("deleted"),
    onSettled: settle,
  });
  const moveM = useMutation({
    mutationFn: ({ ids, at }: { ids: string[]; at: Date }) => inChunks(ids, (postIds) => move({ postIds, postTime: at.toISOString() })),
    onSuccess: (posts) => {
      const bumped = posts.filter((p) => p.bumped).length;
      announce.status(`${plural(posts.length)} moved${bumped ? `; ${bumped} went to a later free slot` : ""}.`);
      onDone?.();
    },
    onError: fail("moved"),
    onSettled: settle,
  });
  return { retry: retryM, remove: deleteM, move: moveM, busy: retryM.isPending || deleteM.isPending || moveM.isPending };
}
