// In-flight OAuth connections: the state parameter ties a platform's callback to the
// organization (and member) that started it, once, for a few minutes.
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { platform } from "./accounts";
import { organizations, users } from "./auth";

export const oauthStates = pgTable("oauth_states", {
  state: text().primaryKey(),
  organizationId: text()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  userId: text().references(() => users.id, { onDelete: "cascade" }),
  platform: platform().notNull(),
  redirectUri: text().notNull(),
  codeVerifier: text(),
  /** Labels to give the connected account (the CLI's --tag etc.). */
  labels: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});
