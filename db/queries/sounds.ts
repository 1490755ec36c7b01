// The organization's sound library (TikTok posts whose sound a slideshow names).
import "server-only";
import { and, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { sounds } from "../schema";

const soundColumns = {
  id: sounds.id,
  tiktokPostId: sounds.tiktokPostId,
  sourceUrl: sounds.sourceUrl,
  title: sounds.title,
  author: sounds.author,
  musicTitle: sounds.musicTitle,
  thumbnailUrl: sounds.thumbnailUrl,
  usageCount: sounds.usageCount,
  lastUsedAt: sounds.lastUsedAt,
};

export type SoundRow = Awaited<ReturnType<typeof listSounds>>[number];

/** Saves what is known of a sound (a resolved one fills in its details; an unresolved one keeps any it had). */
export async function upsertSound(
  db: Db,
  p: { organizationId: string; tiktokPostId: string; sourceUrl: string | null; title: string | null; author: string | null; musicTitle: string | null; thumbnailUrl: string | null },
) {
  const [row] = await db
    .insert(sounds)
    .values(p)
    .onConflictDoUpdate({
      target: [sounds.organizationId, sounds.tiktokPostId],
      set: {
        sourceUrl: sql`coalesce(excluded.source_url, ${sounds.sourceUrl})`,
        title: sql`coalesce(excluded.title, ${sounds.title})`,
        author: sql`coalesce(excluded.author, ${sounds.author})`,
        musicTitle: sql`coalesce(excluded.music_title, ${sounds.musicTitle})`,
        thumbnailUrl: sql`coalesce(excluded.thumbnail_url, ${sounds.thumbnailUrl})`,
      },
    })
    .returning(soundColumns);
  return row!;
}

/** Counts one more post using the sound (adding it to the library if it was typed as a bare id). */
export async function recordSoundUse(db: Db, p: { organizationId: string; tiktokPostId: string; now: Date }) {
  await db
    .insert(sounds)
    .values({ organizationId: p.organizationId, tiktokPostId: p.tiktokPostId, usageCount: 1, lastUsedAt: p.now })
    .onConflictDoUpdate({
      target: [sounds.organizationId, sounds.tiktokPostId],
      set: { usageCount: sql`${sounds.usageCount} + 1`, lastUsedAt: p.now },
    });
}

/** The library, most used first, then most recently used; `search` matches title, author, sound or id. */
export async function listSounds(db: Db, p: { organizationId: string; search?: string; limit: number }) {
  const q = p.search?.trim();
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select(soundColumns)
    .from(sounds)
    .where(
      and(
        eq(sounds.organizationId, p.organizationId),
        like ? or(ilike(sounds.title, like), ilike(sounds.author, like), ilike(sounds.musicTitle, like), ilike(sounds.tiktokPostId, like)) : undefined,
      ),
    )
    .orderBy(desc(sounds.usageCount), sql`${sounds.lastUsedAt} desc nulls last`, desc(sounds.createdAt))
    .limit(p.limit);
}
