// A user's own preferences, kept beside better-auth's users table (which better-auth owns).
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const userSettings = pgTable("user_settings", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** The zone every dashboard page shows times in (IANA); null: the browser's zone. */
  timezone: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
