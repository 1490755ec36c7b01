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

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:mm" (00:00–23:59)');
const timesOfDay = z.array(hhmm).max(48, "must hold at most 48 times a day");

/** A list of "HH:mm" for every day, or an object keyed mon…sun (a missing day has no slots). */
export const postingTimesSchema = z.union([
  timesOfDay,
  z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, timesOfDay.optional()])) as Record<Weekday, z.ZodOptional<typeof timesOfDay>>),
]);

/** Normalises either postingTimes form into the weekly object, sorted and without repeats. */
export function toWeeklyPostingTimes(input: z.infer<typeof postingTimesSchema>): WeeklyPostingTimes {
  const clean = (times: readonly string[] | undefined) => [...new Set(times ?? [])].sort();
  return Object.fromEntries(
    WEEKDAYS.map((d) => [d, clean(Array.isArray(input) ? input : (input as Partial<Record<Weekday, string[]>>)[d])]),
  ) as WeeklyPostingTimes;
}

const nullableLabel = label.nullable();

/** An account's minimum gap between posts, in minutes, and its daily cap (the editors check with these too). */
/** The widest minimum gap an account can have (a day). */
export const MAX_MIN_GAP_MINUTES = 1440;
export const minGapSchema = z.number({ error: "must be a number of minutes" }).int("must be a whole number").min(0, "must be at least 0").max(MAX_MIN_GAP_MINUTES, `must be at most ${MAX_MIN_GAP_MINUTES}`);
export const dailyCapSchema = z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100");

/** Body of POST /api/v1/accounts/update-info. `null` clears a label. */
export const updateAccountsSchema = z
  .strictObject({
    accountIds: z.array(z.uuid({ error: "must be an id (UUID)" })).min(1, "must hold at least 1 id").max(1000, "must hold at most 1000 ids").optional(),
    accountId: z.uuid({ error: "must be an id (UUID)" }).optional(),
    tag: nullableLabel.optional(),
    user_group: nullableLabel.optional(),
    org_group: nullableLabel.optional(),
    timezone: z.string().min(1).max(64).optional(),
    postingTimes: postingTimesSchema.optional(),
    minGapMinutes: minGapSchema.optional(),
    dailyCap: dailyCapSchema.optional(),
    paused: z.boolean({ error: "must be true or false" }).optional(),
    /** TikTok's privacy level for Direct Posts (one of the creator's options); null: the most public allowed. */
    privacyLevel: z.string().trim().min(1, "must not be empty").max(64, "must be at most 64 characters").nullable().optional(),
  })
  .refine((v) => v.accountIds !== undefined || v.accountId !== undefined, {
    message: "give accountIds (or accountId)",
    path: ["accountIds"],
  });
export type UpdateAccountsInput = z.infer<typeof updateAccountsSchema>;

/**
 * Disconnecting an account (the dashboard's account settings): its tokens are dropped and it
 * stays listed as needing a reconnect, with its labels, times and history. Its posts still to go
 * out are failed (kept, to move or retry elsewhere) or deleted, as the user chooses; never left
 * scheduled on an account that cannot post.
 */
export const disconnectAccountSchema = z.strictObject({
  accountId: z.uuid({ error: "must be an id (UUID)" }),
  scheduledPosts: z.enum(["fail", "delete"], { error: 'must be "fail" or "delete"' }),
});
export type DisconnectAccountInput = z.infer<typeof disconnectAccountSchema>;

export const accountIdSchema = z.strictObject({ accountId: z.uuid({ error: "must be an id (UUID)" }) });

/** Why a disconnected account's posts failed (the post's error, in plain words). */
export const DISCONNECTED_REASON = "the account was disconnected from Postdeck; reconnect it, then retry or move the post";
