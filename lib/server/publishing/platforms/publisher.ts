// One interface over TikTok and Instagram (DESIGN.md §6). A publisher knows its platform's
// steps; the worker (lib/server/worker.ts) owns the post's state and the at-most-once rule,
// which it applies through `beforeSend`: called right before the request that publishes, it
// records the send (or declines, e.g. over a rate limit) and nothing is sent if it declines.
import "server-only";
import type { Config } from "@/env";
import type { Failure } from "./http";
import * as instagram from "./instagram";
import * as tiktok from "./tiktok";

export type PublishJob = {
  account: { platformUserId: string; username: string; privacyLevel: string | null };
  token: string;
  caption: string;
  musicPostId: string | null;
  /** Public URLs of the images, already transcoded for the platform. */
  imageUrls: string[];
};


/** "go": the send is recorded, send now. "stop": do not send (the worker has settled the post). */
export type BeforeSend = () => Promise<"go" | "stop">;

export type StartResult =
  | { kind: "started"; jobId: string; sent: boolean }
  | { kind: "stopped" }
  | { kind: "failed"; failure: Failure; sent: boolean };

export type PollResult =
  | { kind: "waiting"; note?: string; retryInMs?: number }
  | { kind: "inbox"; note: string | null }
  | { kind: "complete"; socialId: string | null; postUrl: string | null; sent: boolean }
  | { kind: "stopped" }
  /** `restart`: the job is dead and a retry must start a new one; otherwise keep polling it. */
  | { kind: "failed"; failure: Failure; restart: boolean; sent: boolean };

export interface Publisher {
  start(job: PublishJob, beforeSend: BeforeSend): Promise<StartResult>;
  poll(job: PublishJob & { jobId: string }, beforeSend: BeforeSend): Promise<PollResult>;
}

export function publisherFor(platform: "tiktok" | "instagram", platforms: Config["platforms"]): Publisher {
  return platform === "tiktok" ? tiktokPublisher(platforms.tiktok) : instagramPublisher(platforms.instagram);
}

function tiktokPublisher(cfg: tiktok.TikTokConfig): Publisher {
  return {
    async start(job, beforeSend) {
      // TikTok requires reading the creator's options before each post, and using them.
      const info = await tiktok.creatorInfo(cfg, job.token);
      if (!info.ok) return { kind: "failed", failure: info.error, sent: false };
      const options = info.value.privacyLevelOptions;
      const privacyLevel =
        job.account.privacyLevel && options.includes(job.account.privacyLevel)
          ? job.account.privacyLevel
          : options.includes("PUBLIC_TO_EVERYONE")
            ? "PUBLIC_TO_EVERYONE"
            : options[0];
      if ((await beforeSend()) === "stop") return { kind: "stopped" };
      const init = await tiktok.initPhotoPost(cfg, job.token, {
        // TikTok's API cannot attach a chosen sound: such posts go to the creator's inbox as drafts.
        mode: job.musicPostId ? "MEDIA_UPLOAD" : "DIRECT_POST",
        title: job.caption.slice(0, 90),
        description: job.caption,
        privacyLevel,
        imageUrls: job.imageUrls,
      });
      if (!init.ok) return { kind: "failed", failure: init.error, sent: init.error.class === "unknown_outcome" };
      return { kind: "started", jobId: init.value.publishId, sent: true };
    },

    async poll(job) {
      const s = await tiktok.fetchPublishStatus(cfg, job.token, job.jobId);
      // The post was sent; a failed status call is no reason to resend: poll again later.
      if (!s.ok) return s.error.class === "needs_reauth" ? { kind: "failed", failure: s.error, restart: false, sent: true } : { kind: "waiting" };
      const v = s.value;
      if (v.state === "processing") return { kind: "waiting" };
      if (v.state === "inbox") {
        const note = job.musicPostId ? `Waiting for the creator to finish the draft in TikTok and add the sound from post ${job.musicPostId}` : null;
        return { kind: "inbox", note };
      }
      if (v.state === "complete") {
        const id = v.postIds[0] ?? null;
        return { kind: "complete", socialId: id, postUrl: id ? tiktok.postUrl(job.account.username, id) : null, sent: false };
      }
      return { kind: "failed", failure: v.failure, restart: true, sent: false };
    },
  };
}

function instagramPublisher(cfg: instagram.InstagramConfig): Publisher {
  return {
    // Containers are drafts (creating one twice posts nothing): the publishing happens in poll.
    async start(job) {
      const userId = job.account.platformUserId;
      const failed = (failure: Failure): StartResult => ({ kind: "failed", failure, sent: false });
      if (job.imageUrls.length === 1) {
        const single = await instagram.createImageContainer(cfg, job.token, userId, { imageUrl: job.imageUrls[0]!, carouselItem: false, caption: job.caption });
        return single.ok ? { kind: "started", jobId: single.value, sent: false } : failed(single.error);
      }
      const children: string[] = [];
      for (const url of job.imageUrls) {
        const child = await instagram.createImageContainer(cfg, job.token, userId, { imageUrl: url, carouselItem: true });
        if (!child.ok) return failed(child.error);
        children.push(child.value);
      }
      const parent = await instagram.createCarouselContainer(cfg, job.token, userId, { children, caption: job.caption });
      return parent.ok ? { kind: "started", jobId: parent.value, sent: false } : failed(parent.error);
    },

    async poll(job, beforeSend) {
      const userId = job.account.platformUserId;
      const status = await instagram.containerStatus(cfg, job.token, job.jobId);
      if (!status.ok) return status.error.class === "needs_reauth" ? { kind: "failed", failure: status.error, restart: false, sent: false } : { kind: "waiting" };
      if (status.value === "IN_PROGRESS") return { kind: "waiting" };
      if (status.value === "ERROR" || status.value === "EXPIRED") {
        return { kind: "failed", failure: { class: "retryable", reason: `Instagram container ${status.value}` }, restart: true, sent: false };
      }
      // Published by an earlier tick whose answer was lost: reconciled, not published again.
      if (status.value === "PUBLISHED") return { kind: "complete", socialId: null, postUrl: null, sent: false };
      const quota = await instagram.publishingLimit(cfg, job.token, userId);
      if (quota.ok && quota.value.usage >= quota.value.total) {
        return { kind: "waiting", retryInMs: 3_600_000, note: `Instagram's publishing quota (${quota.value.total} a day) is used up; waiting` };
      }
      if ((await beforeSend()) === "stop") return { kind: "stopped" };
      const media = await instagram.publishContainer(cfg, job.token, userId, job.jobId);
      if (!media.ok) {
        if (media.error.class === "unknown_outcome") return { kind: "failed", failure: media.error, restart: false, sent: true };
        // Not ready yet, or throttled: keep the container and publish it on a later tick.
        if (media.error.class === "retryable" || media.error.class === "rate_limited") return { kind: "waiting", note: media.error.reason };
        return { kind: "failed", failure: media.error, restart: true, sent: false };
      }
      const link = await instagram.permalink(cfg, job.token, media.value);
      return { kind: "complete", socialId: media.value, postUrl: link.ok ? link.value : null, sent: true };
    },
  };
}
