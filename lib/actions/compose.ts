"use server";
// The composer's server actions (dashboard.md §1): each calls the same use-case as the API and
// returns the API's error shape. Editors and up schedule; anyone in the organization previews.
import { addImageFromUrl } from "@/lib/server/media/upload";
import { previewPostUpdate } from "@/lib/server/posts/compose";
import { createSlideshow, createSlideshowBatch, previewSchedule, updatePost } from "@/lib/server/posts/posts";
import { listSoundLibrary, resolveSound } from "@/lib/server/sounds/sounds";
import { authedAction } from "./action";

export const previewScheduleAction = authedAction("post:read", async (body: unknown, { member, ctx, now }) =>
  previewSchedule(ctx, member.organizationId, body, now),
);

/** One create body → that post; several (copies) → the batch, all or nothing. Always {posts}. */
export const scheduleAction = authedAction("post:write", async (body: { posts: unknown[] }, { member, ctx, now }) => {
  const posts = Array.isArray(body?.posts) ? body.posts : [];
  if (posts.length === 1) {
    const one = await createSlideshow(ctx, member.organizationId, posts[0], now);
    return one.ok ? { ok: true as const, value: { posts: [one.value] } } : one;
  }
  return createSlideshowBatch(ctx, member.organizationId, body, now);
});

/**
 * The composer's "Save changes" on a post opened with ?edit=: the update use-case of
 * /post/update ({postId, accountId, imageUrls, caption, musicPostId, postTime, strict,
 * expectedUpdatedAt}), so a post changed elsewhere since it was loaded is refused with a 409.
 */
export const updatePostAction = authedAction("post:write", async (body: unknown, { member, ctx, now }) =>
  updatePost(ctx, member.organizationId, body, now),
);

/** Where an edit would put the post (the update body, `postNow: true` for "post now"). */
export const previewPostUpdateAction = authedAction("post:read", async (body: unknown, { member, ctx, now }) =>
  previewPostUpdate(ctx, member.organizationId, body, now),
);

export const addImageUrlAction = authedAction("post:write", async (body: unknown, { member, ctx }) =>
  addImageFromUrl(ctx.db, body, { organizationId: member.organizationId, config: ctx.config }),
);

export const resolveSoundAction = authedAction("post:write", async (body: unknown, { member, ctx }) => resolveSound(ctx, member.organizationId, body));

export const listSoundsAction = authedAction("post:read", async (body: unknown, { member, ctx }) => listSoundLibrary(ctx.db, member.organizationId, body));
