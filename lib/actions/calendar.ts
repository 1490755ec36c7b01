"use server";
// The calendar's server actions (dashboard.md §2): a move is the API's /post/update with a new
// time (and, on the board, a new account) and the version the card showed; retry and delete are
// the API's too. Editors and up; the use-cases refuse posts that are not scheduled or failed.
import { deletePosts, retryPosts, updatePost } from "@/lib/server/posts/posts";
import { authedAction } from "./action";

export const movePostAction = authedAction("post:write", async (body: unknown, { member, ctx, now }) => updatePost(ctx, member.organizationId, body, now));

export const retryPostAction = authedAction("post:write", async (body: { postId: string }, { member, ctx, now }) => {
  const r = await retryPosts(ctx, member.organizationId, { postIds: [body?.postId] }, now);
  return r.ok ? { ok: true as const, value: r.value.posts[0]! } : r;
});

export const deletePostAction = authedAction("post:write", async (body: { postId: string }, { member, ctx, now }) => {
  const r = await deletePosts(ctx, member.organizationId, { postIds: [body?.postId] }, now);
  return r.ok ? { ok: true as const, value: r.value.posts[0]! } : r;
});
