// Every knob the simulator exposes. Values the real platforms document ambiguously (platforms.md
// tags them [U]) live here so a test can pick the variant it wants.

export type Settings = {
  /** Sim-time ms a TikTok publish stays in PROCESSING_DOWNLOAD before it can finish. */
  tiktokProcessingMs: number;
  /** Sim-time ms after PUBLISH_COMPLETE before a public post gets its post id. */
  tiktokModerationMs: number;
  /** Sim-time ms an Instagram container stays IN_PROGRESS. */
  igProcessingMs: number;
  /** Real-time ms either platform waits for one image before giving up. */
  fetchTimeoutMs: number;

  tiktokCodeTtlS: number;
  tiktokAccessTokenTtlS: number;
  tiktokRefreshTokenTtlS: number;
  igCodeTtlS: number;
  igShortTokenTtlS: number;
  igLongTokenTtlS: number;
  /** "data": the documented `{data:[{…}]}` code-exchange body; "flat": what postiz reads. */
  igCodeExchangeShape: "data" | "flat";

  /** Per-token sliding one-minute windows (platforms.md §1.7). */
  rateLimits: { userInfo: number; creatorInfo: number; contentInit: number; statusFetch: number };
  /** Direct posts per creator per rolling 24 h, shared by every client. */
  tiktokDailyPostCap: number;
  /** Inbox shares (MEDIA_UPLOAD) that may be pending at once per creator. */
  tiktokPendingShareCap: number;
  /** Posts per IG user per `igQuotaDurationS` (content_publishing_limit.quota_total). */
  igQuotaTotal: number;
  igQuotaDurationS: number;
  igCarouselMax: number;

  tiktokImage: { maxBytes: number; maxShortSide: number; maxLongSide: number };
  igImage: { maxBytes: number; minRatio: number; maxRatio: number };

  /** When set, TikTok photo URLs must be https under a verified domain, or start with a verified prefix. */
  requireVerifiedDomains: boolean;
  verifiedDomains: string[];
  verifiedUrlPrefixes: string[];
  /** 403 is documented; one report saw HTTP 200 with the same error body. */
  urlOwnershipStatus: number;

  /** Accept any redirect_uri on 127.0.0.1/localhost even when not registered. */
  strictRedirects: boolean;
  /** Skip the consent page: GET authorize redirects at once (unless disable_auto_auth=1). */
  autoApprove: boolean;
};

export const defaultSettings: Settings = {
  tiktokProcessingMs: 1_500,
  tiktokModerationMs: 3_000,
  igProcessingMs: 1_500,
  fetchTimeoutMs: 10_000,

  tiktokCodeTtlS: 300,
  tiktokAccessTokenTtlS: 7_200,
  tiktokRefreshTokenTtlS: 15_552_000,
  igCodeTtlS: 3_600,
  igShortTokenTtlS: 3_600,
  igLongTokenTtlS: 5_184_000,
  igCodeExchangeShape: "data",

  rateLimits: { userInfo: 600, creatorInfo: 20, contentInit: 6, statusFetch: 30 },
  tiktokDailyPostCap: 15,
  tiktokPendingShareCap: 5,
  igQuotaTotal: 50,
  igQuotaDurationS: 86_400,
  igCarouselMax: 10,

  tiktokImage: { maxBytes: 20_000_000, maxShortSide: 1080, maxLongSide: 1920 },
  igImage: { maxBytes: 8 * 1024 * 1024, minRatio: 0.8, maxRatio: 1.91 },

  requireVerifiedDomains: false,
  verifiedDomains: [],
  verifiedUrlPrefixes: [],
  urlOwnershipStatus: 403,

  strictRedirects: false,
  autoApprove: false,
};

/** Shallow merge, but nested objects merge one level deep so `{rateLimits:{contentInit:1}}` works. */
export function mergeSettings(base: Settings, patch: Partial<Settings>): Settings {
  return {
    ...base,
    ...patch,
    rateLimits: { ...base.rateLimits, ...patch.rateLimits },
    tiktokImage: { ...base.tiktokImage, ...patch.tiktokImage },
    igImage: { ...base.igImage, ...patch.igImage },
  };
}
