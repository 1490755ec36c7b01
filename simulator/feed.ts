// What was published, newest first: an HTML page for people (no JS) and feed.json for tests,
// plus the image bytes the simulator pulled, so the page shows exactly what the platform got.
import { escapeHtml, html, json, type Reply, type Req } from "./http";
import type { Route } from "./route";
import type { IgMedia, ImageShape, SimState } from "./state";
import { settle, visiblePostIds } from "./tiktok/pipeline";

export type FeedItem = {
  platform: "tiktok" | "instagram";
  account: string;
  title: string;
  caption: string;
  postId: string | null;
  permalink: string | null;
  publishedAt: string;
  images: string[];
  note: string;
  /**
   * Instagram carousels only (else null): the shape every item is shown in (the first item's
   * pulled image) and, per item in `images` order, the fraction of its pixels cropped away.
   */
  carousel: FeedCarousel | null;
};

export type FeedCarousel = {
  shape: ImageShape;
  items: (ImageShape & { image: string | null; cropped: number })[];
};

export function feedItems(state: SimState): FeedItem[] {
  const items: (FeedItem & { at: number })[] = [];
  for (const p of state.publishes.values()) {
    settle(state, p);
    if (p.status !== "PUBLISH_COMPLETE" || p.completedAt === undefined) continue;
    const username = state.tiktokAccounts.get(p.openId)?.username ?? "?";
    const postId = visiblePostIds(state, p)[0]?.toString() ?? null;
    items.push({
      platform: "tiktok", account: `@${username}`, title: p.title, caption: p.description, postId,
      permalink: postId ? `https://www.tiktok.com/@${username}/photo/${postId}` : null,
      publishedAt: new Date(p.completedAt).toISOString(), at: p.completedAt,
      images: (p.pull?.images ?? []).map((img) => `${state.baseUrl}/feed/media/${img.id}`),
      note: `${p.mode === "MEDIA_UPLOAD" ? "inbox draft posted by the creator" : "direct post"}, ${p.privacyLevel}${postId ? "" : ", no public id (yet)"}`,
      carousel: null,
    });
  }
  for (const m of state.media.values()) {
    if (m.isChild) continue;
    const images = m.mediaType === "CAROUSEL_ALBUM" ? m.childMediaIds.map((id) => state.media.get(id)?.image) : [m.image];
    const carousel = carouselOf(state, m);
    items.push({
      platform: "instagram", account: `@${state.igAccounts.get(m.userId)?.username ?? "?"}`, title: "", caption: m.caption, postId: m.id,
      permalink: `https://www.instagram.com/p/${m.shortcode}/`, publishedAt: new Date(m.publishedAt).toISOString(), at: m.publishedAt,
      images: images.flatMap((img) => (img ? [`${state.baseUrl}/feed/media/${img.id}`] : [])),
      note: m.mediaType === "CAROUSEL_ALBUM" ? `carousel of ${m.childMediaIds.length}${carousel ? `, ${framingNote(carousel)}` : ""}` : "single image",
      carousel,
    });
  }
  return items.sort((a, b) => b.at - a.at).map(({ at: _at, ...item }) => item);
}

function carouselOf(state: SimState, m: IgMedia): FeedCarousel | null {
  if (m.mediaType !== "CAROUSEL_ALBUM" || !m.framing) return null;
  return {
    shape: m.framing.shape,
    items: m.framing.children.map((child, i) => {
      const image = state.media.get(m.childMediaIds[i] ?? "")?.image;
      return { ...child, image: image ? `${state.baseUrl}/feed/media/${image.id}` : null };
    }),
  };
}

/** E.g. "shape 1080×1080 (ratio 1), item 2 cropped 43.8%", for people reading the page. */
function framingNote(c: FeedCarousel): string {
  const cropped = c.items.flatMap((item, i) => (item.cropped > 0 ? [`item ${i + 1} cropped ${(item.cropped * 100).toFixed(1)}%`] : []));
  return `shape ${c.shape.width}×${c.shape.height} (ratio ${c.shape.ratio}), ${cropped.length ? cropped.join(", ") : "nothing cropped"}`;
}

// Shows carousel items as Instagram does: all in the first item's shape, centre-cropped.
function cropStyle(item: FeedItem): string {
  if (!item.carousel) return "";
  return ` style="aspect-ratio:${item.carousel.shape.width}/${item.carousel.shape.height};object-fit:cover"`;
}

function feedPage(_req: Req, state: SimState): Reply {
  const items = feedItems(state);
  const cards = items.map((item) => `
  <article>
    <h2>${item.platform === "tiktok" ? "TikTok" : "Instagram"} · ${escapeHtml(item.account)}</h2>
    ${item.title ? `<p><strong>${escapeHtml(item.title)}</strong></p>` : ""}
    <p>${escapeHtml(item.caption) || "<em>no caption</em>"}</p>
    <p class="meta">Post id ${escapeHtml(item.postId ?? "pending")} · ${escapeHtml(item.publishedAt)} · ${escapeHtml(item.note)}
      ${item.permalink ? `· <a href="${escapeHtml(item.permalink)}">${escapeHtml(item.permalink)}</a>` : ""}</p>
    <div class="images">${item.images.map((src) => `<img src="${escapeHtml(src)}" alt="" loading="lazy"${cropStyle(item)}>`).join("")}</div>
  </article>`);
  return html(200, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Platform simulator feed</title><meta http-equiv="refresh" content="10">
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc;padding:1rem 0}
.meta{color:#555;font-size:.9rem}.images{display:flex;gap:.5rem;overflow-x:auto}.images img{height:220px;border-radius:4px}</style></head>
<body><h1>Published on the simulated platforms</h1>
<p>${items.length} post(s), newest first. Admin API under <code>/__admin</code>; this page also as <a href="/feed.json">feed.json</a>.</p>
${cards.join("\n") || "<p>Nothing published yet.</p>"}
</body></html>`);
}

function mediaBytes(req: Req, state: SimState): Reply {
  const image = state.images.get(req.match[1]!);
  if (!image) return json(404, { error: "No such media" });
  return { status: 200, headers: { "content-type": image.contentType, "cache-control": "public, max-age=86400" }, body: image.bytes };
}

/** A coloured initial; stands in for profile pictures and oEmbed thumbnails. */
function avatar(req: Req): Reply {
  const name = req.match[1]!;
  const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 0);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="hsl(${hue},60%,50%)"/>` +
    `<text x="50" y="64" font-size="48" text-anchor="middle" fill="#fff" font-family="sans-serif">${escapeHtml(name.charAt(0).toUpperCase())}</text></svg>`;
  return { status: 200, headers: { "content-type": "image/svg+xml" }, body: svg };
}

export const feedRoutes: Route[] = [
  { method: "GET", pattern: /^\/$/, name: "feed.page", handle: feedPage },
  { method: "GET", pattern: /^\/feed\.json$/, name: "feed.json", handle: (_r, s) => json(200, { items: feedItems(s) }) },
  { method: "GET", pattern: /^\/feed\/media\/([\w-]+)$/, name: "feed.media", handle: mediaBytes },
  { method: "GET", pattern: /^\/feed\/avatar\/([\w.]+)\.svg$/, name: "feed.avatar", handle: avatar },
];
