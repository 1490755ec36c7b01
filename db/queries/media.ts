// Stored images of an organization (content-addressed by SHA-256).
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { mediaObjects } from "../schema";

export type NewMedia = {
  organizationId: string;
  sha256: string;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
  source: string;
};

/** Inserts rows for images not yet stored by the organization; returns every row's id by hash. */
export async function upsertMedia(db: Db, params: { organizationId: string; rows: readonly NewMedia[] }): Promise<Map<string, string>> {
  if (params.rows.length === 0) return new Map();
  await db
    .insert(mediaObjects)
    .values([...params.rows])
    .onConflictDoNothing({ target: [mediaObjects.organizationId, mediaObjects.sha256] });
  const saved = await findMediaByHash(db, { organizationId: params.organizationId, sha256s: params.rows.map((r) => r.sha256) });
  return new Map(saved.map((r) => [r.sha256, r.id]));
}

export function findMediaByHash(db: Db, params: { organizationId: string; sha256s: readonly string[] }) {
  if (params.sha256s.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: mediaObjects.id,
      sha256: mediaObjects.sha256,
      mimeType: mediaObjects.mimeType,
      bytes: mediaObjects.bytes,
      width: mediaObjects.width,
      height: mediaObjects.height,
    })
    .from(mediaObjects)
    .where(and(eq(mediaObjects.organizationId, params.organizationId), inArray(mediaObjects.sha256, [...params.sha256s])));
}
