"use server";
// The composer's server actions (dashboard.md §1): each calls the same use-case as the API and
// returns the API's error shape. Editors and up schedule; anyone in the organization previews.
import { addImageFromUrl } from "@/lib/server/media/upload";
import { createSlideshow, createSlideshowBatch, previewSchedule } from "@/lib/server/posts/posts";
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

export const addImageUrlAction = authedAction("post:write", async (body: unknown, { member, ctx }) =>
  addImageFromUrl(ctx.db, body, { organizationId: member.organizationId, config: ctx.config }),
);

export const resolveSoundAction = authedAction("post:write", async (body: unknown, { member, ctx }) => resolveSound(ctx, member.organizationId, body));

export const listSoundsAction = authedAction("post:read", async (body: unknown, { member, ctx }) => listSoundLibrary(ctx.db, member.organizationId, body));
