// Account rules: defaults, posting-time shapes and the list filter. DESIGN.md §3 and §8.
import { z } from "zod";

export const PLATFORMS = ["tiktok", "instagram"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const ACCOUNT_STATUSES = ["active", "paused", "needs_reauth"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local "HH:mm" times of day per weekday, in the account's timezone. */
export type WeeklyPostingTimes = Record<Weekday, string[]>;

export const DEFAULT_MIN_GAP_MINUTES = 120;
export const DEFAULT_TIMEZONE = "UTC";
const DEFAULT_DAILY_TIMES = ["09:00", "12:00", "15:00", "18:00", "21:00"];

/** Default daily cap per platform: TikTok 15, Instagram 25 (DESIGN.md §3). */
export function defaultDailyCap(platform: Platform): number {
  return platform === "tiktok" ? 15 : 25;
}

/** The posting times every new account starts with: five a day, every day. */
export function defaultPostingTimes(): WeeklyPostingTimes {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, [...DEFAULT_DAILY_TIMES]])) as WeeklyPostingTimes;
}

const label = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

/** Body of POST /api/v1/accounts: exact-match label filters, all optional. */
export const listAccountsSchema = z.strictObject({
  tag: label.optional(),
  user_group: label.optional(),
  org_group: label.optional(),
});
export type ListAccountsInput = z.infer<typeof listAccountsSchema>;
