// www.tiktok.com/oembed for a seeded set of videos, so the app can read a video's sound link
// (platforms.md §1.8–§1.9). Unknown URLs fail with TikTok's bare 400 body, not the v2 envelope.
import { escapeHtml, json, type Reply, type Req } from "../http";
import type { Route } from "../route";
import type { SimState } from "../state";

const VIDEO_URL = /^https?:\/\/(?:www\.)?tiktok\.com\/@([\w.]+)\/video\/(\d+)\/?$/;

function oembed(req: Req, state: SimState): Reply {
  const raw = (req.url.searchParams.get("url") ?? "").split(/[?#]/)[0]!;
  const match = VIDEO_URL.exec(raw);
  const video = match ? state.videos.get(match[2]!) : undefined;
  if (!match || !video || video.username !== match[1]) return json(400, { message: "Something went wrong", code: 400 });
  const canonical = `https://www.tiktok.com/@${video.username}/video/${video.id}`;
  const slug = video.music.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
  const musicUrl = `https://www.tiktok.com/music/${slug}-${video.musicId}?refer=embed`;
  const blockquote =
    `<blockquote class="tiktok-embed" cite="${canonical}" data-video-id="${video.id}" style="max-width: 605px;min-width: 325px;" > ` +
    `<section> <a target="_blank" title="@${video.username}" href="https://www.tiktok.com/@${video.username}?refer=embed">@${video.username}</a> ` +
    `${escapeHtml(video.title)} <a target="_blank" title="♬ ${escapeHtml(video.music)}" href="${musicUrl}">♬ ${escapeHtml(video.music)}</a> </section> </blockquote> ` +
    `<script async src="https://www.tiktok.com/embed.js"></script>`;
  return json(200, {
    version: "1.0",
    type: "video",
    title: video.title,
    author_url: `https://www.tiktok.com/@${video.username}`,
    author_name: video.author,
    author_unique_id: video.username,
    width: "100%",
    height: "100%",
    html: blockquote,
    thumbnail_url: `${state.baseUrl}/feed/avatar/${video.username}.svg`,
    thumbnail_width: 576,
    thumbnail_height: 1024,
    provider_url: "https://www.tiktok.com",
    provider_name: "TikTok",
    embed_product_id: video.id,
    embed_type: "video",
  });
}

export const tiktokOembedRoutes: Route[] = [
  { method: "GET", pattern: /^\/tiktok\/oembed\/?$/, name: "tiktok.oembed", platform: "tiktok", handle: oembed },
];
