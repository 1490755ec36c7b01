// Post input rules (DESIGN.md §8): one zod schema per input, shared by the API, the dashboard
// and the OpenAPI document, plus the checks that need the clock or the target platform.
import { z } from "zod";
import type { Platform } from "./accounts";
import type { FieldIssue } from "./errors";
import { NOW_GRACE_MS } from "./scheduling";

export const POST_STATUSES = [
  "scheduled",
  "pending",
  "retrying",
  "awaiting_creator",
  "complete",
  "failed",
  "deleted",
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** Statuses that hold a slot on their account: they count for gaps, caps and "last posted". */
export const LIVE_STATUSES = ["scheduled", "pending", "retrying", "awaiting_creator", "complete"] as const;

export const MAX_CAPTION_CODE_POINTS = 500;
export const MAX_IMAGES = 35;
export const INSTAGRAM_MAX_IMAGES = 10;
export const INSTAGRAM_MAX_HASHTAGS = 30;

const codePoints = (s: string) => [...s].length;

const caption = z
  .string()
  .refine((s) => codePoints(s) <= MAX_CAPTION_CODE_POINTS, `must be at most ${MAX_CAPTION_CODE_POINTS} characters`);

const imageUrl = z
  .string()
  .max(2048, "must be at most 2048 characters")
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an absolute http(s) URL");

/** One image URL on its own (the composer's "Add image URLs" sends them one by one). */
export const imageUrlSchema = z.strictObject({ url: imageUrl });

const imageUrls = z
  .array(imageUrl)
  .min(1, "must hold at least 1 image")
  .max(MAX_IMAGES, `must hold at most ${MAX_IMAGES} images`);

const musicPostId = z
  .string()
  .regex(/^\d{1,20}$/, "must be the digits of a TikTok post id (as a string)");

export const label = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

/** ISO 8601 with an explicit offset ("Z" or ±hh:mm); a bare local time is ambiguous. */
export const isoWithOffset = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 time with an offset, e.g. 2026-12-31T12:00:00Z" })
  .refine((s) => {
    // The pattern admits 2026-02-30 and year 9999; neither is a time anyone can schedule at.
    const t = Date.parse(s);
    const [y, m, d] = s.slice(0, 10).split("-").map(Number) as [number, number, number];
    const realDay = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
    return realDay && Number.isFinite(t) && t >= EARLIEST_TIME && t < LATEST_TIME;
  }, "must be a real date between the years 2000 and 2099");

const EARLIEST_TIME = Date.UTC(2000, 0, 1);
const LATEST_TIME = Date.UTC(2100, 0, 1);

export const uuid = z.uuid({ error: "must be an id (UUID)" });

const slideshowFields = {
  accountId: uuid.nullable(),
  tag: label.optional(),
  user_group: label.optional(),
  org_group: label.optional(),
  imageUrls,
  caption: caption.optional(),
  musicPostId: musicPostId.nullable().optional(),
  postTime: isoWithOffset.optional(),
  strict: z.boolean({ error: "must be true or false" }).optional(),
};

/** POST /post/slideshow. `accountId` is required; null means "pick one for me". */
export const createSlideshowSchema = z.strictObject(slideshowFields);
export type CreateSlideshowInput = z.infer<typeof createSlideshowSchema>;

/**
 * POST /post/slideshow/batch: 1–50 create bodies, created all or nothing, each placed as if the
 * earlier ones were created. The use-case parses the items one by one (errors at `posts[i]…`).
 */
export const createSlideshowBatchSchema = z.strictObject({
  posts: z.array(createSlideshowSchema).min(1, "must hold at least 1 post").max(50, "must hold at most 50 posts"),
});

/**
 * POST /post/preview-schedule: one create body, or {posts: [...]} placed in order. The
 * use-case parses the two shapes separately, so errors name `posts[i].field` precisely.
 */
export const previewScheduleSchema = z.union([
  z.strictObject({ posts: z.array(createSlideshowSchema).min(1, "must hold at least 1 post").max(100, "must hold at most 100 posts") }),
  createSlideshowSchema,
]);

export const updatePostSchema = z.strictObject({
  postId: uuid,
  accountId: uuid.optional(),
  imageUrls: imageUrls.optional(),
  caption: caption.optional(),
  musicPostId: musicPostId.nullable().optional(),
  postTime: isoWithOffset.optional(),
  strict: z.boolean({ error: "must be true or false" }).optional(),
  /**
   * The post's `updated_at` as the caller last saw it: the update is refused (409, with the post
   * as it is now) if anyone changed the post since. Two tabs moving one post: one wins.
   */
  expectedUpdatedAt: isoWithOffset.optional(),
});
export type UpdatePostInput = z.infer<typeof updatePostSchema>;

export const postStatusSchema = z.enum(POST_STATUSES, { error: `must be one of ${POST_STATUSES.join(", ")}` });

export const listPostsSchema = z.strictObject({
  accountIds: z.array(uuid).max(1000, "must hold at most 1000 ids").optional(),
  postIds: z.array(uuid).max(1000, "must hold at most 1000 ids").optional(),
  status: z.union([postStatusSchema, z.array(postStatusSchema).min(1, "must not be empty")]).optional(),
  startDate: isoWithOffset.optional(),
  endDate: isoWithOffset.optional(),
  limit: z.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").optional(),
  cursor: z.string().max(200).optional(),
});
export type ListPostsInput = z.infer<typeof listPostsSchema>;

export const postIdSchema = z.strictObject({ postId: uuid });

export const postIdsSchema = z.strictObject({
  postIds: z.array(uuid).min(1, "must hold at least 1 id").max(100, "must hold at most 100 ids"),
});

/** A requested time may be "now", give or take the grace; further in the past is refused. */
export function checkPostTime(postTime: string | undefined, now: Date, path = "postTime"): FieldIssue | null {
  if (postTime === undefined) return null;
  if (Date.parse(postTime) < now.getTime() - NOW_GRACE_MS) {
    return { path, message: "must not be more than 60 seconds in the past" };
  }
  return null;
}

/**
 * Where an update re-places its post from, or null when it keeps its slot: only a new time, a
 * change of strictness or of account re-places it. Without a new time it starts from its current
 * slot, or from `now` once that has passed. Instants in UTC. (POST /post/update and its preview.)
 */
export function replacementOf(
  current: { accountId: string; strict: boolean; scheduledAt: Date },
  change: { accountId: string; strict: boolean; postTime?: string },
  now: Date,
): { from: Date } | null {
  if (change.postTime === undefined && change.strict === current.strict && change.accountId === current.accountId) return null;
  if (change.postTime !== undefined) return { from: new Date(change.postTime) };
  return { from: current.scheduledAt > now ? current.scheduledAt : now };
}

/** Number of hashtags in a caption (#word, letters/digits/underscore in any script). */
export function countHashtags(text: string): number {
  return text.match(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu)?.length ?? 0;
}

/** Whether a platform can carry a post: Instagram takes no sound and at most 10 images. */
export function platformIssues(
  platform: Platform,
  post: { musicPostId?: string | null; imageCount: number; caption?: string },
): FieldIssue[] {
  if (platform === "tiktok") return [];
  const issues: FieldIssue[] = [];
  if (post.musicPostId) {
    issues.push({ path: "musicPostId", message: "Instagram's API cannot attach a sound; remove musicPostId or pick a TikTok account" });
  }
  if (post.imageCount > INSTAGRAM_MAX_IMAGES) {
    issues.push({ path: "imageUrls", message: `must hold at most ${INSTAGRAM_MAX_IMAGES} images for an Instagram carousel` });
  }
  if (post.caption && countHashtags(post.caption) > INSTAGRAM_MAX_HASHTAGS) {
    issues.push({ path: "caption", message: `must have at most ${INSTAGRAM_MAX_HASHTAGS} hashtags on Instagram` });
  }
  return issues;
}

/** The pool's label for messages: "tag=fitness, user_group=eu", or "all accounts". */
export function describeFilters(f: { tag?: string; user_group?: string; org_group?: string }, tiktokOnly: boolean): string {
  const parts = (["tag", "user_group", "org_group"] as const).flatMap((k) => (f[k] === undefined ? [] : [`${k}=${f[k]}`]));
  if (tiktokOnly) parts.push("platform=tiktok (sound or more than 10 images)");
  return parts.length ? parts.join(", ") : "all accounts";
}
