// Everything the simulator remembers. One mutable object, reset in place by the admin API so the
// reference handed out by createSimulator stays valid.
import { Clock } from "./clock";
import { defaultSettings, mergeSettings, type Settings } from "./settings";
import { FaultQueue } from "./faults";
import { RateLimiter } from "./rate-limit";

export type Platform = "tiktok" | "instagram";

export type OAuthClient = {
  platform: Platform;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  name: string;
};

export type TikTokAccount = {
  openId: string;
  unionId: string;
  username: string;
  nickname: string;
  isPrivate: boolean;
  privacyLevelOptions: string[];
  commentDisabled: boolean;
  banned: boolean;
};

export type InstagramAccount = {
  userId: string;
  appScopedId: string;
  username: string;
  name: string;
  accountType: "BUSINESS" | "MEDIA_CREATOR" | "PERSONAL";
};

export type AuthCode = {
  code: string;
  platform: Platform;
  clientId: string;
  redirectUri: string;
  accountKey: string;
  scopes: string[];
  codeChallenge?: string;
  expiresAt: number;
  used: boolean;
};

export type TokenKind = "access" | "refresh" | "ig_short" | "ig_long";

export type Token = {
  value: string;
  kind: TokenKind;
  platform: Platform;
  /** TikTok open_id or Instagram user id. */
  accountKey: string;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
};

/** A pulled image; `width`×`height` are its pixel dimensions from the image header. */
export type StoredImage = { id: string; bytes: Buffer; contentType: string; width: number; height: number };

export type PublishStatus = "PROCESSING_DOWNLOAD" | "SEND_TO_USER_INBOX" | "PUBLISH_COMPLETE" | "FAILED";

/** Outcome of pulling every photo of a publish; set once the real downloads finish. */
export type PullResult = { failReason?: string; bytes: number; images: StoredImage[]; doneAt: number };

export type TikTokPublish = {
  id: string;
  seq: number;
  openId: string;
  clientId: string;
  mode: "DIRECT_POST" | "MEDIA_UPLOAD";
  privacyLevel: string;
  title: string;
  description: string;
  urls: string[];
  createdAt: number;
  status: PublishStatus;
  failReason?: string;
  completedAt?: number;
  postId?: bigint;
  pull?: PullResult;
  /** Inbox drafts the creator threw away no longer count as pending shares. */
  discarded: boolean;
};

export type ContainerError = { subcode: number };

/** Pixel dimensions and width ÷ height of a pulled image. */
export type ImageShape = { width: number; height: number; ratio: number };

/**
 * How Instagram shows a carousel: every child centre-cropped to the first child's shape.
 * `cropped` is the fraction (0…1) of a child's pixels that falls outside that shape.
 */
export type CarouselFraming = { shape: ImageShape; children: (ImageShape & { cropped: number })[] };

export type IgContainer = {
  id: string;
  userId: string;
  kind: "IMAGE" | "CAROUSEL";
  isCarouselItem: boolean;
  caption: string;
  children: string[];
  image?: StoredImage;
  /** Carousels only: fixed when the carousel is built, from its children's pulled images. */
  framing?: CarouselFraming;
  createdAt: number;
  readyAt: number;
  error?: ContainerError;
  publishedMediaId?: string;
};

export type IgMedia = {
  id: string;
  userId: string;
  containerId: string;
  mediaType: "IMAGE" | "CAROUSEL_ALBUM";
  caption: string;
  shortcode: string;
  publishedAt: number;
  childMediaIds: string[];
  image?: StoredImage;
  framing?: CarouselFraming;
  isChild: boolean;
};

export type TikTokVideo = { id: string; username: string; author: string; title: string; music: string; musicId: string };

/** A platform request as received; `body` is the start of a POST body, for tests that count sends per post. */
export type LoggedRequest = { method: string; path: string; route: string; status: number; time: string; body?: string };

export class SimState {
  readonly clock = new Clock();
  settings: Settings;
  baseUrl = "";

  clients = new Map<string, OAuthClient>();
  tiktokAccounts = new Map<string, TikTokAccount>();
  igAccounts = new Map<string, InstagramAccount>();
  codes = new Map<string, AuthCode>();
  tokens = new Map<string, Token>();
  publishes = new Map<string, TikTokPublish>();
  containers = new Map<string, IgContainer>();
  media = new Map<string, IgMedia>();
  /** Sim-time publish instants per IG user, for the rolling quota. */
  igPublishTimes = new Map<string, number[]>();
  videos = new Map<string, TikTokVideo>();
  images = new Map<string, StoredImage>();
  faults = new FaultQueue();
  rates = new RateLimiter();
  requests: LoggedRequest[] = [];
  private counters = new Map<string, number>();

  constructor(private readonly initial: Partial<Settings> = {}) {
    this.settings = mergeSettings(defaultSettings, initial);
    this.seed();
  }

  now(): number {
    return this.clock.now();
  }

  /** Next value of a named counter, starting at 1. */
  next(counter: string): number {
    const n = (this.counters.get(counter) ?? 0) + 1;
    this.counters.set(counter, n);
    return n;
  }

  reset(): void {
    this.clock.reset();
    this.settings = mergeSettings(defaultSettings, this.initial);
    for (const map of [this.clients, this.tiktokAccounts, this.igAccounts, this.codes, this.tokens, this.publishes, this.containers, this.media, this.igPublishTimes, this.videos, this.images, this.counters]) {
      map.clear();
    }
    this.faults = new FaultQueue();
    this.rates = new RateLimiter();
    this.requests = [];
    this.seed();
  }

  findTikTokByUsername(username: string): TikTokAccount | undefined {
    return [...this.tiktokAccounts.values()].find((a) => a.username === username);
  }

  findIgByUsername(username: string): InstagramAccount | undefined {
    return [...this.igAccounts.values()].find((a) => a.username === username);
  }

  private seed(): void {
    this.clients.set("tiktok:sim-tiktok-client", {
      platform: "tiktok", clientId: "sim-tiktok-client", clientSecret: "sim-tiktok-secret", redirectUris: [], name: "Postdeck (simulated)",
    });
    this.clients.set("instagram:sim-instagram-app", {
      platform: "instagram", clientId: "sim-instagram-app", clientSecret: "sim-instagram-secret", redirectUris: [], name: "Postdeck (simulated)",
    });
    const videos: TikTokVideo[] = [
      { id: "7448335796416843001", username: "sim_dj", author: "Sim DJ", title: "Sunset mix #fyp", music: "Golden Hour Loop", musicId: "7334542274145454891" },
      { id: "7448335796416843002", username: "sim_band", author: "The Sim Band", title: "New single out now", music: "original sound - The Sim Band", musicId: "7537866287918795537" },
      { id: "7448335796416843003", username: "sim_lofi", author: "Lo-Fi Sim", title: "Study beats", music: "Rainy Window", musicId: "7212345678901234567" },
    ];
    for (const video of videos) this.videos.set(video.id, video);
  }
}
