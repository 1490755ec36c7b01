// The API's post object (snake_case, as UGC Inc's API) built from rows.
import "server-only";
import type { PostImageRow, PostRow } from "@/db/queries/posts";
import type { PostObject } from "@/lib/domain/wire";
import { publicMediaUrl, storedFileName } from "../media/store";

export type { PostObject };


export function toPostObjects(rows: readonly PostRow[], images: readonly PostImageRow[], publicBaseUrl: string): PostObject[] {
  const byPost = new Map<string, PostImageRow[]>();
  for (const img of images) {
    const list = byPost.get(img.postId) ?? [];
    list.push(img);
    byPost.set(img.postId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    account_id: r.accountId,
    platform: r.platform,
    type: "slideshow",
    status: r.status,
    caption: r.caption,
    media_urls: (byPost.get(r.id) ?? []).sort((a, b) => a.position - b.position).map((i) => publicMediaUrl(publicBaseUrl, storedFileName(i.sha256, i.mimeType))),
    music_post_id: r.musicPostId,
    requested_time: r.requestedTime?.toISOString() ?? null,
    scheduled_at: r.scheduledAt.toISOString(),
    strict: r.strict,
    bumped: r.bumped,
    social_id: r.socialId,
    post_url: r.postUrl,
    error: r.lastError,
    warnings: r.warnings,
    selection: r.selection,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  }));
}
