// The objects the API (and the dashboard's actions) answer with, snake_case as in UGC Inc's API
// (DESIGN.md §8). Types only: the server builds them, the browser reads them, both import these.
import type { Platform } from "./accounts";

export type AccountObject = {
  id: string;
  platform: Platform;
  username: string;
  display_name: string | null;
  avatar_url: string | null;
  tag: string | null;
  user_group: string | null;
  org_group: string | null;
  timezone: string;
  posting_times: Record<string, string[]>;
  min_gap_minutes: number;
  daily_cap: number;
  status: string;
  last_posted_at: string | null;
  created_at: string;
};

export type SoundObject = {
  id: string;
  tiktok_post_id: string;
  source_url: string | null;
  title: string | null;
  author: string | null;
  music_title: string | null;
  thumbnail_url: string | null;
  usage_count: number;
  last_used_at: string | null;
};

/** The media object both upload routes answer with. */
export type MediaObject = {
  id: string;
  url: string;
  thumbnail_url: string;
  mime_type: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  warnings: string[];
};

/** A post as the API answers with it. */
export type PostObject = {
  id: string;
  account_id: string;
  platform: "tiktok" | "instagram";
  type: "slideshow";
  status: string;
  caption: string;
  media_urls: string[];
  music_post_id: string | null;
  requested_time: string | null;
  scheduled_at: string;
  strict: boolean;
  bumped: boolean;
  social_id: string | null;
  post_url: string | null;
  error: string | null;
  warnings: string[];
  selection: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
};
