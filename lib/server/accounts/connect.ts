// Connecting TikTok and Instagram accounts through the platforms' OAuth (DESIGN.md §6): a
// single-use state ties the callback to the organization that started it; tokens are stored
// encrypted; the account gets the default schedule, gap and cap of its platform.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Config } from "@/env";
import type { Db } from "@/db/client";
import { consumeOAuthState, insertOAuthState, upsertConnectedAccount } from "@/db/queries/connect";
import { type Platform, defaultDailyCap, defaultPostingTimes } from "@/lib/domain/accounts";
import { AppError, type Result, err, ok } from "@/lib/domain/errors";
import { encryptSecret } from "../crypto";
import * as instagram from "../publishing/platforms/instagram";
import * as tiktok from "../publishing/platforms/tiktok";

const STATE_TTL_MS = 10 * 60_000;

export type ConnectCtx = { db: Db; config: Pick<Config, "publicBaseUrl" | "platforms" | "encryptionKey"> };
export type Labels = { tag?: string; userGroup?: string; orgGroup?: string; timezone?: string };

export function callbackUrl(publicBaseUrl: string, platform: Platform): string {
  return `${publicBaseUrl}/api/oauth/${platform}/callback`;
}

/** Starts a connection: returns the platform's consent URL to send the browser to. */
export async function beginConnect(
  ctx: ConnectCtx,
  p: { organizationId: string; userId: string | null; platform: Platform; labels?: Labels; now: Date },
): Promise<string> {
  const state = randomBytes(32).toString("base64url");
  const redirectUri = callbackUrl(ctx.config.publicBaseUrl, p.platform);
  await insertOAuthState(ctx.db, {
    state,
    organizationId: p.organizationId,
    userId: p.userId,
    platform: p.platform,
    redirectUri,
    labels: p.labels ? JSON.stringify(p.labels) : null,
    expiresAt: new Date(p.now.getTime() + STATE_TTL_MS),
  });
  return p.platform === "tiktok"
    ? tiktok.authorizeUrl(ctx.config.platforms.tiktok, { redirectUri, state })
    : instagram.authorizeUrl(ctx.config.platforms.instagram, { redirectUri, state });
}

/** Finishes a connection from the platform's callback; returns the account id. */
export async function completeConnect(
  ctx: ConnectCtx,
  p: { platform: Platform; state: string | null; code: string | null; error: string | null; now: Date },
): Promise<Result<{ accountId: string; organizationId: string }>> {
  const pending = p.state ? await consumeOAuthState(ctx.db, { state: p.state, platform: p.platform, now: p.now }) : null;
  if (!pending) return err(new AppError("validation_error", "state: this connection link has expired or was already used; start again"));
  if (p.error || !p.code) return err(new AppError("forbidden", `The ${p.platform} connection was not approved (${p.error ?? "no code"})`));
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
    const tokens = await tiktok.exchangeCode(cfg, { code: p.code, redirectUri: pending.redirectUri }, p.now);
    if (!tokens.ok) return err(new AppError("forbidden", `TikTok refused the connection: ${tokens.error.reason}`));
    const user = await tiktok.userInfo(cfg, tokens.value.accessToken);
    if (!user.ok) return err(new AppError("forbidden", `TikTok did not return the creator's profile: ${user.error.reason}`));
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
  if (!tokens.ok) return err(new AppError("forbidden", `Instagram refused the connection: ${tokens.error.reason}`));
  const profile = await instagram.me(cfg, tokens.value.accessToken);
  if (!profile.ok) return err(new AppError("forbidden", `Instagram did not return the account's profile: ${profile.error.reason}`));
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
