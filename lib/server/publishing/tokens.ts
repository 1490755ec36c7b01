// Platform tokens: a usable access token for a publish, and the sweep that refreshes tokens
// ahead of expiry whether or not anything is due (DESIGN.md §6).
//
// Both platforms rotate what a refresh uses, so two refreshes of one account at once would make
// the loser fail with invalid_grant and wrongly mark the account needs_reauth. Refreshing is
// therefore single-flight per account: callers in this process share one promise, and across
// processes a compare-and-set claim on the account row (token_refresh_until) admits one
// refresher; the others wait for it to finish and re-read the token it stored. The claim is a
// column, not a transaction held across the HTTP call, so the embedded database (one
// connection) is never blocked by a slow token endpoint.
import "server-only";
import type { Config } from "@/env";
import type { Db } from "@/db/client";
import * as wq from "@/db/queries/worker";
import { REFRESH_AHEAD_MS, tokenRefreshDue } from "@/lib/domain/publishing";
import { decryptSecret, encryptSecret } from "../crypto";
import { logger } from "../logger";
import type { Failure } from "./platforms/http";
import * as instagram from "./platforms/instagram";
import * as tiktok from "./platforms/tiktok";

export type TokenCtx = { db: Db; config: Pick<Config, "encryptionKey" | "platforms"> };

export type TokenOutcome = { ok: true; token: string } | { ok: false; failure: Failure };

/** Longer than any token request may take (their timeout), so a live claim is never overtaken. */
const CLAIM_MS = 60_000;
const TOKEN_TIMEOUT_MS = 20_000;
/** After a refresh fails for a passing reason, the sweep leaves the account alone this long. */
const FAILED_REFRESH_BACKOFF_MS = 5 * 60_000;
const WAIT_STEP_MS = 200;

const inProcess = new Map<string, Promise<TokenOutcome>>();

/**
 * An access token for `accountId` that is good at `now`, refreshed first when it is due
 * (lib/domain tokenRefreshDue). A failure is needs_reauth (the account was marked so) or a
 * passing one (the post may be retried).
 */
export function usableToken(ctx: TokenCtx, accountId: string, now: Date): Promise<TokenOutcome> {
  const shared = inProcess.get(accountId);
  if (shared) return shared;
  const run = refreshIfDue(ctx, accountId, now).finally(() => inProcess.delete(accountId));
  inProcess.set(accountId, run);
  return run;
}

async function refreshIfDue(ctx: TokenCtx, accountId: string, now: Date): Promise<TokenOutcome> {
  const key = ctx.config.encryptionKey;
  for (let round = 0; ; round++) {
    const t = await wq.readTokens(ctx.db, { accountId });
    if (!t || !t.accessTokenEnc) return { ok: false, failure: { class: "needs_reauth", reason: "no token stored" } };
    if (t.status === "needs_reauth") return { ok: false, failure: { class: "needs_reauth", reason: "the account needs to be reconnected" } };
    const current = openSecret(t.accessTokenEnc, key);
    const refreshPlain = t.refreshTokenEnc ? openSecret(t.refreshTokenEnc, key) : null;
    if (current === null || (t.refreshTokenEnc && refreshPlain === null)) {
      return markNeedsReauth(ctx, t.id, now, "the stored token cannot be decrypted with this ENCRYPTION_KEY");
    }
    const stillValid = (t.accessTokenExpiresAt?.getTime() ?? Infinity) > now.getTime();
    if (!tokenRefreshDue(t, now)) {
      return stillValid ? { ok: true, token: current } : { ok: false, failure: { class: "needs_reauth", reason: "the access token expired and cannot be refreshed" } };
    }
    const claimed = await wq.claimTokenRefresh(ctx.db, { accountId, now, until: new Date(now.getTime() + CLAIM_MS) });
    if (!claimed) {
      // Another refresher holds the claim (or a recent refresh failed and is backing off).
      if (round < 2 && (await waitForClaim(ctx, accountId, now))) continue;
      return stillValid ? { ok: true, token: current } : { ok: false, failure: { class: "retryable", reason: "the account's token is being refreshed elsewhere" } };
    }
    return refreshClaimed(ctx, t, { access: current, refresh: refreshPlain }, now);
  }
}

function openSecret(stored: string, key: Buffer): string | null {
  try {
    return decryptSecret(stored, key);
  } catch {
    return null;
  }
}

async function markNeedsReauth(ctx: TokenCtx, accountId: string, now: Date, why: string): Promise<TokenOutcome> {
  await wq.updateAccountTokens(ctx.db, { accountId, now, set: { status: "needs_reauth", lastError: why, tokenRefreshUntil: null } });
  logger.warn(`tokens: account ${accountId} needs to be reconnected (${why})`);
  return { ok: false, failure: { class: "needs_reauth", reason: why } };
}

/** Waits (real time) until the account's refresh claim is released; false if it never is. */
async function waitForClaim(ctx: TokenCtx, accountId: string, now: Date): Promise<boolean> {
  const deadline = Date.now() + CLAIM_MS / 2;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    const t = await wq.readTokens(ctx.db, { accountId });
    if (!t?.tokenRefreshUntil || t.tokenRefreshUntil.getTime() <= now.getTime()) return true;
    // A failure backoff (not a refresh in progress) will not end soon: stop waiting.
    if (t.tokenRefreshUntil.getTime() - now.getTime() > CLAIM_MS) return false;
  }
  return false;
}

/** Refreshes under the claim this caller holds and stores the result before anything else. */
async function refreshClaimed(ctx: TokenCtx, t: wq.AccountTokens, plain: { access: string; refresh: string | null }, now: Date): Promise<TokenOutcome> {
  const key = ctx.config.encryptionKey;
  const current = plain.access;
  const stillValid = (t.accessTokenExpiresAt?.getTime() ?? Infinity) > now.getTime();
  const refreshed =
    t.platform === "tiktok"
      ? plain.refresh
        ? await tiktok.refreshTokens({ ...ctx.config.platforms.tiktok, timeoutMs: TOKEN_TIMEOUT_MS }, plain.refresh, now)
        : null
      : await instagram.refreshToken({ ...ctx.config.platforms.instagram, timeoutMs: TOKEN_TIMEOUT_MS }, current, now);
  if (refreshed?.ok) {
    const v = refreshed.value;
    const set: wq.TokenWrite =
      "refreshToken" in v
        ? {
            accessTokenEnc: encryptSecret(v.accessToken, key),
            refreshTokenEnc: encryptSecret(v.refreshToken, key),
            accessTokenExpiresAt: v.accessTokenExpiresAt,
            refreshTokenExpiresAt: v.refreshTokenExpiresAt,
          }
        : { accessTokenEnc: encryptSecret(v.accessToken, key), accessTokenExpiresAt: v.expiresAt };
    // Rotated: the new token must be stored whatever happens next.
    await wq.updateAccountTokens(ctx.db, { accountId: t.id, now, set: { ...set, accessTokenIssuedAt: now, tokenRefreshUntil: null } });
    return { ok: true, token: v.accessToken };
  }
  const failure: Failure = refreshed ? refreshed.error : { class: "needs_reauth", reason: "no refresh token stored" };
  if (failure.class === "needs_reauth") {
    // A refresher that overran its claim may have rotated the token under us: then it is fine.
    const after = await wq.readTokens(ctx.db, { accountId: t.id });
    if (after?.accessTokenEnc && after.accessTokenEnc !== t.accessTokenEnc && after.status !== "needs_reauth") {
      const token = openSecret(after.accessTokenEnc, key);
      if (token) return { ok: true, token };
    }
    return markNeedsReauth(ctx, t.id, now, `token refresh refused: ${failure.reason}`);
  }
  await wq.updateAccountTokens(ctx.db, { accountId: t.id, now, set: { tokenRefreshUntil: new Date(now.getTime() + FAILED_REFRESH_BACKOFF_MS) } });
  return stillValid ? { ok: true, token: current } : { ok: false, failure };
}

/** The sweep: refreshes up to `limit` accounts whose tokens are due, a few at a time. */
export async function sweepTokens(ctx: TokenCtx, now: Date, limit = 20): Promise<number> {
  const due = await wq.dueTokenRefreshes(ctx.db, {
    now,
    tiktokBefore: new Date(now.getTime() + REFRESH_AHEAD_MS),
    instagramIssuedBefore: new Date(now.getTime() - 86_400_000),
    limit,
  });
  let refreshed = 0;
  for (let i = 0; i < due.length; i += 5) {
    const outcomes = await Promise.all(due.slice(i, i + 5).map((a) => usableToken(ctx, a.id, now)));
    refreshed += outcomes.filter((o) => o.ok).length;
  }
  return refreshed;
}
