// Stored image copies, content-addressed by SHA-256. DESIGN.md §5.
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./auth";

export const mediaObjects = pgTable(
  "media_objects",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** Hex SHA-256 of the bytes; also the file's name in the media store. */
    sha256: text().notNull(),
    mimeType: text().notNull(),
    bytes: integer().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    /** Where the image came from (a URL given to the API, or "upload"). */
    source: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.organizationId, t.sha256), index().on(t.sha256)],
);
