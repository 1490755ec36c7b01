// What a publish failure means, and whether and when to try again (DESIGN.md §6). Every
// platform answer maps to one class; only "retryable" and "rate_limited" are retried
// automatically, and an "unknown_outcome" (the request may have reached the platform) never is.

export type FailureClass = "retryable" | "permanent" | "needs_reauth" | "rate_limited" | "unknown_outcome";
export type Classified = { class: FailureClass; reason: string };

const c = (cls: FailureClass, reason: string): Classified => ({ class: cls, reason });

const TIKTOK_CODES: Record<string, FailureClass> = {
  access_token_invalid: "needs_reauth",
  scope_not_authorized: "needs_reauth",
  scope_permission_missed: "needs_reauth",
  rate_limit_exceeded: "rate_limited",
  spam_risk_too_many_posts: "rate_limited",
  spam_risk_too_many_pending_share: "rate_limited",
  reached_active_user_cap: "rate_limited",
  internal_error: "retryable",
  invalid_param: "permanent",
  invalid_params: "permanent",
  invalid_file_upload: "permanent",
  app_version_check_failed: "permanent",
  privacy_level_option_mismatch: "permanent",
  url_ownership_unverified: "permanent",
  unaudited_client_can_only_post_to_private_accounts: "permanent",
  spam_risk_user_banned_from_posting: "permanent",
  invalid_publish_id: "permanent",
  token_not_authorized_for_specified_publish_id: "permanent",
  publish_not_cancellable: "permanent",
};

/** A TikTok API error (`error.code` other than "ok"), by code first, then by HTTP status. */
export function classifyTikTokError(httpStatus: number, code: string, message = ""): Classified {
  const reason = `TikTok ${code || `HTTP ${httpStatus}`}${message ? `: ${message}` : ""}`;
  const known = TIKTOK_CODES[code];
  if (known) return c(known, reason);
  if (httpStatus === 429) return c("rate_limited", reason);
  if (httpStatus === 401) return c("needs_reauth", reason);
  return c(httpStatus >= 500 ? "retryable" : "permanent", reason);
}

const TIKTOK_FAIL_REASONS: Record<string, FailureClass> = {
  internal: "retryable",
  photo_pull_failed: "retryable",
  video_pull_failed: "retryable",
  file_format_check_failed: "permanent",
  picture_size_check_failed: "permanent",
  duration_check_failed: "permanent",
  frame_rate_check_failed: "permanent",
  publish_cancelled: "permanent",
  auth_removed: "needs_reauth",
  spam_risk_too_many_posts: "rate_limited",
  spam_risk_user_banned_from_posting: "permanent",
  spam_risk_text: "permanent",
  spam_risk: "permanent",
};

/** A TikTok publish that ended FAILED with `fail_reason`. Unknown reasons are not retried. */
export function classifyTikTokFailReason(failReason: string): Classified {
  return c(TIKTOK_FAIL_REASONS[failReason] ?? "permanent", `TikTok publish failed: ${failReason || "no reason given"}`);
}

export type GraphError = { httpStatus: number; code?: number; subcode?: number; isTransient?: boolean; message?: string };

/** An Instagram Graph API error (`{"error": {code, error_subcode, is_transient, …}}`). */
export function classifyInstagramError(e: GraphError): Classified {
  const reason = `Instagram ${e.code ?? `HTTP ${e.httpStatus}`}${e.subcode ? `/${e.subcode}` : ""}${e.message ? `: ${e.message}` : ""}`;
  const { code, subcode } = e;
  if (code === 190 || code === 10 || (code !== undefined && code >= 200 && code <= 299)) return c("needs_reauth", reason);
  if (code === 25 && subcode === 2207050) return c("needs_reauth", reason); // restricted / checkpointed account
  if (code === 9 && subcode === 2207042) return c("rate_limited", reason); // daily publishing quota
  if (code === 4 && subcode === 2207051) return c("permanent", reason); // suspected spam
  if ([4, 17, 32, 613, 80002].includes(code ?? NaN)) return c("rate_limited", reason);
  if (code === 9007 || code === 9004 || (code === 24 && subcode === 2207008)) return c("retryable", reason);
  if (code === -2 || code === -1 || code === 1 || code === 2) return c("retryable", reason);
  if (e.isTransient) return c("retryable", reason);
  if (e.httpStatus === 429) return c("rate_limited", reason);
  return c(e.httpStatus >= 500 ? "retryable" : "permanent", reason);
}

/**
 * A network failure. Before the request was written (DNS, refused connection) it certainly
 * did not reach the platform; after, it may have: that outcome is unknown and must be
 * reconciled, never blindly resent.
 */
export function classifyNetworkError(sent: boolean, detail: string): Classified {
  return sent
    ? c("unknown_outcome", `no answer after the request was sent (${detail}); not resent automatically`)
    : c("retryable", `could not reach the platform (${detail})`);
}

export const MAX_ATTEMPTS = 5;
const MINUTE = 60_000;

/**
 * When to try again after the `attempts`-th failure (1-based), or null to stop. Backoff grows
 * 4× per attempt (30 s, 2 min, 8 min, 32 min, capped at 1 h); rate limits wait at least the
 * platform's Retry-After. `jitter` in [0, 1) spreads retries of many posts apart.
 */
export function nextRetryAt(
  cls: FailureClass,
  attempts: number,
  now: Date,
  opts: { jitter?: number; retryAfterMs?: number } = {},
): Date | null {
  if (cls !== "retryable" && cls !== "rate_limited") return null;
  if (attempts >= MAX_ATTEMPTS) return null;
  const base = cls === "retryable" ? Math.min(60 * MINUTE, 0.5 * MINUTE * 4 ** (attempts - 1)) : Math.min(6 * 60 * MINUTE, MINUTE * 2 ** (attempts - 1));
  const wait = Math.max(base * (1 + 0.2 * (opts.jitter ?? 0)), opts.retryAfterMs ?? 0);
  return new Date(now.getTime() + wait);
}

export type SendLimits = { perMinute: number; per24h: number };

/** TikTok: 6 content/init calls per minute per token; about 15 direct posts per creator a day. */
export const TIKTOK_SEND_LIMITS: SendLimits = { perMinute: 6, per24h: 15 };

/**
 * Whether another publish may be sent now, given when the account's recent ones were sent;
 * if not, the moment the oldest one blocking it leaves its window. Checked before sending so
 * the platform's limits are never hit, rather than learnt from 429s.
 */
export function sendAllowedAt(recent: readonly Date[], now: Date, limits: SendLimits): Date | null {
  const t = now.getTime();
  const windows: [number, number][] = [
    [60_000, limits.perMinute],
    [86_400_000, limits.per24h],
  ];
  let until = 0;
  for (const [span, max] of windows) {
    // No upper bound: a send marked a moment "after" this clock reading (a concurrent one) counts.
    const inWindow = recent.map((d) => d.getTime()).filter((x) => x > t - span).sort((a, b) => a - b);
    if (inWindow.length >= max) until = Math.max(until, inWindow[inWindow.length - max]! + span);
  }
  return until > t ? new Date(until) : null;
}

/**
 * A failed request that creates something on the platform (TikTok content/init, Instagram
 * media_publish). A 5xx came from past the platform's front door: the post may exist, so the
 * outcome is unknown and must never be resent automatically (DESIGN.md §6).
 */
export function asCreateFailure<F extends Classified & { httpStatus?: number }>(failure: F): F {
  if (failure.httpStatus === undefined || failure.httpStatus < 500 || failure.class === "needs_reauth") return failure;
  return { ...failure, class: "unknown_outcome", reason: `${failure.reason} (HTTP ${failure.httpStatus} after the request was sent: it may have been published)` };
}

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long an inbox draft may wait for its creator before the post fails as expired. */
export const INBOX_EXPIRY_MS = 7 * DAY;
/** How long after a TikTok publish the worker keeps looking for its public post id. */
export const LINK_CHECK_MS = DAY;

export type CheckKind = "processing" | "inbox" | "link";

const CHECK_BOUNDS: Record<CheckKind, { min: number; max: number; until: number }> = {
  processing: { min: 2_000, max: 5 * MINUTE, until: Infinity },
  inbox: { min: MINUTE, max: 6 * HOUR, until: INBOX_EXPIRY_MS },
  link: { min: 30_000, max: 2 * HOUR, until: LINK_CHECK_MS },
};

/**
 * When to look at a platform job again, `startedAt` being when it was started: a quarter of
 * its age, within the kind's bounds, so a fresh job is checked every tick and an old one
 * rarely. Null once the kind's deadline has passed (inbox: 7 days; link: 24 hours).
 */
export function nextCheckAt(kind: CheckKind, startedAt: Date, now: Date): Date | null {
  const b = CHECK_BOUNDS[kind];
  const age = Math.max(0, now.getTime() - startedAt.getTime());
  if (age >= b.until) return null;
  return new Date(now.getTime() + Math.min(b.max, Math.max(b.min, age / 4)));
}

export type TokenState = {
  platform: "tiktok" | "instagram";
  accessTokenExpiresAt: Date | null;
  accessTokenIssuedAt: Date | null;
  refreshTokenExpiresAt: Date | null;
};

/** Refresh a TikTok access token this long before it expires. */
export const REFRESH_AHEAD_MS = 10 * MINUTE;

/**
 * Whether an account's tokens should be refreshed now, for a publish or by the sweep (DESIGN.md
 * §6). TikTok: the access token is within 10 minutes of expiry (or past it) while the refresh
 * token still works; refreshing rotates the refresh token too, so it never lapses. Instagram: the
 * long-lived token is more than a day old (Instagram refuses younger ones) and not yet expired.
 */
export function tokenRefreshDue(t: TokenState, now: Date): boolean {
  const at = now.getTime();
  if (t.platform === "tiktok") {
    if (t.refreshTokenExpiresAt && t.refreshTokenExpiresAt.getTime() <= at) return false;
    return t.accessTokenExpiresAt !== null && t.accessTokenExpiresAt.getTime() - at < REFRESH_AHEAD_MS;
  }
  if (t.accessTokenExpiresAt && t.accessTokenExpiresAt.getTime() <= at) return false;
  return t.accessTokenIssuedAt !== null && at - t.accessTokenIssuedAt.getTime() >= DAY;
}

/** Another post of the account, as the send gap sees it. */
export type SendNeighbour = {
  scheduledAt: Date;
  /** When it was sent (or started sending); null while it has not been. */
  sentAt: Date | null;
};

/**
 * The earliest instant at or after `now` at which a post scheduled for `scheduledAt` may be
 * sent without breaking the account's minimum gap (DESIGN.md §6: "the gap holds for real sends
 * too"); `now` itself when it may go. Every send keeps the gap to posts already sent. A late
 * send (more than `graceMs` after its scheduled time: retried or held back) also waits for the
 * unsent posts scheduled after it whose turn falls within the gap, so its delay never pushes
 * them; posts scheduled before it that are still unsent are later than it, and wait for it.
 */
export function sendNotBefore(
  self: { scheduledAt: Date },
  others: readonly SendNeighbour[],
  now: Date,
  gapMinutes: number,
  graceMs = 60_000,
): Date {
  const gap = gapMinutes * MINUTE;
  if (gap <= 0) return now;
  const late = now.getTime() - self.scheduledAt.getTime() > graceMs;
  const blocking = others
    .flatMap((o) => {
      if (o.sentAt) return [o.sentAt.getTime()];
      return late && o.scheduledAt.getTime() > self.scheduledAt.getTime() ? [o.scheduledAt.getTime()] : [];
    })
    .sort((a, b) => a - b);
  let t = now.getTime();
  // Each blocker pushes t to its time + gap; sorted, one pass settles it.
  for (const b of blocking) if (Math.abs(t - b) < gap) t = b + gap;
  return new Date(t);
}
