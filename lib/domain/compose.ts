// The composer's rules (dashboard.md §1), pure so the browser's live checks and the server's
// checks are the same functions: caption counts, per-slide badges, slide limits, and turning the
// composer's state into the API's create bodies. Times are instants; `zone` is an IANA zone.
import type { Platform } from "./accounts";
import { aspectRatioWarning, ratioLabel } from "./media";
import { INSTAGRAM_MAX_HASHTAGS, INSTAGRAM_MAX_IMAGES, MAX_CAPTION_CODE_POINTS, MAX_IMAGES, countHashtags, type CreateSlideshowInput } from "./posts";
import { planInstagramCarousel, planTranscode } from "./transcode";
import { zonedInstant } from "./time";

export const MAX_COPIES = 50;
/** Below this on the short side an image looks soft on a phone. */
export const SMALL_SHORT_SIDE = 720;

export type ComposeSlide = {
  /** Stable id for sorting (the upload's or URL row's id), never an index. */
  id: string;
  mediaId: string;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
  mimeType: "image/jpeg" | "image/png";
};

export type ComposeTarget =
  | { mode: "account"; accountId: string | null }
  | { mode: "auto"; tag: string | null; userGroup: string | null; orgGroup: string | null };

export type ComposeState = {
  slides: ComposeSlide[];
  caption: string;
  target: ComposeTarget;
  strict: boolean;
  copies: number;
  /** "now", or a wall-clock "YYYY-MM-DDTHH:mm" read in the viewer's zone. */
  when: { mode: "now" } | { mode: "at"; local: string };
  /** The TikTok post id of the sound, when one is chosen. */
  soundPostId: string | null;
};

export const EMPTY_COMPOSE: ComposeState = {
  slides: [],
  caption: "",
  target: { mode: "account", accountId: null },
  strict: false,
  copies: 1,
  when: { mode: "now" },
  soundPostId: null,
};

export type CaptionStats = {
  codePoints: number;
  max: number;
  hashtags: number;
  /** Instagram's hashtag limit, when the target is Instagram; null otherwise. */
  maxHashtags: number | null;
  /** Why the caption cannot be scheduled, or null. */
  problem: string | null;
};

/** The caption counter: code points (an emoji is one) against 500; hashtags against Instagram's 30. */
export function captionStats(caption: string, platform: Platform | null): CaptionStats {
  const codePoints = [...caption].length;
  const hashtags = countHashtags(caption);
  const maxHashtags = platform === "instagram" ? INSTAGRAM_MAX_HASHTAGS : null;
  const problem =
    codePoints > MAX_CAPTION_CODE_POINTS
      ? `The caption is ${codePoints - MAX_CAPTION_CODE_POINTS} characters over the limit of ${MAX_CAPTION_CODE_POINTS}`
      : maxHashtags !== null && hashtags > maxHashtags
        ? `Instagram allows at most ${maxHashtags} hashtags; this caption has ${hashtags}`
        : null;
  return { codePoints, max: MAX_CAPTION_CODE_POINTS, hashtags, maxHashtags, problem };
}

/** Caption pieces for highlighting: plain text, #hashtags and @mentions, in order. */
export function captionTokens(caption: string): { text: string; kind: "text" | "hashtag" | "mention" }[] {
  const out: { text: string; kind: "text" | "hashtag" | "mention" }[] = [];
  const re = /(^|[^\p{L}\p{N}_&])([#@][\p{L}\p{N}_.]+)/gu;
  let last = 0;
  for (const m of caption.matchAll(re)) {
    const start = m.index + m[1]!.length;
    if (start > last) out.push({ text: caption.slice(last, start), kind: "text" });
    out.push({ text: m[2]!, kind: m[2]!.startsWith("#") ? "hashtag" : "mention" });
    last = start + m[2]!.length;
  }
  if (last < caption.length) out.push({ text: caption.slice(last), kind: "text" });
  return out;
}

/** How many slides the target takes: 35, or Instagram's carousel limit of 10. */
export function slideLimit(platform: Platform | null): number {
  return platform === "instagram" ? INSTAGRAM_MAX_IMAGES : MAX_IMAGES;
}

export type Badge = { tone: "warning" | "info" | "error"; label: string; detail: string };

/** The badges of slide `index` (0-based) among `slides`, for the target platform (null: not chosen). */
export function slideBadges(slides: readonly Pick<ComposeSlide, "width" | "height" | "mimeType">[], index: number, platform: Platform | null): Badge[] {
  const slide = slides[index];
  if (!slide) return [];
  const badges: Badge[] = [];
  if (index >= slideLimit(platform)) {
    badges.push({ tone: "error", label: "Over the limit", detail: `${platform === "instagram" ? "Instagram carousels" : "Slideshows"} take at most ${slideLimit(platform)} images` });
  }
  const ratio = aspectRatioWarning(slide.width, slide.height);
  if (ratio) badges.push({ tone: "warning", label: `Not 9:16 (${ratioLabel(slide.width, slide.height)})`, detail: ratio });
  if (Math.min(slide.width, slide.height) < SMALL_SHORT_SIDE) {
    badges.push({ tone: "warning", label: "Small", detail: `${slide.width}×${slide.height}: under ${SMALL_SHORT_SIDE} px on the short side looks soft on a phone` });
  }
  if (slide.mimeType === "image/png") badges.push({ tone: "info", label: "PNG → JPEG", detail: "TikTok and Instagram take JPEG: it is converted when published" });
  if (platform === "instagram" && padded(slides, index)) {
    badges.push({ tone: "info", label: "Instagram pads it", detail: "Instagram crops every slide to the first one's shape (4:5…1.91:1), so this one is padded, never cropped" });
  }
  return badges;
}

function padded(slides: readonly Pick<ComposeSlide, "width" | "height">[], index: number): boolean {
  const plan = slides.length > 1 ? planInstagramCarousel(slides).items[index] : planTranscode("instagram", slides[0]!.width, slides[0]!.height);
  return !!plan && (plan.width - plan.inner.width > 1 || plan.height - plan.inner.height > 1);
}

/**
 * The instant a composer time means: now (null, as the API reads an absent postTime), or the
 * wall-clock time `local` ("YYYY-MM-DDTHH:mm") in `zone`. Null too when that time does not exist.
 */
export function composeInstant(when: ComposeState["when"], zone: string): Date | null {
  if (when.mode === "now") return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(when.local);
  return m ? zonedInstant(m[1]!, m[2]!, zone) : null;
}

/**
 * The create bodies the composer sends (one per copy): the same fields the API takes, so the
 * server's schema and rules decide. Copies only make sense for a pool; an account gets one.
 */
export function createBodies(state: ComposeState, postTime: Date | null): CreateSlideshowInput[] {
  const common = {
    imageUrls: state.slides.map((s) => s.url),
    caption: state.caption,
    ...(state.soundPostId ? { musicPostId: state.soundPostId } : {}),
    ...(postTime ? { postTime: postTime.toISOString() } : {}),
    strict: state.strict,
  };
  if (state.target.mode === "account") return [{ accountId: state.target.accountId, ...common }];
  const t = state.target;
  const filters = {
    ...(t.tag ? { tag: t.tag } : {}),
    ...(t.userGroup ? { user_group: t.userGroup } : {}),
    ...(t.orgGroup ? { org_group: t.orgGroup } : {}),
  };
  const n = Math.min(MAX_COPIES, Math.max(1, Math.floor(state.copies)));
  return Array.from({ length: n }, () => ({ accountId: null, ...filters, ...common }));
}

/** Why Schedule is disabled, first reason first; empty when it may be pressed. */
export function scheduleBlockers(state: ComposeState, platform: Platform | null): string[] {
  const out: string[] = [];
  if (state.slides.length === 0) out.push("Add at least one image");
  if (state.slides.length > slideLimit(platform)) out.push(`Remove ${state.slides.length - slideLimit(platform)} images: the limit is ${slideLimit(platform)}`);
  const caption = captionStats(state.caption, platform).problem;
  if (caption) out.push(caption);
  if (state.target.mode === "account" && !state.target.accountId) out.push("Choose an account, or choose automatically");
  if (platform === "instagram" && state.soundPostId) out.push("Instagram carousels can't carry a sound: remove it or pick a TikTok account");
  if (state.when.mode === "at" && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(state.when.local)) out.push("Enter the post time");
  return out;
}

export type LabelCounts = { tag: { value: string; count: number }[]; userGroup: { value: string; count: number }[]; orgGroup: { value: string; count: number }[] };

/** The labels in use across `accounts`, each with how many accounts carry it, most used first. */
export function labelsInUse(accounts: readonly { tag: string | null; user_group: string | null; org_group: string | null }[]): LabelCounts {
  const count = (pick: (a: (typeof accounts)[number]) => string | null) => {
    const m = new Map<string, number>();
    for (const a of accounts) {
      const v = pick(a);
      if (v) m.set(v, (m.get(v) ?? 0) + 1);
    }
    return [...m].map(([value, n]) => ({ value, count: n })).sort((x, y) => y.count - x.count || x.value.localeCompare(y.value));
  };
  return { tag: count((a) => a.tag), userGroup: count((a) => a.user_group), orgGroup: count((a) => a.org_group) };
}
