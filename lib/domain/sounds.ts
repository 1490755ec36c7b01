// Sounds for TikTok posts (dashboard.md §1 "Sound"): what a user may paste, and what TikTok's
// oEmbed tells about a video. Pure: no IO. platforms.md §1.8–§1.10 for the formats.
import { z } from "zod";

export type SoundRef = {
  /** The digits that go into `musicPostId`: a post id, or a music page's id. */
  id: string;
  kind: "post" | "music";
  /** The canonical URL to resolve through oEmbed (posts only), without tracking parameters. */
  url: string | null;
};

const POST_URL = /^https?:\/\/(?:www\.|m\.)?tiktok\.com\/@([\w.]+)\/(video|photo)\/(\d{1,20})\/?$/i;
const MUSIC_URL = /^https?:\/\/(?:www\.|m\.)?tiktok\.com\/music\/[^/?#]*?-?(\d{1,20})\/?$/i;
const SHORT_LINK = /^https?:\/\/(?:vm|vt)\.tiktok\.com\/|^https?:\/\/(?:www\.)?tiktok\.com\/t\//i;

/**
 * Reads a pasted sound: a TikTok video or photo URL, a music page URL, or a bare post id. An
 * error says what to paste instead (short links need following, which only a browser does).
 */
export function parseSoundInput(raw: string): { ok: true; value: SoundRef } | { ok: false; reason: string } {
  const text = raw.trim();
  if (/^\d{1,20}$/.test(text)) return { ok: true, value: { id: text, kind: "post", url: null } };
  const bare = text.split(/[?#]/)[0]!;
  const post = POST_URL.exec(bare);
  if (post) return { ok: true, value: { id: post[3]!, kind: "post", url: `https://www.tiktok.com/@${post[1]}/${post[2]!.toLowerCase()}/${post[3]}` } };
  const music = MUSIC_URL.exec(bare);
  if (music) return { ok: true, value: { id: music[1]!, kind: "music", url: null } };
  if (SHORT_LINK.test(text)) return { ok: false, reason: "short links can't be read here: open it, then paste the full tiktok.com address" };
  return { ok: false, reason: "paste a TikTok video, photo or music link, or the post's id (digits)" };
}

export type OembedSound = { title: string | null; author: string | null; thumbnailUrl: string | null; music: string | null };

/** What a TikTok oEmbed answer says about the video: title, author, thumbnail and its sound's name. */
export function readOembed(body: unknown): OembedSound | null {
  if (!body || typeof body !== "object") return null;
  const o = body as Record<string, unknown>;
  if (o.type !== "video" && typeof o.html !== "string") return null;
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  // The html's sound link reads "♬ <name>"; take its text, without markup.
  const music = typeof o.html === "string" ? (/>♬\s*([^<]+)</.exec(o.html)?.[1]?.trim() ?? null) : null;
  return { title: str(o.title), author: str(o.author_name), thumbnailUrl: str(o.thumbnail_url), music: music ? decodeEntities(music) : null };
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? _);
}


/** The composer's "Sound" field, as sent to the resolve action. */
export const resolveSoundSchema = z.strictObject({ sound: z.string().max(500, "must be at most 500 characters") });

export const listSoundsSchema = z.strictObject({ search: z.string().max(100, "must be at most 100 characters").optional() });
