// The sound library (dashboard.md §1 "Sound"): a pasted link or id is read, resolved through
// TikTok's oEmbed where it can be (title, author, thumbnail, the sound's name) and kept for the
// organization; resolving may fail (oEmbed is being retired, ids alone cannot be looked up),
// which leaves a warning, never an error, because TikTok itself only needs the id.
import "server-only";
import type { Config } from "@/env";
import type { Db } from "@/db/client";
import * as sq from "@/db/queries/sounds";
import { type Result, invalid, resultOf } from "@/lib/domain/errors";
import { listSoundsSchema, parseSoundInput, readOembed, resolveSoundSchema } from "@/lib/domain/sounds";
import type { SoundObject } from "@/lib/domain/wire";
import { parseOrThrow } from "../http/envelope";
import { platformFetch } from "../publishing/platforms/http";

export type SoundsCtx = { db: Db; config: Pick<Config, "platforms"> };


export type { SoundObject };

const OEMBED_TIMEOUT_MS = 5_000;

function toSoundObject(r: sq.SoundRow): SoundObject {
  return {
    id: r.id,
    tiktok_post_id: r.tiktokPostId,
    source_url: r.sourceUrl,
    title: r.title,
    author: r.author,
    music_title: r.musicTitle,
    thumbnail_url: r.thumbnailUrl,
    usage_count: r.usageCount,
    last_used_at: r.lastUsedAt ? r.lastUsedAt.toISOString() : null,
  };
}

/** Reads and saves a sound for the organization; `warning` says when its details are unknown. */
export function resolveSound(ctx: SoundsCtx, organizationId: string, body: unknown): Promise<Result<{ sound: SoundObject; warning: string | null }>> {
  return resultOf(async () => {
    const { sound } = parseOrThrow(resolveSoundSchema, body);
    const parsed = parseSoundInput(sound);
    if (!parsed.ok) throw invalid([{ path: "sound", message: parsed.reason }]);
    const ref = parsed.value;
    let details = null;
    let warning: string | null = null;
    if (ref.url) {
      const base = ctx.config.platforms.tiktok.authBaseUrl.replace(/\/+$/, "");
      const res = await platformFetch(`${base}/oembed?url=${encodeURIComponent(ref.url)}`, { method: "GET", timeoutMs: OEMBED_TIMEOUT_MS });
      details = res.ok && res.response.status === 200 ? readOembed(res.response.json) : null;
      if (!details) warning = "TikTok did not describe this post (it may be private or removed); the id is used as it is";
    } else {
      warning =
        ref.kind === "music"
          ? "a music page has no post to look up: the sound's id is used as it is"
          : "an id alone cannot be looked up: paste the post's link to see its title and sound";
    }
    const row = await sq.upsertSound(ctx.db, {
      organizationId,
      tiktokPostId: ref.id,
      sourceUrl: ref.url,
      title: details?.title ?? null,
      author: details?.author ?? null,
      musicTitle: details?.music ?? null,
      thumbnailUrl: details?.thumbnailUrl ?? null,
    });
    return { sound: toSoundObject(row), warning };
  });
}

/** The library, most used first; `search` narrows it. */
export function listSoundLibrary(db: Db, organizationId: string, body: unknown): Promise<Result<{ sounds: SoundObject[] }>> {
  return resultOf(async () => {
    const { search } = parseOrThrow(listSoundsSchema, body);
    const rows = await sq.listSounds(db, { organizationId, search, limit: 50 });
    return { sounds: rows.map(toSoundObject) };
  });
}
