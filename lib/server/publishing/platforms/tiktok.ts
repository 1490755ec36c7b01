// TikTok Content Posting API client (photo mode) and Login Kit OAuth, per platforms.md §1.
// Every host is configurable so the same code talks to TikTok or to the simulator.
import "server-only";
import type { TikTokPlatformConfig } from "@/env";
import { type Result, err, ok } from "@/lib/domain/errors";
import { type Classified, asCreateFailure, classifyTikTokError, classifyTikTokFailReason } from "@/lib/domain/publishing";
import { type Failure, platformFetch, retryAfterMs } from "./http";

/** Hosts: authBaseUrl www.tiktok.com (the consent page), apiBaseUrl open.tiktokapis.com (tokens, API). */
export type TikTokConfig = Omit<TikTokPlatformConfig, "simulated"> & { timeoutMs?: number };

export const TIKTOK_SCOPES = ["user.info.basic", "video.publish", "video.upload"] as const;

export type TokenSet = {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  refreshTokenExpiresAt: Date;
  scopes: string[];
  openId: string;
};


type Envelope = { data?: Record<string, unknown>; error?: { code?: string; message?: string } };

/** The URL that sends a creator to TikTok's consent page. */
export function authorizeUrl(cfg: TikTokConfig, p: { redirectUri: string; state: string; codeChallenge?: string }): string {
  const u = new URL(`${cfg.authBaseUrl.replace(/\/+$/, "")}/v2/auth/authorize/`);
  u.searchParams.set("client_key", cfg.clientKey);
  u.searchParams.set("scope", TIKTOK_SCOPES.join(","));
  u.searchParams.set("response_type", "code");
  u.searchParams.set("redirect_uri", p.redirectUri);
  u.searchParams.set("state", p.state);
  if (p.codeChallenge) {
    u.searchParams.set("code_challenge", p.codeChallenge);
    u.searchParams.set("code_challenge_method", "S256");
  }
  return u.toString();
}

function url(cfg: TikTokConfig, path: string): string {
  return `${cfg.apiBaseUrl.replace(/\/+$/, "")}${path}`;
}

/** POSTs the token endpoint (form-encoded, as TikTok insists) and reads the flat token JSON. */
async function tokenRequest(cfg: TikTokConfig, form: Record<string, string>, now: Date): Promise<Result<TokenSet, Failure>> {
  const res = await platformFetch(url(cfg, "/v2/oauth/token/"), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Cache-Control": "no-cache" },
    body: new URLSearchParams({ client_key: cfg.clientKey, client_secret: cfg.clientSecret, ...form }).toString(),
    timeoutMs: cfg.timeoutMs,
  });
  if (!res.ok) return err(res.failure);
  const j = (res.response.json ?? {}) as Record<string, unknown>;
  // OAuth errors use their own shape, sometimes with HTTP 200: look for `error` whatever the status.
  if (typeof j.error === "string" || typeof j.access_token !== "string") {
    const code = typeof j.error === "string" ? j.error : `HTTP ${res.response.status}`;
    const grantGone = code === "invalid_grant" || code === "invalid_client";
    const failure = classifyTikTokError(res.response.status, code, String(j.error_description ?? ""));
    return err(grantGone ? { ...failure, class: "needs_reauth" } : failure);
  }
  return ok({
    accessToken: j.access_token,
    refreshToken: String(j.refresh_token ?? ""),
    accessTokenExpiresAt: new Date(now.getTime() + Number(j.expires_in ?? 0) * 1000),
    refreshTokenExpiresAt: new Date(now.getTime() + Number(j.refresh_expires_in ?? 0) * 1000),
    scopes: String(j.scope ?? "").split(",").filter(Boolean),
    openId: String(j.open_id ?? ""),
  });
}

export function exchangeCode(cfg: TikTokConfig, p: { code: string; redirectUri: string; codeVerifier?: string }, now: Date) {
  return tokenRequest(
    cfg,
    {
      grant_type: "authorization_code",
      code: p.code,
      redirect_uri: p.redirectUri,
      ...(p.codeVerifier ? { code_verifier: p.codeVerifier } : {}),
    },
    now,
  );
}

/** Refreshes; TikTok rotates the refresh token, so the caller must store the new one. */
export function refreshTokens(cfg: TikTokConfig, refreshToken: string, now: Date) {
  return tokenRequest(cfg, { grant_type: "refresh_token", refresh_token: refreshToken }, now);
}

/** A call to a /v2 resource with the {data, error} envelope; `error.code` decides, not the status. */
async function resource(
  cfg: TikTokConfig,
  token: string,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<Result<Record<string, unknown>, Failure>> {
  const res = await platformFetch(url(cfg, path), {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json; charset=UTF-8" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: cfg.timeoutMs,
  });
  if (!res.ok) return err(res.failure);
  const { status, json, headers } = res.response;
  const env = (json ?? {}) as Envelope;
  const code = env.error?.code ?? "";
  if (code === "ok" && status < 400) return ok(env.data ?? {});
  return err({ ...classifyTikTokError(status, code, env.error?.message ?? ""), retryAfterMs: retryAfterMs(headers), httpStatus: status });
}

export type TikTokUser = { openId: string; username: string; displayName: string; avatarUrl: string | null };

export async function userInfo(cfg: TikTokConfig, token: string): Promise<Result<TikTokUser, Failure>> {
  const r = await resource(cfg, token, "GET", "/v2/user/info/?fields=open_id,union_id,avatar_url,display_name,username");
  if (!r.ok) return r;
  const u = (r.value.user ?? {}) as Record<string, unknown>;
  return ok({
    openId: String(u.open_id ?? ""),
    username: String(u.username ?? u.display_name ?? ""),
    displayName: String(u.display_name ?? ""),
    avatarUrl: typeof u.avatar_url === "string" ? u.avatar_url : null,
  });
}

export type CreatorInfo = { privacyLevelOptions: string[]; commentDisabled: boolean; username: string };

/** Required before each Direct Post: which privacy levels this creator may use right now. */
export async function creatorInfo(cfg: TikTokConfig, token: string): Promise<Result<CreatorInfo, Failure>> {
  const r = await resource(cfg, token, "POST", "/v2/post/publish/creator_info/query/");
  if (!r.ok) return r;
  return ok({
    privacyLevelOptions: Array.isArray(r.value.privacy_level_options) ? r.value.privacy_level_options.map(String) : [],
    commentDisabled: r.value.comment_disabled === true,
    username: String(r.value.creator_username ?? ""),
  });
}

export type PhotoPost = {
  mode: "DIRECT_POST" | "MEDIA_UPLOAD";
  title: string;
  description: string;
  privacyLevel?: string;
  imageUrls: string[];
  coverIndex?: number;
};

/** Starts a photo post pulled from our URLs; the publish_id must be saved before anything else. */
export async function initPhotoPost(cfg: TikTokConfig, token: string, p: PhotoPost): Promise<Result<{ publishId: string }, Failure>> {
  const direct = p.mode === "DIRECT_POST";
  const r = await resource(cfg, token, "POST", "/v2/post/publish/content/init/", {
    media_type: "PHOTO",
    post_mode: p.mode,
    post_info: {
      title: p.title,
      description: p.description,
      ...(direct
        ? { privacy_level: p.privacyLevel, disable_comment: false, auto_add_music: false, brand_content_toggle: false, brand_organic_toggle: false }
        : {}),
    },
    source_info: { source: "PULL_FROM_URL", photo_cover_index: p.coverIndex ?? 0, photo_images: p.imageUrls },
  });
  if (!r.ok) return err(asCreateFailure(r.error));
  const publishId = r.value.publish_id;
  return typeof publishId === "string" && publishId
    ? ok({ publishId })
    : err({ class: "unknown_outcome", reason: "TikTok accepted the post but returned no publish_id" });
}

export type PublishStatus =
  | { state: "processing" }
  | { state: "inbox" }
  | { state: "complete"; postIds: string[] }
  | { state: "failed"; failure: Classified };

export async function fetchPublishStatus(cfg: TikTokConfig, token: string, publishId: string): Promise<Result<PublishStatus, Failure>> {
  const r = await resource(cfg, token, "POST", "/v2/post/publish/status/fetch/", { publish_id: publishId });
  if (!r.ok) return r;
  const status = String(r.value.status ?? "");
  if (status === "PUBLISH_COMPLETE") {
    const ids = Array.isArray(r.value.publicaly_available_post_id) ? r.value.publicaly_available_post_id.map(String) : [];
    return ok({ state: "complete", postIds: ids });
  }
  if (status === "SEND_TO_USER_INBOX") return ok({ state: "inbox" });
  if (status === "FAILED") return ok({ state: "failed", failure: classifyTikTokFailReason(String(r.value.fail_reason ?? "")) });
  return ok({ state: "processing" });
}

/** The public URL of a photo post (TikTok redirects between /photo/ and /video/ forms). */
export function postUrl(username: string, postId: string): string {
  return `https://www.tiktok.com/@${encodeURIComponent(username)}/photo/${postId}`;
}
