// A minimal TikTok API caller for tests: JSON in, status plus raw text out (to see int64s as sent).
import type { Harness } from "./harness";

export type TikTokResult = { status: number; text: string; body: { data: Record<string, unknown>; error: { code: string; message: string; log_id: string } } };

export async function tiktokCall(h: Harness, token: string, path: string, body?: unknown): Promise<TikTokResult> {
  const res = await fetch(`${h.sim.url}/tiktok/v2/post/publish/${path}/`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=UTF-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as TikTokResult["body"] };
}

export async function tiktokToken(h: Harness, username: string, scopes?: string[]): Promise<string> {
  const { accessToken } = await h.adminJson<{ accessToken: string }>("/tokens", { platform: "tiktok", username, scopes });
  return accessToken;
}

export function photoPost(urls: string[], over: { mode?: string; privacy?: string; title?: string; description?: string; cover?: number } = {}) {
  return {
    media_type: "PHOTO",
    post_mode: over.mode ?? "DIRECT_POST",
    post_info: {
      title: over.title ?? "Sunday slides",
      description: over.description ?? "a #photomode post",
      privacy_level: over.privacy ?? "PUBLIC_TO_EVERYONE",
      disable_comment: false,
      auto_add_music: true,
      brand_content_toggle: false,
      brand_organic_toggle: false,
    },
    source_info: { source: "PULL_FROM_URL", photo_images: urls, photo_cover_index: over.cover ?? 0 },
  };
}
