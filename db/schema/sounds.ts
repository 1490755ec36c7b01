// The music library: TikTok posts whose sound a slideshow should use. DESIGN.md §3.
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./auth";

export const sounds = pgTable(
  "sounds",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** The TikTok post id (digits, up to 19) that carries the sound. */
    tiktokPostId: text().notNull(),
    sourceUrl: text(),
    title: text(),
    author: text(),
    thumbnailUrl: text(),
    /** The sound's own name, read from the oEmbed html ("♬ …"). */
    musicTitle: text(),
    usageCount: integer().notNull().default(0),
    lastUsedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.organizationId, t.tiktokPostId), index().on(t.organizationId, t.usageCount)],
);
