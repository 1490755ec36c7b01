// Slideshow posts and their ordered images. DESIGN.md §3, §4 and §6.
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { POST_STATUSES } from "@/lib/domain/posts";
import { accounts } from "./accounts";
import { organizations } from "./auth";
import { mediaObjects } from "./media";

export const postStatus = pgEnum("post_status", POST_STATUSES);

export const posts = pgTable(
  "posts",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    caption: text().notNull().default(""),
    musicPostId: text(),
    /** The time the caller asked for (null: "now"). */
    requestedTime: timestamp({ withTimezone: true }),
    /** The time the post is reserved for on its account. */
    scheduledAt: timestamp({ withTimezone: true }).notNull(),
    strict: boolean().notNull().default(false),
    status: postStatus().notNull().default("scheduled"),
    bumped: boolean().notNull().default(false),
    selection: jsonb().$type<Record<string, unknown>>(),
    warnings: jsonb().$type<string[]>().notNull().default([]),
    /** TikTok publish_id or Instagram container id, saved the moment the platform returns it. */
    platformJobId: text(),
    socialId: text(),
    postUrl: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    leaseUntil: timestamp({ withTimezone: true }),
    /**
     * Set just before the request that publishes (TikTok content/init, Instagram media_publish)
     * and cleared when its answer is saved. Found set after a crash, it means the outcome is
     * unknown: the post is reconciled or failed for a human, never sent again.
     */
    sendingSince: timestamp({ withTimezone: true }),
    /** When the platform accepted the publish (its job id came back): the per-token send limits count these. */
    sentAt: timestamp({ withTimezone: true }),
    /**
     * When the worker may next act on the post: a retry's time (retrying), or the next status
     * check of a job in flight (pending, awaiting_creator) or of a complete post still waiting
     * for its public link.
     */
    nextAttemptAt: timestamp({ withTimezone: true }),
    /** When the platform job (platform_job_id) was started: status checks back off from it. */
    jobStartedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.accountId, t.scheduledAt),
    index().on(t.organizationId, t.scheduledAt, t.id),
    index().on(t.status, t.scheduledAt),
    index().on(t.accountId, t.sentAt),
    index().on(t.status, t.nextAttemptAt),
    index().on(t.organizationId, t.updatedAt),
    // The Posts page filtered by status (the failures view, the navigation's failed count).
    index().on(t.organizationId, t.status, t.scheduledAt),
  ],
);

export const postImages = pgTable(
  "post_images",
  {
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    /** 0-based order of the slide. */
    position: integer().notNull(),
    mediaId: uuid()
      .notNull()
      .references(() => mediaObjects.id, { onDelete: "restrict" }),
    sourceUrl: text(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.position] })],
);

/**
 * A post's history (the calendar's post panel): one row when it is created and one each time its
 * status, error or scheduled time changes. Written by triggers on posts (migration 0008), so
 * every path that changes a post — use-cases, the worker, account pauses — is recorded alike.
 */
export const postEvents = pgTable(
  "post_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    status: postStatus().notNull(),
    error: text(),
    scheduledAt: timestamp({ withTimezone: true }).notNull(),
    accountId: uuid().notNull(),
    /** The change's time by the app's clock (the post's updated_at), so test clocks agree. */
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.postId, t.at)],
);
