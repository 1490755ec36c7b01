"use server";
// The Posts page's server actions (dashboard.md §3): bulk retry, delete and move, the CSV
// import's dry run and its chunks. Each is the API's use-case (retry, delete, the batch create)
// or the page's own (move, dry run), all or nothing as the API is. Editors and up.
import { createSlideshowBatch, deletePosts, movePosts, retryPosts } from "@/lib/server/posts/posts";
import { previewImport } from "@/lib/server/posts/posts-table";
import { authedAction } from "./action";

export const retryPostsAction = authedAction("post:write", async (body: { postIds: string[] }, { member, ctx, now }) => retryPosts(ctx, member.organizationId, body, now));

export const deletePostsAction = authedAction("post:write", async (body: { postIds: string[] }, { member, ctx, now }) => deletePosts(ctx, member.organizationId, body, now));

export const movePostsAction = authedAction("post:write", async (body: { postIds: string[]; postTime: string }, { member, ctx, now }) =>
  movePosts(ctx, member.organizationId, body, now),
);

/** The dry run writes nothing, but it is the import's first step: the same role as the import. */
export const previewImportAction = authedAction(
  "post:write",
  async (body: { rows: { row: number; body: Record<string, unknown> }[]; earlier?: { account_id: string; scheduled_at: string }[] }, { member, ctx, now }) =>
    previewImport(ctx, member.organizationId, body, now),
);

/** One chunk of at most 50 rows, created all or nothing through the API's batch use-case. */
export const importPostsAction = authedAction("post:write", async (body: { posts: Record<string, unknown>[] }, { member, ctx, now }) =>
  createSlideshowBatch(ctx, member.organizationId, body, now),
);
