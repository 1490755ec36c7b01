// POST /{ig-user-id}/media_publish and the rolling publishing quota (platforms.md §2.4–§2.6).
import { allParams, json, type Reply, type Req } from "../http";
import { instagramId, shortcode } from "../ids";
import type { IgContainer, IgMedia, SimState } from "../state";
import { authorizeUser, GRAPH } from "./auth";
import { containerStatus } from "./containers";
import { graph400 } from "./errors";
import type { Route } from "../route";

/** Publishes by this user inside the quota window ending now (or since `sinceMs`). */
export function quotaUsage(state: SimState, userId: string, sinceMs?: number): number {
  const windowStart = sinceMs ?? state.now() - state.settings.igQuotaDurationS * 1000;
  return (state.igPublishTimes.get(userId) ?? []).filter((t) => t > windowStart).length;
}

function builderMissing(creationId: string): Reply {
  return graph400({
    code: 24, subcode: 2207008, message: "Media ID is not available",
    userTitle: "Media builder expired", userMsg: `The media builder with creation id = ${creationId} does not exist or has been expired.`,
  });
}

function publish(req: Req, state: SimState): Reply {
  const userId = req.match[1]!;
  const auth = authorizeUser(req, state, userId, true);
  if ("status" in auth) return auth;
  const creationId = allParams(req).get("creation_id") ?? "";
  const container = state.containers.get(creationId);
  if (!container || container.userId !== userId) return builderMissing(creationId);
  const status = containerStatus(state, container);
  // A published builder is used up: clients must treat PUBLISHED as done, never publish twice.
  if (status === "EXPIRED" || status === "PUBLISHED") return builderMissing(creationId);
  if (container.isCarouselItem) return graph400({ code: 100, message: "Invalid parameter", userMsg: "A carousel item cannot be published on its own." });
  if (status === "ERROR") return graph400({ code: -1, subcode: 2207032, message: "Create media failed", userMsg: "Media processing failed; create a new container." });
  if (status === "IN_PROGRESS") {
    return graph400({
      code: 9007, subcode: 2207027, message: "Media ID is not available",
      userTitle: "Media not ready", userMsg: "The media is not ready for publishing, please wait for a moment",
    });
  }
  if (quotaUsage(state, userId) >= state.settings.igQuotaTotal) {
    return graph400({
      code: 9, subcode: 2207042, message: "Application request limit reached",
      userTitle: "Publishing limit reached", userMsg: "You reached maximum number of posts that is allowed to be published by Content Publishing API.",
    });
  }
  const media = toMedia(state, container, false);
  state.igPublishTimes.set(userId, [...(state.igPublishTimes.get(userId) ?? []), state.now()]);
  return json(200, { id: media.id });
}

/** Turns a finished container (and its children) into live media; a carousel counts once. */
function toMedia(state: SimState, container: IgContainer, isChild: boolean): IgMedia {
  const n = state.next("ig_media");
  const children = container.children.map((id) => toMedia(state, state.containers.get(id)!, true));
  const media: IgMedia = {
    id: instagramId("media", n),
    userId: container.userId,
    containerId: container.id,
    mediaType: container.kind === "CAROUSEL" ? "CAROUSEL_ALBUM" : "IMAGE",
    caption: container.caption,
    shortcode: shortcode(n),
    publishedAt: state.now(),
    childMediaIds: children.map((c) => c.id),
    image: container.image,
    framing: container.framing,
    isChild,
  };
  if (media.image) state.images.set(media.image.id, media.image);
  container.publishedMediaId = media.id;
  state.media.set(media.id, media);
  return media;
}

export const instagramPublishRoutes: Route[] = [
  { method: "POST", pattern: new RegExp(`^${GRAPH}/(\\d+)/media_publish/?$`), name: "instagram.media_publish", platform: "instagram", handle: publish },
];
