// open.tiktokapis.com resource endpoints: user info, creator info, photo init, status, cancel
// (platforms.md §1.2–§1.6, checks in the order of §3.2).
import { jsonBody, jsonText, type Reply, type Req } from "../http";
import { tiktokLogId } from "../ids";
import type { Route } from "../route";
import type { SimState, TikTokPublish } from "../state";
import { authorizeTikTok, isReply, tiktokRateLimit, ttError, ttOk } from "./envelope";
import { parsePhotoInit } from "./init-schema";
import { directPostsToday, downloadedBytes, fail, pendingShares, pullPhotos, settle, visiblePostIds } from "./pipeline";

const PUBLISH = "/tiktok/v2/post/publish";

function userInfo(req: Req, state: SimState): Reply {
  const auth = authorizeTikTok(req, state, ["user.info.basic"]);
  if (isReply(auth)) return auth;
  const limited = tiktokRateLimit(state, "user_info", auth.token, state.settings.rateLimits.userInfo);
  if (limited) return limited;
  const { account } = auth;
  const all: Record<string, string> = {
    open_id: account.openId,
    union_id: account.unionId,
    avatar_url: `${state.baseUrl}/feed/avatar/${account.username}.svg`,
    display_name: account.nickname,
    username: account.username,
  };
  const fields = (req.url.searchParams.get("fields") ?? "open_id").split(",").map((f) => f.trim());
  return ttOk(state, { user: Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])) });
}

function creatorInfo(req: Req, state: SimState): Reply {
  const auth = authorizeTikTok(req, state, ["video.publish"]);
  if (isReply(auth)) return auth;
  const limited = tiktokRateLimit(state, "creator_info", auth.token, state.settings.rateLimits.creatorInfo);
  if (limited) return limited;
  const { account } = auth;
  // Caps and bans come back with HTTP 200 by design; clients must read error.code.
  if (account.banned) return ttError(state, 200, "spam_risk_user_banned_from_posting", "The user is banned from posting.");
  if (directPostsToday(state, account.openId) >= state.settings.tiktokDailyPostCap) {
    return ttError(state, 200, "spam_risk_too_many_posts", "The user has reached the daily post cap.");
  }
  return ttOk(state, {
    creator_avatar_url: `${state.baseUrl}/feed/avatar/${account.username}.svg`,
    creator_username: account.username,
    creator_nickname: account.nickname,
    privacy_level_options: account.privacyLevelOptions,
    comment_disabled: account.commentDisabled,
    duet_disabled: false,
    stitch_disabled: true,
    max_video_post_duration_sec: 300,
  });
}

function contentInit(req: Req, state: SimState): Reply {
  const body = jsonBody(req);
  const upload = typeof body === "object" && body !== null && (body as { post_mode?: unknown }).post_mode === "MEDIA_UPLOAD";
  const auth = authorizeTikTok(req, state, [upload ? "video.upload" : "video.publish"]);
  if (isReply(auth)) return auth;
  const limited = tiktokRateLimit(state, "content_init", auth.token, state.settings.rateLimits.contentInit);
  if (limited) return limited;
  const parsed = parsePhotoInit(body);
  if (!parsed.ok) return ttError(state, 400, "invalid_param", parsed.message);
  const init = parsed.value;
  const { account } = auth;
  const privacy = init.post_info?.privacy_level ?? "";
  if (init.post_mode === "DIRECT_POST" && !account.privacyLevelOptions.includes(privacy)) {
    return ttError(state, 403, "privacy_level_option_mismatch", "privacy_level is missing or not one of the creator's privacy_level_options.");
  }
  const unverified = init.source_info.photo_images.find((url) => !urlOwned(state, url));
  if (unverified !== undefined) {
    return ttError(state, state.settings.urlOwnershipStatus, "url_ownership_unverified", `URL is not under a verified domain or prefix: ${unverified}`);
  }
  if (init.post_mode === "DIRECT_POST" && directPostsToday(state, account.openId) >= state.settings.tiktokDailyPostCap) {
    return ttError(state, 403, "spam_risk_too_many_posts", "The user has reached the daily post cap.");
  }
  if (init.post_mode === "MEDIA_UPLOAD" && pendingShares(state, account.openId) >= state.settings.tiktokPendingShareCap) {
    return ttError(state, 403, "spam_risk_too_many_pending_share", "The user has too many pending inbox shares.");
  }
  if (account.banned) return ttError(state, 403, "spam_risk_user_banned_from_posting", "The user is banned from posting.");

  const seq = state.next("tiktok_publish");
  const publish: TikTokPublish = {
    id: `p_pub_url~v2.${7_300_000_000 + seq}`,
    seq,
    openId: account.openId,
    clientId: auth.token.clientId,
    mode: init.post_mode,
    privacyLevel: init.post_mode === "DIRECT_POST" ? privacy : "",
    title: init.post_info?.title ?? "",
    description: init.post_info?.description ?? "",
    urls: init.source_info.photo_images,
    createdAt: state.now(),
    status: "PROCESSING_DOWNLOAD",
    discarded: false,
  };
  state.publishes.set(publish.id, publish);
  void pullPhotos(state, publish);
  return ttOk(state, { publish_id: publish.id });
}

/** A verified domain covers its subdomains over https; a verified prefix covers exactly what starts with it. */
function urlOwned(state: SimState, url: string): boolean {
  const s = state.settings;
  if (!s.requireVerifiedDomains) return true;
  if (s.verifiedUrlPrefixes.some((prefix) => url.startsWith(prefix))) return true;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === "https:" && s.verifiedDomains.some((d) => hostname === d || hostname.endsWith(`.${d}`));
  } catch {
    return false;
  }
}

/** The caller's publish named in the body, or the 400 reply TikTok gives. */
function ownPublish(req: Req, state: SimState, openId: string): TikTokPublish | Reply {
  const body = jsonBody(req);
  const id = typeof body === "object" && body !== null ? (body as { publish_id?: unknown }).publish_id : undefined;
  const publish = typeof id === "string" ? state.publishes.get(id) : undefined;
  if (!publish) return ttError(state, 400, "invalid_publish_id", "The publish_id does not exist.");
  if (publish.openId !== openId) {
    return ttError(state, 400, "token_not_authorized_for_specified_publish_id", "The access token is not authorized for this publish_id.");
  }
  settle(state, publish);
  return publish;
}

function statusFetch(req: Req, state: SimState): Reply {
  const auth = authorizeTikTok(req, state, ["video.publish", "video.upload"]);
  if (isReply(auth)) return auth;
  const limited = tiktokRateLimit(state, "status_fetch", auth.token, state.settings.rateLimits.statusFetch);
  if (limited) return limited;
  const publish = ownPublish(req, state, auth.account.openId);
  if (isReply(publish)) return publish;
  const data: Record<string, unknown> = {
    status: publish.status,
    ...(publish.failReason ? { fail_reason: publish.failReason } : {}),
    publicaly_available_post_id: "%POST_IDS%",
    uploaded_bytes: 0,
    downloaded_bytes: downloadedBytes(state, publish),
  };
  // Post ids are int64s beyond JS's safe range: written as raw number literals, never strings.
  const ids = visiblePostIds(state, publish).map(String).join(",");
  const text = JSON.stringify({ data, error: { code: "ok", message: "", log_id: tiktokLogId(state.now()) } }).replace('"%POST_IDS%"', `[${ids}]`);
  return jsonText(200, text);
}

function cancel(req: Req, state: SimState): Reply {
  const auth = authorizeTikTok(req, state, ["video.publish", "video.upload"]);
  if (isReply(auth)) return auth;
  const publish = ownPublish(req, state, auth.account.openId);
  if (isReply(publish)) return publish;
  if (publish.status !== "PROCESSING_DOWNLOAD") return ttError(state, 400, "publish_not_cancellable", "The publish can no longer be cancelled.");
  fail(publish, "publish_cancelled");
  return ttOk(state, {});
}

export const tiktokApiRoutes: Route[] = [
  { method: "GET", pattern: /^\/tiktok\/v2\/user\/info\/?$/, name: "tiktok.user_info", platform: "tiktok", handle: userInfo },
  { method: "POST", pattern: new RegExp(`^${PUBLISH}/creator_info/query/?$`), name: "tiktok.creator_info", platform: "tiktok", handle: creatorInfo },
  { method: "POST", pattern: new RegExp(`^${PUBLISH}/content/init/?$`), name: "tiktok.content_init", platform: "tiktok", handle: contentInit },
  { method: "POST", pattern: new RegExp(`^${PUBLISH}/status/fetch/?$`), name: "tiktok.status_fetch", platform: "tiktok", handle: statusFetch },
  { method: "POST", pattern: new RegExp(`^${PUBLISH}/cancel/?$`), name: "tiktok.cancel", platform: "tiktok", handle: cancel },
];
