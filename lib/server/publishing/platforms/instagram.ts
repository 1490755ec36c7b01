// Instagram API with Instagram Login: OAuth and carousel / single-image publishing, per
// platforms.md §2. Hosts and the Graph version are configurable (real Meta or the simulator).
import "server-only";
import type { InstagramPlatformConfig } from "@/env";
import { type Result, err, ok } from "@/lib/domain/errors";
import { asCreateFailure, classifyInstagramError } from "@/lib/domain/publishing";
import { type Failure, platformFetch, retryAfterMs } from "./http";

/** Hosts: authBaseUrl www.instagram.com, apiBaseUrl api.instagram.com (code exchange), graphBaseUrl graph.instagram.com. */
export type InstagramConfig = Omit<InstagramPlatformConfig, "simulated"> & { timeoutMs?: number };

export const INSTAGRAM_SCOPES = ["instagram_business_basic", "instagram_business_content_publish"] as const;

const trim = (u: string) => u.replace(/\/+$/, "");

export function authorizeUrl(cfg: InstagramConfig, p: { redirectUri: string; state: string }): string {
  const u = new URL(`${trim(cfg.authBaseUrl)}/oauth/authorize`);
  u.searchParams.set("client_id", cfg.appId);
  u.searchParams.set("redirect_uri", p.redirectUri);
  u.searchParams.set("response_type", "code");
  u.searchParams.set("scope", INSTAGRAM_SCOPES.join(","));
  u.searchParams.set("state", p.state);
  u.searchParams.set("enable_fb_login", "0");
  return u.toString();
}

type GraphBody = Record<string, unknown> & {
  error?: { message?: string; code?: number; error_subcode?: number; is_transient?: boolean };
};

/** One Graph call; the token travels in the Authorization header, parameters as a form. */
async function graph(
  cfg: InstagramConfig,
  token: string,
  method: "GET" | "POST",
  path: string,
  params: Record<string, string> = {},
): Promise<Result<GraphBody, Failure>> {
  const u = new URL(`${trim(cfg.graphBaseUrl)}/${cfg.graphVersion}${path}`);
  if (method === "GET") for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  const res = await platformFetch(u.toString(), {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
    body: method === "POST" ? new URLSearchParams(params).toString() : undefined,
    timeoutMs: cfg.timeoutMs,
  });
  if (!res.ok) return err(res.failure);
  return judge(res.response.status, res.response.json, res.response.headers);
}

function judge(status: number, json: unknown, headers: Headers): Result<GraphBody, Failure> {
  const body = (json ?? {}) as GraphBody;
  if (status < 400 && !body.error) return ok(body);
  const e = body.error ?? {};
  return err({
    ...classifyInstagramError({ httpStatus: status, code: e.code, subcode: e.error_subcode, isTransient: e.is_transient, message: e.message }),
    retryAfterMs: retryAfterMs(headers),
    httpStatus: status,
  });
}

export type InstagramTokens = { accessToken: string; expiresAt: Date; userId: string; scopes: string[] };

/** Code → short-lived token → long-lived (60-day) token. */
export async function exchangeCode(cfg: InstagramConfig, p: { code: string; redirectUri: string }, now: Date): Promise<Result<InstagramTokens, Failure>> {
  const res = await platformFetch(`${trim(cfg.apiBaseUrl)}/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: cfg.appId,
      client_secret: cfg.appSecret,
      grant_type: "authorization_code",
      redirect_uri: p.redirectUri,
      code: p.code.replace(/#_$/, ""),
    }).toString(),
    timeoutMs: cfg.timeoutMs,
  });
  if (!res.ok) return err(res.failure);
  const j = (res.response.json ?? {}) as Record<string, unknown>;
  // The docs show {data: [{…}]}; some responses are flat. Accept both.
  const first = (Array.isArray(j.data) ? (j.data[0] as Record<string, unknown> | undefined) : j) ?? {};
  if (res.response.status >= 400 || typeof first.access_token !== "string") {
    const message = String(j.error_message ?? (j.error as { message?: string } | undefined)?.message ?? `HTTP ${res.response.status}`);
    return err({ class: "needs_reauth", reason: `Instagram code exchange failed: ${message}` });
  }
  const scopes = Array.isArray(first.permissions) ? first.permissions.map(String) : String(first.permissions ?? "").split(",").filter(Boolean);
  const long = await tokenCall(cfg, "/access_token", { grant_type: "ig_exchange_token", client_secret: cfg.appSecret, access_token: first.access_token }, now);
  if (!long.ok) return long;
  return ok({ ...long.value, userId: String(first.user_id ?? ""), scopes });
}

/** Extends a long-lived token by another 60 days (it must be at least 24 h old). */
export async function refreshToken(cfg: InstagramConfig, token: string, now: Date): Promise<Result<{ accessToken: string; expiresAt: Date }, Failure>> {
  return tokenCall(cfg, "/refresh_access_token", { grant_type: "ig_refresh_token", access_token: token }, now);
}

async function tokenCall(cfg: InstagramConfig, path: string, params: Record<string, string>, now: Date) {
  const u = new URL(`${trim(cfg.graphBaseUrl)}${path}`);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  const res = await platformFetch(u.toString(), { method: "GET", timeoutMs: cfg.timeoutMs });
  if (!res.ok) return err(res.failure);
  const judged = judge(res.response.status, res.response.json, res.response.headers);
  if (!judged.ok) return judged;
  const j = judged.value;
  if (typeof j.access_token !== "string") return err<Failure>({ class: "needs_reauth", reason: "Instagram returned no access token" });
  return ok({ accessToken: j.access_token, expiresAt: new Date(now.getTime() + Number(j.expires_in ?? 0) * 1000) });
}

export async function me(cfg: InstagramConfig, token: string) {
  const r = await graph(cfg, token, "GET", "/me", { fields: "user_id,username,name,profile_picture_url" });
  if (!r.ok) return r;
  return ok({
    userId: String(r.value.user_id ?? r.value.id ?? ""),
    username: String(r.value.username ?? ""),
    name: typeof r.value.name === "string" ? r.value.name : null,
    avatarUrl: typeof r.value.profile_picture_url === "string" ? r.value.profile_picture_url : null,
  });
}

/** An image container: a carousel child (no caption) or a single-image post. */
export async function createImageContainer(
  cfg: InstagramConfig,
  token: string,
  igUserId: string,
  p: { imageUrl: string; carouselItem: boolean; caption?: string },
): Promise<Result<string, Failure>> {
  const params: Record<string, string> = { image_url: p.imageUrl };
  if (p.carouselItem) params.is_carousel_item = "true";
  else if (p.caption) params.caption = p.caption;
  const r = await graph(cfg, token, "POST", `/${igUserId}/media`, params);
  return r.ok ? ok(String(r.value.id)) : r;
}

export async function createCarouselContainer(
  cfg: InstagramConfig,
  token: string,
  igUserId: string,
  p: { children: string[]; caption: string },
): Promise<Result<string, Failure>> {
  const r = await graph(cfg, token, "POST", `/${igUserId}/media`, { media_type: "CAROUSEL", children: p.children.join(","), caption: p.caption });
  return r.ok ? ok(String(r.value.id)) : r;
}

export type ContainerStatus = "IN_PROGRESS" | "FINISHED" | "PUBLISHED" | "ERROR" | "EXPIRED";

export async function containerStatus(cfg: InstagramConfig, token: string, containerId: string): Promise<Result<ContainerStatus, Failure>> {
  const r = await graph(cfg, token, "GET", `/${containerId}`, { fields: "status_code,status" });
  return r.ok ? ok(String(r.value.status_code) as ContainerStatus) : r;
}

/** The step that posts (and counts against the quota): container → media id. */
export async function publishContainer(cfg: InstagramConfig, token: string, igUserId: string, creationId: string): Promise<Result<string, Failure>> {
  const r = await graph(cfg, token, "POST", `/${igUserId}/media_publish`, { creation_id: creationId });
  return r.ok ? ok(String(r.value.id)) : err(asCreateFailure(r.error));
}

export async function permalink(cfg: InstagramConfig, token: string, mediaId: string): Promise<Result<string | null, Failure>> {
  const r = await graph(cfg, token, "GET", `/${mediaId}`, { fields: "id,permalink" });
  return r.ok ? ok(typeof r.value.permalink === "string" ? r.value.permalink : null) : r;
}

export async function publishingLimit(cfg: InstagramConfig, token: string, igUserId: string) {
  const r = await graph(cfg, token, "GET", `/${igUserId}/content_publishing_limit`, { fields: "quota_usage,config" });
  if (!r.ok) return r;
  const row = (Array.isArray(r.value.data) ? r.value.data[0] : {}) as { quota_usage?: number; config?: { quota_total?: number } };
  return ok({ usage: Number(row.quota_usage ?? 0), total: Number(row.config?.quota_total ?? 50) });
}
