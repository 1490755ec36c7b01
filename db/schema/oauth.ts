// In-flight OAuth connections: the state parameter ties a platform's callback to the one starter
// that began it, once, for a few minutes. A starter is either a signed-in member (userId with
// organizationId: the callback must come from that member's session in that organization) or,
// for flows with no browser (the CLI's `accounts connect-simulated`, tests), the process that
// began it (localBinding). Never both, so no browser can finish a CLI flow and vice versa.
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { platform } from "./accounts";
import { organizations, users } from "./auth";

export const oauthStates = pgTable("oauth_states", {
  state: text().primaryKey(),
  organizationId: text()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  userId: text().references(() => users.id, { onDelete: "cascade" }),
  /** Flows begun without a browser session: a hash of a secret only the starting process holds. */
  localBinding: text(),
  platform: platform().notNull(),
  redirectUri: text().notNull(),
  /** PKCE verifier (TikTok): sent only on the server-to-server token exchange, never to a browser. */
  codeVerifier: text(),
  /** Labels to give the connected account (the CLI's --tag etc.). */
  labels: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});
