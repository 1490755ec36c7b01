// What the composer's page passes down from the server (the API's account and sound objects).
export type ComposerAccount = {
  id: string;
  platform: "tiktok" | "instagram";
  username: string;
  display_name: string | null;
  avatar_url: string | null;
  tag: string | null;
  user_group: string | null;
  org_group: string | null;
  timezone: string;
  status: string;
};

export type ComposerSound = {
  id: string;
  tiktok_post_id: string;
  source_url: string | null;
  title: string | null;
  author: string | null;
  music_title: string | null;
  thumbnail_url: string | null;
  usage_count: number;
};
