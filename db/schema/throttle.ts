// Failed sign-ins, shared by every app instance (the throttle of lib/domain/throttle.ts). The
// key is a hash of the email, so the table holds no list of addresses people tried.
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: uuid().primaryKey().defaultRandom(),
    keyHash: text().notNull(),
    failedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.keyHash, t.failedAt)],
);
