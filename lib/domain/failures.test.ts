import { describe, expect, it } from "vitest";
import { type FailedPost, failureReasonOf, groupFailures } from "./failures";

const post = (id: string, error: string | null, extra: Partial<FailedPost> = {}): FailedPost => ({ id, account_id: "a1", username: "ana", account_status: "active", error, ...extra });

describe("failureReasonOf", () => {
  it.each([
    ["The account needs to be reconnected: TikTok access_token_invalid: token revoked", "needs_reconnect"],
    ["the account is disconnected (needs_reauth); reconnect it, then retry", "needs_reconnect"],
    ["TikTok rate_limit_exceeded: slow down", "rate_limited"],
    ["TikTok spam_risk_too_many_posts", "rate_limited"],
    ["Instagram 9/2207042: daily quota", "rate_limited"],
    ["TikTok publish failed: file_format_check_failed", "media_rejected"],
    ["TikTok publish failed: picture_size_check_failed", "media_rejected"],
    ["ENOENT: no such file or directory, open '/data/media/x.jpg'", "media_rejected"],
    ["no answer after the request was sent (timeout); not resent automatically. The worker stopped…", "unknown_outcome"],
    ["TikTok HTTP 502 (HTTP 502 after the request was sent: it may have been published)", "unknown_outcome"],
    ["its exact time (2030-01-02T10:00:00.000Z) passed while the account was paused", "missed_time"],
    ["expired: the creator did not finish the draft in TikTok within 7 days", "missed_time"],
    ["TikTok spam_risk_user_banned_from_posting: banned", "other"],
    [null, "other"],
  ])("%s → %s", (error, reason) => {
    expect(failureReasonOf({ error, account_status: "active" })).toBe(reason);
  });

  it("puts a post of a needs-reauth account under reconnect whatever its words, but an unknown outcome stays unknown", () => {
    expect(failureReasonOf({ error: "TikTok internal_error", account_status: "needs_reauth" })).toBe("needs_reconnect");
    expect(failureReasonOf({ error: "a send of this post was started and never answered", account_status: "needs_reauth" })).toBe("unknown_outcome");
  });
});

describe("groupFailures", () => {
  it("groups in a fixed order with counts, ids in post order, and each group's accounts (most posts first)", () => {
    const groups = groupFailures([
      post("p1", "TikTok rate_limit_exceeded"),
      post("p2", "The account needs to be reconnected: x", { account_id: "a2", username: "bob" }),
      post("p3", "TikTok rate_limit_exceeded", { account_id: "a2", username: "bob" }),
      post("p4", "The account needs to be reconnected: x", { account_id: "a3", username: "cy" }),
      post("p5", "The account needs to be reconnected: x", { account_id: "a3", username: "cy" }),
    ]);
    expect(groups.map((g) => [g.reason, g.count, g.post_ids, g.remedy])).toEqual([
      ["needs_reconnect", 3, ["p2", "p4", "p5"], "reconnect"],
      ["rate_limited", 2, ["p1", "p3"], "move"],
    ]);
    expect(groups[0]!.accounts).toEqual([
      { id: "a3", username: "cy", count: 2 },
      { id: "a2", username: "bob", count: 1 },
    ]);
    expect(groups[0]!.meaning).toMatch(/Reconnect the account/);
    expect(groupFailures([])).toEqual([]);
  });
});
