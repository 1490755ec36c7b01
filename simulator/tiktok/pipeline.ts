// The asynchronous life of a TikTok photo publish. The photos are really downloaded as soon as
// init succeeds; the visible status is then derived from the sim clock whenever someone looks
// (settle), so tests advance the clock instead of sleeping.
import { contentTypeOf, fetchImage } from "../media-fetch";
import { tiktokPostId } from "../ids";
import type { SimState, StoredImage, TikTokPublish } from "../state";

const DAY_MS = 86_400_000;

/** Downloads every photo and records the first failure, in photo order. */
export async function pullPhotos(state: SimState, publish: TikTokPublish): Promise<void> {
  const rules = state.settings.tiktokImage;
  const results = await Promise.all(
    publish.urls.map((url) => fetchImage(url, { followRedirects: false, timeoutMs: state.settings.fetchTimeoutMs })),
  );
  const images: StoredImage[] = [];
  let failReason: string | undefined;
  let bytes = 0;
  for (const [i, result] of results.entries()) {
    if (!result.ok) {
      failReason ??= "photo_pull_failed";
      continue;
    }
    bytes += result.bytes.length;
    const short = Math.min(result.width, result.height);
    const long = Math.max(result.width, result.height);
    if (result.format !== "jpeg" && result.format !== "webp") failReason ??= "file_format_check_failed";
    else if (result.bytes.length > rules.maxBytes || short > rules.maxShortSide || long > rules.maxLongSide) failReason ??= "picture_size_check_failed";
    images.push({ id: `tt-${publish.seq}-${i}`, bytes: result.bytes, contentType: contentTypeOf(result.format), width: result.width, height: result.height });
  }
  publish.pull = { failReason, bytes, images, doneAt: state.now() };
}

/** Moves a publish along according to the sim clock; call before reading its status. */
export function settle(state: SimState, publish: TikTokPublish): void {
  if (publish.status !== "PROCESSING_DOWNLOAD" || !publish.pull) return;
  const readyAt = publish.createdAt + state.settings.tiktokProcessingMs;
  if (state.now() < readyAt) return;
  if (publish.pull.failReason) return fail(publish, publish.pull.failReason);
  for (const image of publish.pull.images) state.images.set(image.id, image);
  if (publish.mode === "MEDIA_UPLOAD") {
    publish.status = "SEND_TO_USER_INBOX";
    return;
  }
  complete(state, publish, Math.max(readyAt, publish.pull.doneAt));
}

export function complete(state: SimState, publish: TikTokPublish, at: number): void {
  publish.status = "PUBLISH_COMPLETE";
  publish.completedAt = at;
  // Only public posts get a public id; SELF_ONLY and friends-only posts never do.
  if (publish.privacyLevel === "PUBLIC_TO_EVERYONE") publish.postId = tiktokPostId(state.next("tiktok_post"));
}

export function fail(publish: TikTokPublish, reason: string): void {
  publish.status = "FAILED";
  publish.failReason = reason;
}

/** Public post ids appear once the moderation delay after completion has passed. */
export function visiblePostIds(state: SimState, publish: TikTokPublish): bigint[] {
  if (publish.status !== "PUBLISH_COMPLETE" || publish.postId === undefined || publish.completedAt === undefined) return [];
  return state.now() >= publish.completedAt + state.settings.tiktokModerationMs ? [publish.postId] : [];
}

/** Bytes downloaded so far: grows with elapsed processing time, then the full total. */
export function downloadedBytes(state: SimState, publish: TikTokPublish): number {
  const total = publish.pull?.bytes ?? 0;
  if (publish.status !== "PROCESSING_DOWNLOAD") return total;
  const fraction = (state.now() - publish.createdAt) / Math.max(1, state.settings.tiktokProcessingMs);
  return Math.floor(total * Math.min(1, Math.max(0, fraction)));
}

export function publishesOf(state: SimState, openId: string): TikTokPublish[] {
  const mine = [...state.publishes.values()].filter((p) => p.openId === openId);
  for (const publish of mine) settle(state, publish);
  return mine;
}

/** Direct posts in the rolling 24 h that did not fail; the cap is shared by every client. */
export function directPostsToday(state: SimState, openId: string): number {
  const since = state.now() - DAY_MS;
  return publishesOf(state, openId).filter((p) => p.mode === "DIRECT_POST" && p.createdAt > since && p.status !== "FAILED").length;
}

/** Inbox shares the creator has neither posted nor discarded, in the rolling 24 h. */
export function pendingShares(state: SimState, openId: string): number {
  const since = state.now() - DAY_MS;
  return publishesOf(state, openId).filter(
    (p) => p.mode === "MEDIA_UPLOAD" && p.createdAt > since && !p.discarded && (p.status === "PROCESSING_DOWNLOAD" || p.status === "SEND_TO_USER_INBOX"),
  ).length;
}

/** A revoked grant kills every publish still downloading for that creator. */
export function failInFlight(state: SimState, openId: string, reason: string): void {
  for (const publish of publishesOf(state, openId)) if (publish.status === "PROCESSING_DOWNLOAD") fail(publish, reason);
}
