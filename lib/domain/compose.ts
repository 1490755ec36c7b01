// The composer's rules (dashboard.md §1), pure so the browser's live checks and the server's
// checks are the same functions: caption counts, per-slide badges, slide limits, and turning the
// composer's state into the API's create bodies. Times are instants; `zone` is an IANA zone.
import type { Platform } from "./accounts";
import { isMovable, statusWords } from "./calendar";
import { aspectRatioWarning, ratioLabel } from "./media";
import { INSTAGRAM_MAX_HASHTAGS, INSTAGRAM_MAX_IMAGES, MAX_CAPTION_CODE_POINTS, MAX_IMAGES, countHashtags, type CreateSlideshowInput, type PostStatus } from "./posts";
import { planInstagramCarousel, planTranscode } from "./transcode";
import { localDay, localTime, zonedInstant } from "./time";

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

// ---------------------------------------------------------------------------------------------
// Opening the composer on a post or a calendar slot (dashboard.md §2: Edit, Duplicate, a free slot)

/** The fields of the API's post object the composer starts from. */
export type PrefillPost = {
  id: string;
  account_id: string;
  status: PostStatus;
  caption: string;
  music_post_id: string | null;
  scheduled_at: string;
  strict: boolean;
  updated_at: string;
};

/** A post the composer was opened on: edit it (saving updates it) or duplicate it (a new post). */
export type ComposeSource = { mode: "edit" | "duplicate"; post: PrefillPost; slides: ComposeSlide[] };

/** A calendar slot the composer was opened on: its account or pool, and its instant (ISO). */
export type ComposeSlot = { target: ComposeTarget | null; at: string | null };

/** What the composer's URL asks for (the page reads it, the calendar writes it). */
export type ComposeLink = { kind: "new" } | { kind: "edit" | "duplicate"; postId: string } | { kind: "slot"; slot: ComposeSlot };

type SearchParams = Readonly<Record<string, string | readonly string[] | undefined>>;

const first = (v: string | readonly string[] | undefined): string | null => {
  const s = (typeof v === "string" ? v : v?.[0])?.trim();
  return s ? s : null;
};

/**
 * The composer's URL: `?edit=<postId>`, `?duplicate=<postId>`, or a slot: `?account=<id>&at=<ISO>`
 * or `?tag=…&userGroup=…&orgGroup=…&at=<ISO>` (any of the three labels). A link that cannot be
 * read comes back with the reason, and the composer opens as it would without it.
 */
export function readComposeLink(params: SearchParams): { link: ComposeLink; problem: string | null } {
  const edit = first(params.edit);
  if (edit) return { link: { kind: "edit", postId: edit }, problem: null };
  const duplicate = first(params.duplicate);
  if (duplicate) return { link: { kind: "duplicate", postId: duplicate }, problem: null };
  const rawAt = first(params.at);
  const at = rawAt && !Number.isNaN(Date.parse(rawAt)) && /(Z|[+-]\d{2}:?\d{2})$/i.test(rawAt) ? new Date(rawAt).toISOString() : null;
  const problem = rawAt && !at ? `The link's time "${rawAt}" is not a time with a zone; pick the time below.` : null;
  const account = first(params.account);
  const [tag, userGroup, orgGroup] = [first(params.tag), first(params.userGroup), first(params.orgGroup)];
  const target: ComposeTarget | null = account
    ? { mode: "account", accountId: account }
    : tag || userGroup || orgGroup
      ? { mode: "auto", tag, userGroup, orgGroup }
      : null;
  if (!target && !at) return { link: { kind: "new" }, problem };
  return { link: { kind: "slot", slot: { target, at } }, problem };
}

/** An instant as the composer's "Schedule for" value: wall-clock "YYYY-MM-DDTHH:mm" in `zone`. */
export function localWhen(at: Date, zone: string): ComposeState["when"] {
  return { mode: "at", local: `${localDay(at, zone)}T${localTime(at, zone)}` };
}

/**
 * The composer's state for a post: its slides in order, caption, sound, account and strictness.
 * Editing keeps its time (read in the viewer's `zone`); a duplicate starts at "now", since the
 * original holds that time. One post on one account: never copies, never a pool.
 */
export function stateFromPost(source: ComposeSource, zone: string): ComposeState {
  const { post } = source;
  return {
    slides: source.slides,
    caption: post.caption,
    target: { mode: "account", accountId: post.account_id },
    strict: post.strict,
    copies: 1,
    when: source.mode === "edit" ? localWhen(new Date(post.scheduled_at), zone) : { mode: "now" },
    soundPostId: post.music_post_id,
  };
}

/**
 * `state` aimed at a calendar slot: its account (or pool) and its time in the viewer's `zone`;
 * the slides, caption, sound and strictness stay as they were. An account the organization does
 * not have (not in `accountIds`) is not applied, and the reason comes back.
 */
export function applySlot(state: ComposeState, slot: ComposeSlot, zone: string, accountIds: readonly string[]): { state: ComposeState; problem: string | null } {
  const unknown = slot.target?.mode === "account" && !accountIds.includes(slot.target.accountId ?? "");
  const target = slot.target && !unknown ? slot.target : state.target;
  return {
    // A slot is one post: copies go back to one.
    state: { ...state, target, copies: slot.target && !unknown ? 1 : state.copies, when: slot.at ? localWhen(new Date(slot.at), zone) : state.when },
    problem: unknown ? "The link's account is not in this organization; choose one below." : null,
  };
}

/** Why a post cannot be edited (and so saving is off), or null when it can (scheduled or failed). */
export function editBlocker(status: PostStatus): string | null {
  if (isMovable(status)) return null;
  const why = status === "complete" ? "It is published" : status === "deleted" ? "It is deleted" : `It is ${statusWords(status)} right now`;
  return `${why}: only scheduled and failed posts can be changed. Duplicate it to post it again.`;
}

/** An edit as the update use-case takes it (UpdatePostInput) without its time; see editChanges. */
export type EditBody = {
  postId: string;
  accountId?: string;
  imageUrls: string[];
  caption: string;
  musicPostId: string | null;
  strict: boolean;
  expectedUpdatedAt: string;
  postTime?: string;
};

/**
 * The update an edit sends: every field as the composer shows it, and `expectedUpdatedAt` as
 * loaded, so a post changed elsewhere meanwhile is refused (409). The time goes only when it was
 * changed (an unchanged time keeps the post's slot and its requested time); "Post now" is
 * `postNow`, for the caller to stamp with the clock when it sends.
 */
export function editChanges(state: ComposeState, source: ComposeSource, zone: string): { body: EditBody; postNow: boolean } {
  const loaded = localWhen(new Date(source.post.scheduled_at), zone);
  const unchanged = state.when.mode === "at" && loaded.mode === "at" && state.when.local === loaded.local;
  const instant = unchanged ? null : composeInstant(state.when, zone);
  const body: EditBody = {
    postId: source.post.id,
    ...(state.target.mode === "account" && state.target.accountId ? { accountId: state.target.accountId } : {}),
    imageUrls: state.slides.map((s) => s.url),
    caption: state.caption,
    musicPostId: state.soundPostId,
    strict: state.strict,
    expectedUpdatedAt: source.post.updated_at,
    ...(instant ? { postTime: instant.toISOString() } : {}),
  };
  return { body, postNow: state.when.mode === "now" };
}

/** What the edit preview takes: the update body, with `postNow: true` for "post now". */
export type EditPreviewBody = EditBody & { postNow?: true };

/** The edit preview's body for `state` (see editChanges); the server stamps "now" itself. */
export function editPreviewBody(state: ComposeState, source: ComposeSource, zone: string): EditPreviewBody {
  const { body, postNow } = editChanges(state, source, zone);
  return postNow ? { ...body, postNow: true } : body;
}
