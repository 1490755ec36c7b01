// Social accounts (TikTok / Instagram) an organization publishes to. DESIGN.md §3.
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ACCOUNT_STATUSES, PLATFORMS, type WeeklyPostingTimes } from "@/lib/domain/accounts";
import { organizations } from "./auth";

export const platform = pgEnum("platform", PLATFORMS);
export const accountStatus = pgEnum("account_status", ACCOUNT_STATUSES);

export const accounts = pgTable(
  "accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    platform: platform().notNull(),
    /** TikTok open_id or Instagram user id: who this account is on the platform. */
    platformUserId: text().notNull(),
    username: text().notNull(),
    displayName: text(),
    avatarUrl: text(),
    tag: text(),
    userGroup: text(),
    orgGroup: text(),
    timezone: text().notNull().default("UTC"),
    /** Local "HH:mm" times per weekday (mon…sun), in `timezone`. */
    postingTimes: jsonb().$type<WeeklyPostingTimes>().notNull(),
    minGapMinutes: integer().notNull().default(120),
    dailyCap: integer().notNull(),
    status: accountStatus().notNull().default("active"),
    /** OAuth tokens, AES-256-GCM encrypted with ENCRYPTION_KEY; never sent to a client. */
    accessTokenEnc: text(),
    refreshTokenEnc: text(),
    accessTokenExpiresAt: timestamp({ withTimezone: true }),
    refreshTokenExpiresAt: timestamp({ withTimezone: true }),
    /** When the current access token was issued (Instagram refreshes tokens older than a day). */
    accessTokenIssuedAt: timestamp({ withTimezone: true }),
    /**
     * Single-flight token refresh: set (compare-and-set) by the one worker refreshing this
     * account's tokens, until then; after a failed refresh it doubles as the retry backoff.
     */
    tokenRefreshUntil: timestamp({ withTimezone: true }),
    scopes: text(),
    privacyLevel: text(),
    lastError: text(),
    /**
     * Greatest scheduled_at among the account's live posts, past or future: "least recently
     * posted" reads it. Kept by triggers on posts (migration 0001), never written by the app.
     */
    lastPostAt: timestamp({ withTimezone: true }),
    /**
     * Raised by a trigger (migration 0013) whenever one of the row's scheduling rules changes:
     * app instances cache the rules behind it (lib/server/posts/pool-cache.ts), so a selection
     * over thousands of accounts reads ids, versions and last post times, not the rules.
     */
    rulesVersion: integer().notNull().default(0),
    /**
     * Raised by the posts triggers (migration 0013) whenever the account's live posts change
     * (one added, removed, moved, or made live or not): a create checks its placement against
     * the posts it read and writes only if this is still the version it read, in one statement;
     * app instances cache each pool account's posts behind it (lib/server/posts/pool-cache.ts).
     */
    bookingsVersion: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.organizationId, t.platform, t.platformUserId),
    index().on(t.organizationId, t.tag),
    index()
      .on(t.organizationId)
      .where(sql`${t.status} = 'active'`),
  ],
);
