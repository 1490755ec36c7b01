// What the composer's first screen needs (dashboard.md §1): the organization's accounts with
// what the picker shows, the labels in use for the pool selectors, the sound library, and
// whether the member may schedule; when opened on a post (Edit, Duplicate), that post as slides;
// and the preview of an edit, which places the post as the update would, ignoring itself.
import "server-only";
import * as pq from "@/db/queries/posts";
import { findMediaByHash } from "@/db/queries/media";
import { findSchedAccount } from "@/db/queries/scheduling";
import { type ComposeLink, type ComposeSlide, type ComposeSource, type LabelCounts, editBlocker, labelsInUse } from "@/lib/domain/compose";
import { AppError, type Result, invalid, resultOf } from "@/lib/domain/errors";
import { checkPostTime, platformIssues, replacementOf, updatePostSchema } from "@/lib/domain/posts";
import { can } from "@/lib/domain/roles";
import { type AccountObject, listAccounts } from "../accounts/accounts";
import type { AppContext } from "../context";
import { parseOrThrow as parse } from "../http/envelope";
import type { Member } from "../identity/session";
import { storedHashOf, thumbnailUrl } from "../media/store";
import { type SoundObject, listSoundLibrary } from "../sounds/sounds";
import { type PostObject } from "./post-object";
import { type PostsCtx, type PreviewItem, assertVersion, getPost } from "./posts";
import { choosePlacement } from "./scheduler";

export type ComposerData = {
  accounts: AccountObject[];
  labels: LabelCounts;
  sounds: SoundObject[];
  canSchedule: boolean;
};

export async function composerData(ctx: AppContext, member: Member): Promise<ComposerData> {
  const [accounts, sounds] = await Promise.all([
    listAccounts(ctx.db, { organizationId: member.organizationId, filters: {} }),
    listSoundLibrary(ctx.db, member.organizationId, {}),
  ]);
  return { accounts, labels: labelsInUse(accounts), sounds: sounds.ok ? sounds.value.sounds : [], canSchedule: can(member.role, "post:write") };
}

/** The post a composer link names, or why it cannot be opened (in words for the page). */
export type ComposerOpening = { source: ComposeSource | null; problem: string | null };

/**
 * The post behind `?edit=` or `?duplicate=`, read through the API's own getPost scoped to the
 * organization: another organization's post and an unknown or malformed id all read as "not
 * found", so a link says nothing about what exists elsewhere.
 */
export async function openComposer(ctx: PostsCtx, organizationId: string, link: ComposeLink): Promise<ComposerOpening> {
  if (link.kind !== "edit" && link.kind !== "duplicate") return { source: null, problem: null };
  const found = await getPost(ctx, organizationId, { postId: link.postId });
  if (!found.ok) {
    const gone = found.error.kind === "not_found" || found.error.kind === "validation_error";
    const verb = link.kind === "edit" ? "edit" : "duplicate";
    return { source: null, problem: gone ? `The post to ${verb} was not found in this organization: it may belong to another one, or the link is wrong.` : found.error.message };
  }
  const post = found.value;
  const slides = await slidesOf(ctx, organizationId, post);
  const missing = post.media_urls.length - slides.length;
  return {
    source: { mode: link.kind, post: { ...post, status: post.status as ComposeSource["post"]["status"] }, slides },
    problem: missing > 0 ? `${missing} of the post's images could not be found in the media store.` : null,
  };
}

/**
 * The post's images as the composer's slides: the stored media (id, size, type) looked up by the
 * hash its URL is named by, and the thumbnail the store keeps beside each original.
 */
async function slidesOf(ctx: PostsCtx, organizationId: string, post: PostObject): Promise<ComposeSlide[]> {
  const base = ctx.config.publicBaseUrl;
  const hashes = post.media_urls.map((url) => storedHashOf(url, base));
  const media = await findMediaByHash(ctx.db, { organizationId, sha256s: [...new Set(hashes.filter((h): h is string => h !== null))] });
  const byHash = new Map(media.map((m) => [m.sha256, m]));
  return post.media_urls.flatMap((url, i) => {
    const sha256 = hashes[i];
    const m = sha256 ? byHash.get(sha256) : undefined;
    if (!sha256 || !m) return [];
    // The index keeps ids unique when a post shows one image twice; ids never change afterwards.
    return [{ id: `post-${i}-${sha256.slice(0, 12)}`, mediaId: m.id, url, thumbnailUrl: thumbnailUrl(base, sha256), width: m.width, height: m.height, mimeType: m.mimeType === "image/png" ? "image/png" : "image/jpeg" }];
  });
}

export type EditPreview = PreviewItem & { unchanged: boolean };

/**
 * Where an edit would put the post, writing nothing: the update body (as updatePostAction takes
 * it) plus `postNow: true` for "post now", stamped here with the server's clock. The same checks
 * as updatePost before placing (a stale expectedUpdatedAt, a status that cannot change, what the
 * platform carries), then placed as updatePost places, with the post itself not in the way.
 */
export function previewPostUpdate(ctx: PostsCtx, organizationId: string, body: unknown, now: Date): Promise<Result<EditPreview>> {
  return resultOf(async () => {
    const input = parse(updatePostSchema, withPostNow(body, now));
    const timeIssue = checkPostTime(input.postTime, now);
    if (timeIssue) throw invalid([timeIssue]);
    const [current] = await pq.findPosts(ctx.db, { organizationId, postIds: [input.postId] });
    if (!current) throw new AppError("not_found", "postId: no such post in your organization");
    assertVersion(current, input.expectedUpdatedAt);
    const blocked = editBlocker(current.status);
    if (blocked) throw new AppError("conflict", `postId: ${blocked}`);

    const accountId = input.accountId ?? current.accountId;
    const account = accountId === current.accountId ? null : await findSchedAccount(ctx.db, { organizationId, accountId });
    if (accountId !== current.accountId && !account) throw new AppError("not_found", "accountId: no such account in your organization");
    const imageCount = input.imageUrls?.length ?? (await pq.imagesOf(ctx.db, [current.id])).length;
    const musicPostId = input.musicPostId === undefined ? current.musicPostId : input.musicPostId;
    const issues = platformIssues(account?.platform ?? current.platform, { musicPostId, imageCount, caption: input.caption ?? current.caption });
    if (issues.length) throw invalid(issues);

    const strict = input.strict ?? current.strict;
    const replacement = replacementOf(current, { accountId, strict, postTime: input.postTime }, now);
    if (!replacement) {
      const reason = "its time, account and strictness are unchanged, so it keeps its slot";
      return { account_id: current.accountId, scheduled_at: current.scheduledAt.toISOString(), bumped: false, selection: { mode: "explicit", candidates: 1, available: 1, reason }, unchanged: true };
    }
    const placed = await choosePlacement(ctx.db, { organizationId, target: { kind: "account", accountId }, at: replacement.from, strict, now, excludePostId: current.id });
    if (!placed.ok) throw placed.error;
    const p = placed.value;
    return { account_id: p.accountId, scheduled_at: p.at.toISOString(), bumped: p.bumped, selection: p.selection, unchanged: false };
  });
}

/** The body with `postNow: true` turned into this instant's postTime (the clock is read at the edge). */
function withPostNow(body: unknown, now: Date): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("postNow" in body)) return body;
  const { postNow, ...rest } = body as Record<string, unknown>;
  if (postNow === true) return { ...rest, postTime: now.toISOString() };
  // Anything but a boolean stays, for the schema to refuse as the unknown field it is.
  return postNow === false ? rest : body;
}
