import { describe, expect, it } from "vitest";
import {
  INBOX_EXPIRY_MS,
  LINK_CHECK_MS,
  asCreateFailure,
  nextCheckAt,
  sendNotBefore,
  tokenRefreshDue,
  MAX_ATTEMPTS,
  classifyInstagramError,
  classifyNetworkError,
  classifyTikTokError,
  classifyTikTokFailReason,
  nextRetryAt,
  sendAllowedAt,
} from "./publishing";

describe("classifyTikTokError (platforms.md §1.2, §1.4)", () => {
  it.each([
    [401, "access_token_invalid", "needs_reauth"],
    [401, "scope_not_authorized", "needs_reauth"],
    [400, "invalid_param", "permanent"],
    [400, "invalid_params", "permanent"],
    [400, "app_version_check_failed", "permanent"],
    [403, "spam_risk_too_many_posts", "rate_limited"],
    [200, "spam_risk_too_many_posts", "rate_limited"],
    [403, "spam_risk_user_banned_from_posting", "permanent"],
    [403, "spam_risk_too_many_pending_share", "rate_limited"],
    [403, "reached_active_user_cap", "rate_limited"],
    [403, "unaudited_client_can_only_post_to_private_accounts", "permanent"],
    [403, "url_ownership_unverified", "permanent"],
    [200, "url_ownership_unverified", "permanent"],
    [403, "privacy_level_option_mismatch", "permanent"],
    [429, "rate_limit_exceeded", "rate_limited"],
    [500, "internal_error", "retryable"],
    [503, "", "retryable"],
    [429, "", "rate_limited"],
    [418, "something_new", "permanent"],
  ])("HTTP %i %s → %s", (status, code, cls) => {
    expect(classifyTikTokError(status, code).class).toBe(cls);
  });
});

describe("classifyTikTokFailReason (platforms.md §1.6)", () => {
  it.each([
    ["internal", "retryable"],
    ["photo_pull_failed", "retryable"],
    ["file_format_check_failed", "permanent"],
    ["picture_size_check_failed", "permanent"],
    ["publish_cancelled", "permanent"],
    ["auth_removed", "needs_reauth"],
    ["spam_risk_too_many_posts", "rate_limited"],
    ["spam_risk_user_banned_from_posting", "permanent"],
    ["spam_risk_text", "permanent"],
    ["spam_risk", "permanent"],
    ["never_heard_of_it", "permanent"],
  ])("%s → %s", (reason, cls) => {
    const r = classifyTikTokFailReason(reason);
    expect(r.class).toBe(cls);
    expect(r.reason).toContain(reason);
  });
});

describe("classifyInstagramError (platforms.md §2.7)", () => {
  it.each([
    [{ httpStatus: 400, code: 190, subcode: 463 }, "needs_reauth"],
    [{ httpStatus: 400, code: 10 }, "needs_reauth"],
    [{ httpStatus: 400, code: 200 }, "needs_reauth"],
    [{ httpStatus: 400, code: 25, subcode: 2207050 }, "needs_reauth"],
    [{ httpStatus: 400, code: 9, subcode: 2207042 }, "rate_limited"],
    [{ httpStatus: 400, code: 4, subcode: 2207051 }, "permanent"],
    [{ httpStatus: 400, code: 4 }, "rate_limited"],
    [{ httpStatus: 400, code: 17 }, "rate_limited"],
    [{ httpStatus: 400, code: 80002 }, "rate_limited"],
    [{ httpStatus: 400, code: -1, subcode: 2207001 }, "retryable"],
    [{ httpStatus: 400, code: -2, subcode: 2207003 }, "retryable"],
    [{ httpStatus: 400, code: 9007, subcode: 2207027 }, "retryable"],
    [{ httpStatus: 400, code: 24, subcode: 2207008 }, "retryable"],
    [{ httpStatus: 400, code: 9004, subcode: 2207052 }, "retryable"],
    [{ httpStatus: 400, code: 36000, subcode: 2207004 }, "permanent"],
    [{ httpStatus: 400, code: 36001, subcode: 2207005 }, "permanent"],
    [{ httpStatus: 400, code: 36003, subcode: 2207009 }, "permanent"],
    [{ httpStatus: 400, code: 36004, subcode: 2207010 }, "permanent"],
    [{ httpStatus: 400, code: 100, subcode: 2207028 }, "permanent"],
    [{ httpStatus: 400, code: 100, isTransient: true }, "retryable"],
    [{ httpStatus: 502 }, "retryable"],
  ])("%j → %s", (e, cls) => {
    expect(classifyInstagramError(e).class).toBe(cls);
  });
});

describe("classifyNetworkError", () => {
  it("retries only what certainly did not reach the platform", () => {
    expect(classifyNetworkError(false, "ECONNREFUSED").class).toBe("retryable");
    expect(classifyNetworkError(true, "socket hang up").class).toBe("unknown_outcome");
  });
});

describe("nextRetryAt", () => {
  const now = new Date("2030-01-01T00:00:00Z");
  const after = (d: Date | null) => (d ? (d.getTime() - now.getTime()) / 1000 : null);
  it.each([
    ["retryable", 1, 30],
    ["retryable", 2, 120],
    ["retryable", 3, 480],
    ["retryable", 4, 1920],
    ["retryable", MAX_ATTEMPTS, null],
    ["rate_limited", 1, 60],
    ["rate_limited", 3, 240],
    ["permanent", 1, null],
    ["needs_reauth", 1, null],
    ["unknown_outcome", 1, null],
  ] as const)("%s after attempt %i → %s s", (cls, attempts, seconds) => {
    expect(after(nextRetryAt(cls, attempts, now))).toBe(seconds);
  });

  it("honours Retry-After and spreads retries with jitter", () => {
    expect(after(nextRetryAt("rate_limited", 1, now, { retryAfterMs: 90_000 }))).toBe(90);
    expect(after(nextRetryAt("retryable", 1, now, { jitter: 0.5 }))).toBe(33);
  });
});

describe("sendAllowedAt", () => {
  const now = new Date("2030-01-01T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const limits = { perMinute: 6, per24h: 15 };
  it("allows a send under both limits", () => {
    expect(sendAllowedAt([ago(1000), ago(2000)], now, limits)).toBeNull();
    expect(sendAllowedAt(Array.from({ length: 5 }, (_, i) => ago(i * 1000)), now, limits)).toBeNull();
  });
  it("waits for the oldest of the last six sends to be a minute old", () => {
    const recent = Array.from({ length: 6 }, (_, i) => ago(10_000 + i * 1000)); // 10…15 s ago
    expect(sendAllowedAt(recent, now, limits)?.toISOString()).toBe(new Date(now.getTime() - 15_000 + 60_000).toISOString());
  });
  it("waits for the 24-hour window when the daily cap is used", () => {
    const recent = Array.from({ length: 15 }, (_, i) => ago(3_600_000 * (i + 1))); // 1…15 h ago
    expect(sendAllowedAt(recent, now, limits)?.toISOString()).toBe(new Date(now.getTime() - 15 * 3_600_000 + 86_400_000).toISOString());
    expect(sendAllowedAt(recent.slice(1), now, limits)).toBeNull();
  });
  it("ignores sends older than the windows", () => {
    expect(sendAllowedAt(Array.from({ length: 30 }, (_, i) => ago(86_400_001 + i)), now, limits)).toBeNull();
  });
});

describe("asCreateFailure", () => {
  it.each([
    [{ class: "retryable", reason: "TikTok internal_error", httpStatus: 500 }, "unknown_outcome"],
    [{ class: "retryable", reason: "HTTP 502", httpStatus: 502 }, "unknown_outcome"],
    [{ class: "rate_limited", reason: "429", httpStatus: 429 }, "rate_limited"],
    [{ class: "permanent", reason: "invalid_param", httpStatus: 400 }, "permanent"],
    [{ class: "retryable", reason: "could not reach", httpStatus: undefined }, "retryable"],
    [{ class: "needs_reauth", reason: "token", httpStatus: 500 }, "needs_reauth"],
  ] as const)("%j → %s", (failure, expected) => {
    expect(asCreateFailure(failure).class).toBe(expected);
  });
});

describe("nextCheckAt", () => {
  const start = new Date("2026-12-01T12:00:00Z");
  const at = (ms: number) => new Date(start.getTime() + ms);
  it.each([
    ["processing", 0, 2_000],
    ["processing", 60_000, 15_000],
    ["processing", 3_600_000, 300_000],
    ["inbox", 0, 60_000],
    ["inbox", 4 * 86_400_000, 6 * 3_600_000],
    ["link", 0, 30_000],
    ["link", 4 * 3_600_000, 3_600_000],
  ] as const)("%s at age %i waits %i ms", (kind, age, wait) => {
    expect(nextCheckAt(kind, start, at(age))!.getTime() - at(age).getTime()).toBe(wait);
  });
  it("stops checking inbox drafts after 7 days and links after 24 hours", () => {
    expect(nextCheckAt("inbox", start, at(INBOX_EXPIRY_MS))).toBeNull();
    expect(nextCheckAt("link", start, at(LINK_CHECK_MS))).toBeNull();
    expect(nextCheckAt("link", start, at(LINK_CHECK_MS - 1))).not.toBeNull();
  });
});

describe("tokenRefreshDue", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const h = (n: number) => new Date(now.getTime() + n * 3_600_000);
  it.each([
    ["tiktok, 5 min left", { platform: "tiktok", accessTokenExpiresAt: new Date(now.getTime() + 5 * 60_000), accessTokenIssuedAt: h(-2), refreshTokenExpiresAt: h(1000) }, true],
    ["tiktok, 1 h left", { platform: "tiktok", accessTokenExpiresAt: h(1), accessTokenIssuedAt: h(-1), refreshTokenExpiresAt: h(1000) }, false],
    ["tiktok, expired access, live refresh", { platform: "tiktok", accessTokenExpiresAt: h(-50), accessTokenIssuedAt: h(-52), refreshTokenExpiresAt: h(1000) }, true],
    ["tiktok, refresh token lapsed", { platform: "tiktok", accessTokenExpiresAt: h(-50), accessTokenIssuedAt: h(-52), refreshTokenExpiresAt: h(-1) }, false],
    ["instagram, 2 h old", { platform: "instagram", accessTokenExpiresAt: h(1438), accessTokenIssuedAt: h(-2), refreshTokenExpiresAt: null }, false],
    ["instagram, 25 h old", { platform: "instagram", accessTokenExpiresAt: h(1415), accessTokenIssuedAt: h(-25), refreshTokenExpiresAt: null }, true],
    ["instagram, expired", { platform: "instagram", accessTokenExpiresAt: h(-1), accessTokenIssuedAt: h(-1441), refreshTokenExpiresAt: null }, false],
  ] as const)("%s → %s", (_label, t, expected) => {
    expect(tokenRefreshDue(t, now)).toBe(expected);
  });
});

describe("sendNotBefore", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const m = (n: number) => new Date(now.getTime() + n * 60_000);
  const onTime = { scheduledAt: now };
  const late = { scheduledAt: m(-10) };
  it.each([
    ["on time, nothing near", onTime, [], 0],
    ["on time, one sent 30 min ago", onTime, [{ scheduledAt: m(-30), sentAt: m(-30) }], 90],
    ["on time, one sent exactly the gap ago", onTime, [{ scheduledAt: m(-120), sentAt: m(-120) }], 0],
    ["on time ignores an unsent later post", onTime, [{ scheduledAt: m(60), sentAt: null }], 0],
    ["late waits for an unsent post scheduled after it", late, [{ scheduledAt: m(30), sentAt: null }], 150],
    ["late does not wait for an unsent post scheduled before it", late, [{ scheduledAt: m(-20), sentAt: null }], 0],
    ["late: sent then due chain", late, [{ scheduledAt: m(-100), sentAt: m(-100) }, { scheduledAt: m(100), sentAt: null }], 220],
    ["late, unsent post far ahead is no obstacle", late, [{ scheduledAt: m(120), sentAt: null }], 0],
  ] as const)("%s", (_label, self, others, waitMinutes) => {
    expect(sendNotBefore(self, others, now, 120)).toEqual(m(waitMinutes));
  });
  it("a zero gap never waits", () => {
    expect(sendNotBefore(late, [{ scheduledAt: now, sentAt: now }], now, 0)).toEqual(now);
  });
});
