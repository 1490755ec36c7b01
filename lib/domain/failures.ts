// The failures view (dashboard.md §3 "Failures"): failed posts grouped by what to do about them.
// A post keeps only its last error as text (the worker writes the platform's code and words into
// it, lib/domain/publishing.ts), so the reason is read back from that text and the account's state.
// The patterns follow the messages the worker and the account use-cases write.

export const FAILURE_REASONS = ["unknown_outcome", "needs_reconnect", "rate_limited", "media_rejected", "missed_time", "other"] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** The one-click remedy of a group: reconnect its accounts, retry its posts, or move them to new slots. */
export type FailureRemedy = "reconnect" | "retry" | "move";

export const FAILURE_INFO: Record<FailureReason, { title: string; meaning: string; remedy: FailureRemedy }> = {
  unknown_outcome: {
    title: "Unknown outcome",
    meaning:
      "The post was sent, but the platform's answer never came back, so it may already be live. Postdeck never resends these on its own: check the account on the platform first, then retry the ones that did not go out.",
    remedy: "retry",
  },
  needs_reconnect: {
    title: "Needs reconnect",
    meaning: "The platform no longer accepts Postdeck's access to the account (the login expired or was revoked). Reconnect the account, then retry its posts.",
    remedy: "reconnect",
  },
  rate_limited: {
    title: "Rate limited",
    meaning: "The platform refused because too many posts went out in a short time. Spreading them over the accounts' next free slots gives the limit time to reset.",
    remedy: "move",
  },
  media_rejected: {
    title: "Media rejected",
    meaning: "The platform refused the images (their format or size, or a file it could not fetch). Retrying may work after a platform hiccup; otherwise edit the slides or delete the post.",
    remedy: "retry",
  },
  missed_time: {
    title: "Missed its time",
    meaning: "The exact time passed while the account was paused, or the creator did not finish the TikTok draft in time. Move the posts to the accounts' next free slots.",
    remedy: "move",
  },
  other: {
    title: "Other",
    meaning: "The platform refused these posts for another reason, shown on each row. Retry them once the cause is fixed.",
    remedy: "retry",
  },
};

// Checked in this order: an unknown outcome first (retrying blindly might post twice), then the
// account's access, then the platform's limits, the media, and time.
const PATTERNS: [FailureReason, RegExp][] = [
  ["unknown_outcome", /not resent|may have been published|never answered|before the platform's answer was saved/i],
  ["needs_reconnect", /reconnect|needs_reauth|access_token_invalid|scope_not_authorized|scope_permission_missed|auth_removed|Instagram 190\b/i],
  ["rate_limited", /rate.?limit|too_many|too many|quota|reached_active_user_cap|Instagram (4|17|32|613|80002)\b|Instagram 9\/2207042|HTTP 429/i],
  ["media_rejected", /file_format_check_failed|picture_size_check_failed|invalid_file_upload|photo_pull_failed|video_pull_failed|ENOENT|no such file|\bimages?\b|aspect ratio|2207026|2207052|2207004|2207005|36003/i],
  ["missed_time", /passed while the account was paused|expired|could not be re-placed/i],
];

/** The reason a failed post failed, from its last error and its account's status. */
export function failureReasonOf(post: { error: string | null; account_status: string }): FailureReason {
  const text = post.error ?? "";
  for (const [reason, re] of PATTERNS) {
    if (reason === "needs_reconnect" && post.account_status === "needs_reauth") return reason;
    if (re.test(text)) return reason;
  }
  return "other";
}

export type FailedPost = { id: string; account_id: string; username: string; account_status: string; error: string | null };

export type FailureGroup = {
  reason: FailureReason;
  title: string;
  meaning: string;
  remedy: FailureRemedy;
  count: number;
  post_ids: string[];
  /** The group's accounts with how many of its posts each has, most first (Reconnect names each). */
  accounts: { id: string; username: string; count: number }[];
};

/** Failed posts grouped by reason, in FAILURE_REASONS order, empty groups left out; post order kept. */
export function groupFailures(posts: readonly FailedPost[]): FailureGroup[] {
  const byReason = new Map<FailureReason, FailedPost[]>();
  for (const p of posts) {
    const reason = failureReasonOf(p);
    byReason.set(reason, [...(byReason.get(reason) ?? []), p]);
  }
  return FAILURE_REASONS.flatMap((reason) => {
    const list = byReason.get(reason);
    if (!list) return [];
    const accounts = new Map<string, { id: string; username: string; count: number }>();
    for (const p of list) {
      const a = accounts.get(p.account_id) ?? { id: p.account_id, username: p.username, count: 0 };
      a.count += 1;
      accounts.set(p.account_id, a);
    }
    return [
      {
        reason,
        ...FAILURE_INFO[reason],
        count: list.length,
        post_ids: list.map((p) => p.id),
        accounts: [...accounts.values()].sort((a, b) => b.count - a.count || a.username.localeCompare(b.username)),
      },
    ];
  });
}
