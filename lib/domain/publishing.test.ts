import { describe, expect, it } from "vitest";
import {
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
