// The scenario API under /__admin: clock, settings, clients, accounts, tokens, faults, revocation,
// creator actions on inbox drafts, forced failures, the request log and reset. JSON in, JSON out.
import { z } from "zod";
import { issueToken, upsertInstagramAccount, upsertTikTokAccount } from "./accounts";
import { json, jsonBody, type Reply, type Req } from "./http";
import type { Route } from "./route";
import { mergeSettings } from "./settings";
import type { SimState } from "./state";
import { complete, fail, settle } from "./tiktok/pipeline";
import { revokeGrant } from "./tiktok/oauth";
import { allRouteNames } from "./routes";

const platform = z.enum(["tiktok", "instagram"]);

const FAIL_REASONS = [
  "file_format_check_failed", "duration_check_failed", "frame_rate_check_failed", "picture_size_check_failed", "internal",
  "video_pull_failed", "photo_pull_failed", "publish_cancelled", "auth_removed", "spam_risk_too_many_posts",
  "spam_risk_user_banned_from_posting", "spam_risk_text", "spam_risk",
] as const;

const settingsSchema = z
  .object({
    tiktokProcessingMs: z.number().min(0), tiktokModerationMs: z.number().min(0), igProcessingMs: z.number().min(0), fetchTimeoutMs: z.number().positive(),
    tiktokCodeTtlS: z.number().positive(), tiktokAccessTokenTtlS: z.number().positive(), tiktokRefreshTokenTtlS: z.number().positive(),
    igCodeTtlS: z.number().positive(), igShortTokenTtlS: z.number().positive(), igLongTokenTtlS: z.number().positive(),
    igCodeExchangeShape: z.enum(["data", "flat"]),
    rateLimits: z.object({ userInfo: z.number().int(), creatorInfo: z.number().int(), contentInit: z.number().int(), statusFetch: z.number().int() }).partial(),
    tiktokDailyPostCap: z.number().int(), tiktokPendingShareCap: z.number().int(),
    igQuotaTotal: z.number().int(), igQuotaDurationS: z.number().int().positive(), igCarouselMax: z.number().int().min(2),
    tiktokImage: z.object({ maxBytes: z.number(), maxShortSide: z.number(), maxLongSide: z.number() }).partial(),
    igImage: z.object({ maxBytes: z.number(), minRatio: z.number(), maxRatio: z.number() }).partial(),
    requireVerifiedDomains: z.boolean(), verifiedDomains: z.array(z.string()), verifiedUrlPrefixes: z.array(z.string()),
    urlOwnershipStatus: z.number().int(), strictRedirects: z.boolean(), autoApprove: z.boolean(),
  })
  .partial()
  .strict();

const clockSchema = z.union([z.object({ advanceMs: z.number() }), z.object({ setMs: z.number() })]);
const clientSchema = z.object({ platform, clientId: z.string().min(1), clientSecret: z.string().min(1), redirectUris: z.array(z.string()).default([]), name: z.string().optional() });
const accountSchema = z.discriminatedUnion("platform", [
  z.object({
    platform: z.literal("tiktok"), username: z.string().min(1), nickname: z.string().optional(), isPrivate: z.boolean().optional(),
    privacyLevelOptions: z.array(z.string()).optional(), commentDisabled: z.boolean().optional(), banned: z.boolean().optional(),
  }),
  z.object({ platform: z.literal("instagram"), username: z.string().min(1), name: z.string().optional(), accountType: z.enum(["BUSINESS", "MEDIA_CREATOR", "PERSONAL"]).optional() }),
]);
const tokenSchema = z.object({ platform, username: z.string().min(1), scopes: z.array(z.string()).optional() });
const faultSchema = z.object({
  platform: platform.optional(), endpoint: z.string(), count: z.number().int().positive().default(1), status: z.number().int().optional(),
  body: z.unknown().optional(), code: z.union([z.string(), z.number()]).optional(), subcode: z.number().int().optional(), message: z.string().optional(),
  delayMs: z.number().min(0).default(0),
});
const userSchema = z.object({ platform, username: z.string().min(1) });

class InvalidInput {
  constructor(readonly reply: Reply) {}
}

/** Parses the JSON body with `schema`; an InvalidInput carrying the 400 reply when it does not fit. */
function input<S extends z.ZodType>(req: Req, schema: S): z.output<S> | InvalidInput {
  const parsed = schema.safeParse(jsonBody(req) ?? {});
  return parsed.success ? parsed.data : new InvalidInput(json(400, { error: z.prettifyError(parsed.error) }));
}

function clockView(state: SimState): Reply {
  return json(200, { nowMs: state.now(), iso: new Date(state.now()).toISOString() });
}

function setClock(req: Req, state: SimState): Reply {
  const body = input(req, clockSchema);
  if (body instanceof InvalidInput) return body.reply;
  if ("advanceMs" in body) state.clock.advance(body.advanceMs);
  else state.clock.set(body.setMs);
  return clockView(state);
}

function setSettings(req: Req, state: SimState): Reply {
  const body = input(req, settingsSchema);
  if (body instanceof InvalidInput) return body.reply;
  state.settings = mergeSettings(state.settings, body as Parameters<typeof mergeSettings>[1]);
  return json(200, state.settings);
}

function addClient(req: Req, state: SimState): Reply {
  const body = input(req, clientSchema);
  if (body instanceof InvalidInput) return body.reply;
  state.clients.set(`${body.platform}:${body.clientId}`, { ...body, name: body.name ?? body.clientId });
  return json(200, { ok: true });
}

function addAccount(req: Req, state: SimState): Reply {
  const body = input(req, accountSchema);
  if (body instanceof InvalidInput) return body.reply;
  return json(200, body.platform === "tiktok" ? upsertTikTokAccount(state, body) : upsertInstagramAccount(state, body));
}

const DEFAULT_SCOPES = {
  tiktok: ["user.info.basic", "video.publish", "video.upload"],
  instagram: ["instagram_business_basic", "instagram_business_content_publish"],
};

/** Mints a token pair without the OAuth dance, for tests of the publishing code. */
function mintToken(req: Req, state: SimState): Reply {
  const body = input(req, tokenSchema);
  if (body instanceof InvalidInput) return body.reply;
  const scopes = body.scopes ?? DEFAULT_SCOPES[body.platform];
  const s = state.settings;
  if (body.platform === "tiktok") {
    const account = state.findTikTokByUsername(body.username) ?? upsertTikTokAccount(state, { username: body.username });
    const base = { platform: "tiktok" as const, accountKey: account.openId, clientId: "sim-tiktok-client", scopes };
    const access = issueToken(state, { ...base, kind: "access", ttlS: s.tiktokAccessTokenTtlS });
    const refresh = issueToken(state, { ...base, kind: "refresh", ttlS: s.tiktokRefreshTokenTtlS });
    return json(200, { accessToken: access.value, refreshToken: refresh.value, openId: account.openId });
  }
  const account = state.findIgByUsername(body.username) ?? upsertInstagramAccount(state, { username: body.username });
  const token = issueToken(state, { kind: "ig_long", platform: "instagram", accountKey: account.userId, clientId: "sim-instagram-app", scopes, ttlS: s.igLongTokenTtlS });
  return json(200, { accessToken: token.value, userId: account.userId });
}

function addFault(req: Req, state: SimState): Reply {
  const body = input(req, faultSchema);
  if (body instanceof InvalidInput) return body.reply;
  if (!allRouteNames().includes(body.endpoint)) return json(400, { error: `Unknown endpoint ${body.endpoint}`, endpoints: allRouteNames() });
  const hasResponse = body.body !== undefined || body.code !== undefined;
  state.faults.add({ ...body, status: body.status ?? (hasResponse ? 500 : undefined), remaining: body.count });
  return json(200, { pending: state.faults.pending() });
}

function revoke(req: Req, state: SimState): Reply {
  const body = input(req, userSchema);
  if (body instanceof InvalidInput) return body.reply;
  if (body.platform === "tiktok") {
    const account = state.findTikTokByUsername(body.username);
    if (!account) return json(404, { error: "No such TikTok account" });
    revokeGrant(state, account.openId);
  } else {
    const account = state.findIgByUsername(body.username);
    if (!account) return json(404, { error: "No such Instagram account" });
    for (const t of state.tokens.values()) if (t.platform === "instagram" && t.accountKey === account.userId) t.revoked = true;
  }
  return json(200, { ok: true });
}

/** The creator acts on an inbox draft, or TikTok fails a publish for a chosen reason. */
function publishAction(req: Req, state: SimState): Reply {
  const [, id, action] = req.match;
  const publish = state.publishes.get(decodeURIComponent(id!));
  if (!publish) return json(404, { error: "No such publish_id" });
  settle(state, publish);
  if (action === "fail") {
    const body = input(req, z.object({ reason: z.enum(FAIL_REASONS) }));
    if (body instanceof InvalidInput) return body.reply;
    if (publish.status !== "PROCESSING_DOWNLOAD" && publish.status !== "SEND_TO_USER_INBOX") return json(409, { error: `Publish is ${publish.status}` });
    fail(publish, body.reason);
    return json(200, { status: publish.status, fail_reason: publish.failReason });
  }
  if (publish.status !== "SEND_TO_USER_INBOX") return json(409, { error: `Publish is ${publish.status}, not an inbox draft` });
  if (action === "discard-draft") {
    publish.discarded = true;
    fail(publish, "publish_cancelled");
    return json(200, { status: publish.status });
  }
  const body = input(req, z.object({ privacyLevel: z.string().default("PUBLIC_TO_EVERYONE") }));
  if (body instanceof InvalidInput) return body.reply;
  publish.privacyLevel = body.privacyLevel;
  complete(state, publish, state.now());
  return json(200, { status: publish.status });
}

/** Every TikTok publish with its id, mode, status and title: how a test finds the draft to finish. */
function listPublishes(_req: Req, state: SimState): Reply {
  const publishes = [...state.publishes.values()].map((p) => {
    settle(state, p);
    return { publishId: p.id, mode: p.mode, status: p.status, title: p.title, description: p.description };
  });
  return json(200, { publishes });
}

/** Puts an Instagram container into ERROR, as Meta does when processing fails. */
function failContainer(req: Req, state: SimState): Reply {
  const container = state.containers.get(req.match[1]!);
  if (!container) return json(404, { error: "No such container" });
  const body = input(req, z.object({ subcode: z.number().int().default(2207001) }));
  if (body instanceof InvalidInput) return body.reply;
  container.error = { subcode: body.subcode };
  return json(200, { ok: true });
}

function reset(_req: Req, state: SimState): Reply {
  state.reset();
  return json(200, { ok: true });
}

const A = "/__admin";
export const adminRoutes: Route[] = [
  { method: "GET", pattern: new RegExp(`^${A}/clock$`), name: "admin.clock", handle: (_r, s) => clockView(s) },
  { method: "POST", pattern: new RegExp(`^${A}/clock$`), name: "admin.clock_set", handle: setClock },
  { method: "GET", pattern: new RegExp(`^${A}/settings$`), name: "admin.settings", handle: (_r, s) => json(200, s.settings) },
  { method: "POST", pattern: new RegExp(`^${A}/settings$`), name: "admin.settings_set", handle: setSettings },
  { method: "POST", pattern: new RegExp(`^${A}/clients$`), name: "admin.clients", handle: addClient },
  { method: "GET", pattern: new RegExp(`^${A}/accounts$`), name: "admin.accounts_list", handle: (_r, s) => json(200, { tiktok: [...s.tiktokAccounts.values()], instagram: [...s.igAccounts.values()] }) },
  { method: "POST", pattern: new RegExp(`^${A}/accounts$`), name: "admin.accounts", handle: addAccount },
  { method: "POST", pattern: new RegExp(`^${A}/tokens$`), name: "admin.tokens", handle: mintToken },
  { method: "GET", pattern: new RegExp(`^${A}/faults$`), name: "admin.faults_list", handle: (_r, s) => json(200, { pending: s.faults.pending() }) },
  { method: "POST", pattern: new RegExp(`^${A}/faults$`), name: "admin.faults", handle: addFault },
  { method: "POST", pattern: new RegExp(`^${A}/faults/clear$`), name: "admin.faults_clear", handle: (_r, s) => (s.faults.clear(), json(200, { ok: true })) },
  { method: "POST", pattern: new RegExp(`^${A}/revoke$`), name: "admin.revoke", handle: revoke },
  { method: "GET", pattern: new RegExp(`^${A}/tiktok/publishes$`), name: "admin.publishes", handle: listPublishes },
  { method: "POST", pattern: new RegExp(`^${A}/tiktok/publish/([^/]+)/(complete-draft|discard-draft|fail)$`), name: "admin.publish_action", handle: publishAction },
  { method: "POST", pattern: new RegExp(`^${A}/instagram/containers/(\\d+)/fail$`), name: "admin.container_fail", handle: failContainer },
  { method: "GET", pattern: new RegExp(`^${A}/requests$`), name: "admin.requests", handle: (_r, s) => json(200, { requests: s.requests }) },
  { method: "POST", pattern: new RegExp(`^${A}/reset$`), name: "admin.reset", handle: reset },
];
