// Graph reads: /me, a container or media object by id, and content_publishing_limit. Graph
// returns only the requested fields (plus id), so the app must ask for what it reads.
import { json, type Reply, type Req } from "../http";
import type { IgMedia, SimState } from "../state";
import { authorizeUser, GRAPH, objectMissing, tokenOf } from "./auth";
import { containerStatus, statusText } from "./containers";
import { graph400 } from "./errors";
import { quotaUsage } from "./publish";
import type { Route } from "../route";

/** Splits `a,b{c,d},e` at top-level commas into field name → nested field list. */
export function parseFields(raw: string | null): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  let depth = 0;
  let current = "";
  for (const ch of `${raw ?? ""},`) {
    if (ch === "," && depth === 0) {
      const match = /^([\w]+)(?:\{(.*)\})?$/.exec(current.trim());
      if (match) out.set(match[1]!, match[2]);
      current = "";
      continue;
    }
    if (ch === "{") depth++;
    if (ch === "}") depth--;
    current += ch;
  }
  return out;
}

function pick(all: Record<string, unknown>, fields: Map<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields.keys()) if (name in all) out[name] = all[name];
  return { ...out, id: all.id };
}

function me(req: Req, state: SimState): Reply {
  const auth = tokenOf(req, state);
  if ("status" in auth) return auth;
  const a = auth.account;
  const all = {
    id: a.appScopedId, user_id: a.userId, username: a.username, name: a.name, account_type: a.accountType,
    profile_picture_url: `${state.baseUrl}/feed/avatar/${a.username}.svg`, followers_count: 0, follows_count: 0,
    media_count: [...state.media.values()].filter((m) => m.userId === a.userId && !m.isChild).length,
  };
  return json(200, pick(all, parseFields(req.url.searchParams.get("fields") ?? "id,username")));
}

function mediaFields(state: SimState, m: IgMedia, nested?: string): Record<string, unknown> {
  const account = state.igAccounts.get(m.userId);
  const all: Record<string, unknown> = {
    id: m.id, media_type: m.mediaType, media_product_type: "FEED", caption: m.caption,
    permalink: m.isChild ? undefined : `https://www.instagram.com/p/${m.shortcode}/`, shortcode: m.shortcode,
    timestamp: new Date(m.publishedAt).toISOString().replace(/\.\d{3}Z$/, "+0000"), username: account?.username,
    media_url: m.image ? `${state.baseUrl}/feed/media/${m.image.id}` : undefined,
    is_comment_enabled: true, like_count: 0, comments_count: 0,
  };
  if (m.mediaType === "CAROUSEL_ALBUM") {
    const childFields = parseFields(nested ?? "id");
    all.children = { data: m.childMediaIds.map((id) => pick(mediaFields(state, state.media.get(id)!), childFields)) };
  }
  return all;
}

function getObject(req: Req, state: SimState): Reply {
  const id = req.match[1]!;
  const auth = tokenOf(req, state);
  if ("status" in auth) return auth;
  const fields = parseFields(req.url.searchParams.get("fields"));
  const container = state.containers.get(id);
  if (container && container.userId === auth.account.userId) {
    return json(200, pick({ id, status_code: containerStatus(state, container), status: statusText(state, container) }, fields));
  }
  const media = state.media.get(id);
  if (media && media.userId === auth.account.userId) return json(200, pick(mediaFields(state, media, fields.get("children")), fields));
  if (id === auth.account.userId) return json(200, pick({ id, username: auth.account.username, name: auth.account.name }, fields));
  return objectMissing(id);
}

function publishingLimit(req: Req, state: SimState): Reply {
  const userId = req.match[1]!;
  const auth = authorizeUser(req, state, userId, false);
  if ("status" in auth) return auth;
  const since = req.url.searchParams.get("since");
  const sinceMs = since === null ? undefined : Number(since) * 1000;
  if (sinceMs !== undefined && (!Number.isFinite(sinceMs) || sinceMs < state.now() - 86_400_000)) {
    return graph400({ code: 100, message: "(#100) The parameter since must be a unix timestamp within the last 24 hours." });
  }
  const fields = parseFields(req.url.searchParams.get("fields") ?? "quota_usage");
  const config = { quota_total: state.settings.igQuotaTotal, quota_duration: state.settings.igQuotaDurationS };
  const entry: Record<string, unknown> = { quota_usage: quotaUsage(state, userId, sinceMs) };
  if (fields.has("config")) entry.config = config;
  if (fields.has("rate_limit_settings")) entry.rate_limit_settings = config;
  if (!fields.has("quota_usage")) delete entry.quota_usage;
  return json(200, { data: [entry] });
}

export const instagramReadRoutes: Route[] = [
  { method: "GET", pattern: new RegExp(`^${GRAPH}/me/?$`), name: "instagram.me", platform: "instagram", handle: me },
  { method: "GET", pattern: new RegExp(`^${GRAPH}/(\\d+)/content_publishing_limit/?$`), name: "instagram.publishing_limit", platform: "instagram", handle: publishingLimit },
  { method: "GET", pattern: new RegExp(`^${GRAPH}/(\\d+)/?$`), name: "instagram.object", platform: "instagram", handle: getObject },
];
