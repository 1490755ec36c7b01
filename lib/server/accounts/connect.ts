// Connecting TikTok and Instagram accounts through the platforms' OAuth (DESIGN.md §6).
// A single-use state ties the callback to whoever began the flow: the signed-in member (user
// and organization) for the dashboard, or this very process for flows with no browser (the
// CLI's `accounts connect-simulated`, tests, the bench). A callback carried by anyone else is
// refused before anything is written. TikTok flows add PKCE (platforms.md §1.1): the verifier
// stays on the server, with the state, and goes only to the token endpoint. Tokens are stored
// encrypted; the account gets the default schedule, gap and cap of its platform.
import "server-only";
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Config } from "@/env";
import type { Db } from "@/db/client";
import { type OAuthStateOwner, consumeOAuthState, findLiveOAuthState, insertOAuthState, upsertConnectedAccount } from "@/db/queries/connect";
import { type Platform, PLATFORMS, defaultDailyCap, defaultPostingTimes } from "@/lib/domain/accounts";
import { AppError, type ErrorKind, type Result, err, ok } from "@/lib/domain/errors";
import { can } from "@/lib/domain/roles";
import { encryptSecret } from "../crypto";
import * as instagram from "../publishing/platforms/instagram";
import * as tiktok from "../publishing/platforms/tiktok";

const STATE_TTL_MS = 10 * 60_000;
const DETAIL_MAX = 300;

export type ConnectCtx = { db: Db; config: Pick<Config, "publicBaseUrl" | "platforms" | "encryptionKey"> };
export type Labels = { tag?: string; userGroup?: string; orgGroup?: string; timezone?: string };

/**
 * Who is finishing a flow. `browser`: the platform's redirect, with the member its session
 * cookie names (null when signed out). `local`: this process, for flows begun with no user.
 */
export type ConnectCaller =
  | { kind: "browser"; member: { userId: string; organizationId: string; role: string } | null }
  | { kind: "local" };

/** Why a connection did not complete; the callback sends only this code (and a detail) back. */
export type ConnectErrorCode =
  | "signed_out"
  | "not_allowed"
  | "expired_state"
  | "other_session"
  | "other_organization"
  | "not_approved"
  | "platform_refused"
  | "no_profile";

const ERRORS: Record<ConnectErrorCode, { kind: ErrorKind; message: (platform: string) => string }> = {
  signed_out: { kind: "unauthorized", message: () => "Sign in, then start the connection again from the Accounts page." },
  not_allowed: { kind: "forbidden", message: () => "Only owners and admins can connect accounts." },
  expired_state: { kind: "validation_error", message: () => "This connection link has expired or was already used; start again." },
  other_session: {
    kind: "forbidden",
    message: () => "This connection was started from another session, so it was not finished here; start it again from this page.",
  },
  other_organization: {
    kind: "forbidden",
    message: () => "This connection was started for another organization; switch back to it, or start again here.",
  },
  not_approved: { kind: "forbidden", message: (p) => `The connection to ${p} was not approved.` },
  platform_refused: { kind: "forbidden", message: (p) => `The connection was refused by ${p}.` },
  no_profile: { kind: "forbidden", message: (p) => `The account's profile could not be read from ${p}.` },
};

const PLATFORM_NAMES: Record<Platform, string> = { tiktok: "TikTok", instagram: "Instagram" };

/** A failed connection: one of our messages, plus the platform's own words (if any) apart. */
export class ConnectError extends AppError {
  constructor(
    readonly code: ConnectErrorCode,
    readonly platform: Platform,
    readonly detail: string | null = null,
  ) {
    const text = ERRORS[code].message(PLATFORM_NAMES[platform]);
    super(ERRORS[code].kind, detail ? `${text} (${detail})` : text);
  }
}

function isConnectErrorCode(code: string): code is ConnectErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/**
 * What the Accounts page shows for the callback's `?error=` (and `platform`, `detail`): always
 * one of our messages; an unknown code gets a general one and is never echoed. The detail is
 * plain text for the page to render as text, trimmed.
 */
export function connectErrorNotice(q: { error?: string; platform?: string; detail?: string }): { message: string; detail: string | null } | null {
  if (!q.error) return null;
  const platform = (PLATFORMS as readonly string[]).includes(q.platform ?? "") ? PLATFORM_NAMES[q.platform as Platform] : "the platform";
  const message = isConnectErrorCode(q.error)
    ? ERRORS[q.error].message(platform)
    : "The account could not be connected; start again from this page.";
  return { message, detail: trimDetail(q.detail) };
}

export function trimDetail(detail: string | null | undefined): string | null {
  const flat = (detail ?? "").replace(/\s+/g, " ").trim();
  if (!flat) return null;
  return flat.length > DETAIL_MAX ? `${flat.slice(0, DETAIL_MAX - 1)}…` : flat;
}

export function callbackUrl(publicBaseUrl: string, platform: Platform): string {
  return `${publicBaseUrl}/api/oauth/${platform}/callback`;
}

// A secret of this process: a flow begun with no user is bound to HMAC(secret, state), so only
// the process that began it (the CLI, or the app running a CLI command) can finish it.
const LOCAL_SECRET = randomBytes(32);
function localBinding(state: string): string {
  return createHmac("sha256", LOCAL_SECRET).update(state).digest("base64url");
}

/** PKCE S256 (RFC 7636): a 43-character base64url verifier and its base64url SHA-256. */
function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/**
 * Starts a connection: returns the platform's consent URL to send the browser to. With a
 * `userId` the flow belongs to that member in `organizationId`; without one, to this process.
 */
export async function beginConnect(
  ctx: ConnectCtx,
  p: { organizationId: string; userId: string | null; platform: Platform; labels?: Labels; now: Date },
): Promise<string> {
  const state = randomBytes(32).toString("base64url");
  const redirectUri = callbackUrl(ctx.config.publicBaseUrl, p.platform);
  // platforms.md documents PKCE for TikTok's Login Kit only; Instagram Login has none.
  const pkce = p.platform === "tiktok" ? pkcePair() : null;
  await insertOAuthState(ctx.db, {
    state,
    organizationId: p.organizationId,
    userId: p.userId,
    localBinding: p.userId ? null : localBinding(state),
    platform: p.platform,
    redirectUri,
    codeVerifier: pkce?.verifier ?? null,
    labels: p.labels ? JSON.stringify(p.labels) : null,
    expiresAt: new Date(p.now.getTime() + STATE_TTL_MS),
  });
  return p.platform === "tiktok"
    ? tiktok.authorizeUrl(ctx.config.platforms.tiktok, { redirectUri, state, codeChallenge: pkce!.challenge })
    : instagram.authorizeUrl(ctx.config.platforms.instagram, { redirectUri, state });
}

/** Takes the state for `caller`, or says why it cannot: signed out, someone else's, gone. */
async function takeState(ctx: ConnectCtx, p: { platform: Platform; state: string | null; now: Date; caller: ConnectCaller }) {
  const fail = (code: ConnectErrorCode) => err(new ConnectError(code, p.platform));
  if (p.caller.kind === "browser") {
    if (!p.caller.member) return fail("signed_out");
    if (!can(p.caller.member.role, "account:write")) return fail("not_allowed");
  }
  if (!p.state) return fail("expired_state");
  const owner: OAuthStateOwner =
    p.caller.kind === "local"
      ? { localBinding: localBinding(p.state) }
      : { userId: p.caller.member!.userId, organizationId: p.caller.member!.organizationId };
  const pending = await consumeOAuthState(ctx.db, { state: p.state, platform: p.platform, now: p.now, owner });
  if (pending) return ok(pending);
  // Not taken, so not changed: its owner can still finish it. Say why, without revealing more.
  const live = await findLiveOAuthState(ctx.db, { state: p.state, platform: p.platform, now: p.now });
  if (!live) return fail("expired_state");
  const sameUser = "userId" in owner && live.userId === owner.userId;
  return fail(sameUser ? "other_organization" : "other_session");
}

/**
 * Finishes a connection from the platform's callback; returns the account id. `caller`
 * defaults to this process (the CLI and tests, which began the flow themselves).
 */
export async function completeConnect(
  ctx: ConnectCtx,
  p: { platform: Platform; state: string | null; code: string | null; error: string | null; now: Date; caller?: ConnectCaller },
): Promise<Result<{ accountId: string; organizationId: string }, ConnectError>> {
  const taken = await takeState(ctx, { platform: p.platform, state: p.state, now: p.now, caller: p.caller ?? { kind: "local" } });
  if (!taken.ok) return taken;
  const pending = taken.value;
  if (p.error || !p.code) return err(new ConnectError("not_approved", p.platform, trimDetail(p.error) ?? "no code"));
  const labels = (pending.labels ? JSON.parse(pending.labels) : {}) as Labels;
  const key = ctx.config.encryptionKey;

  const base = {
    organizationId: pending.organizationId,
    platform: p.platform,
    tag: labels.tag ?? null,
    userGroup: labels.userGroup ?? null,
    orgGroup: labels.orgGroup ?? null,
    timezone: labels.timezone ?? "UTC",
    postingTimes: defaultPostingTimes(),
    dailyCap: defaultDailyCap(p.platform),
  };

  if (p.platform === "tiktok") {
    const cfg = ctx.config.platforms.tiktok;
    const exchange = { code: p.code, redirectUri: pending.redirectUri, codeVerifier: pending.codeVerifier ?? undefined };
    const tokens = await tiktok.exchangeCode(cfg, exchange, p.now);
    if (!tokens.ok) return err(new ConnectError("platform_refused", p.platform, trimDetail(tokens.error.reason)));
    const user = await tiktok.userInfo(cfg, tokens.value.accessToken);
    if (!user.ok) return err(new ConnectError("no_profile", p.platform, trimDetail(user.error.reason)));
    const accountId = await upsertConnectedAccount(ctx.db, {
      ...base,
      platformUserId: user.value.openId || tokens.value.openId,
      username: user.value.username,
      displayName: user.value.displayName || null,
      avatarUrl: user.value.avatarUrl,
      accessTokenEnc: encryptSecret(tokens.value.accessToken, key),
      refreshTokenEnc: encryptSecret(tokens.value.refreshToken, key),
      accessTokenExpiresAt: tokens.value.accessTokenExpiresAt,
      refreshTokenExpiresAt: tokens.value.refreshTokenExpiresAt,
      accessTokenIssuedAt: p.now,
      scopes: tokens.value.scopes.join(","),
    });
    return ok({ accountId, organizationId: pending.organizationId });
  }

  const cfg = ctx.config.platforms.instagram;
  const tokens = await instagram.exchangeCode(cfg, { code: p.code, redirectUri: pending.redirectUri }, p.now);
  if (!tokens.ok) return err(new ConnectError("platform_refused", p.platform, trimDetail(tokens.error.reason)));
  const profile = await instagram.me(cfg, tokens.value.accessToken);
  if (!profile.ok) return err(new ConnectError("no_profile", p.platform, trimDetail(profile.error.reason)));
  const accountId = await upsertConnectedAccount(ctx.db, {
    ...base,
    platformUserId: profile.value.userId || tokens.value.userId,
    username: profile.value.username,
    displayName: profile.value.name,
    avatarUrl: profile.value.avatarUrl,
    // Instagram Login has no refresh token: the long-lived token itself is refreshed.
    accessTokenEnc: encryptSecret(tokens.value.accessToken, key),
    accessTokenExpiresAt: tokens.value.expiresAt,
    accessTokenIssuedAt: p.now,
    scopes: tokens.value.scopes.join(","),
  });
  return ok({ accountId, organizationId: pending.organizationId });
}
