// Media containers: POST /{ig-user-id}/media for single images, carousel items and carousels
// (platforms.md §2.4–§2.5, §3.3). Image problems surface synchronously, as Meta does for images.
import { allParams, json, type Reply, type Req } from "../http";
import { instagramId } from "../ids";
import { contentTypeOf, fetchImage } from "../media-fetch";
import type { IgContainer, SimState, StoredImage } from "../state";
import { authorizeUser, GRAPH } from "./auth";
import { graph400, type GraphError } from "./errors";
import { carouselFraming } from "./framing";
import type { Route } from "../route";

const DAY_MS = 86_400_000;

export type ContainerStatus = "IN_PROGRESS" | "FINISHED" | "PUBLISHED" | "ERROR" | "EXPIRED";

/** A container's status at the current sim time. */
export function containerStatus(state: SimState, c: IgContainer): ContainerStatus {
  if (c.publishedMediaId) return "PUBLISHED";
  if (c.error) return "ERROR";
  if (state.now() >= c.createdAt + DAY_MS) return "EXPIRED";
  const children = c.children.map((id) => state.containers.get(id));
  if (children.some((child) => child && containerStatus(state, child) === "ERROR")) return "ERROR";
  return state.now() >= c.readyAt ? "FINISHED" : "IN_PROGRESS";
}

export function statusText(state: SimState, c: IgContainer): string {
  const status = containerStatus(state, c);
  const subcode = c.error?.subcode ?? 2207001;
  return {
    IN_PROGRESS: "In Progress: Media is still being processed.",
    FINISHED: "Finished: Media has been uploaded and it is ready to be published.",
    PUBLISHED: "Published: Media has been successfully published.",
    ERROR: `Error: Media upload has failed with error code ${subcode}`,
    EXPIRED: "Expired: Media was not published within 24 hours.",
  }[status];
}

function captionProblem(caption: string): GraphError | undefined {
  const tooLong = caption.length > 2200 || (caption.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0) > 30;
  if (tooLong) {
    return {
      code: 36004, subcode: 2207010, message: "The caption is too long.",
      userTitle: "Caption too long", userMsg: "The caption can have at most 2,200 characters, 30 hashtags and 20 @-tags.",
    };
  }
  if ((caption.match(/@[\w.]+/g)?.length ?? 0) > 20) {
    return { code: 100, subcode: 2207040, message: "Invalid parameter", userTitle: "Too many tags", userMsg: "The caption can tag at most 20 accounts." };
  }
  return undefined;
}

/** Downloads image_url and applies Meta's feed image rules; the stored image or the error. */
async function pullImage(state: SimState, url: string, id: string): Promise<StoredImage | GraphError> {
  const rules = state.settings.igImage;
  const got = await fetchImage(url, { followRedirects: true, timeoutMs: state.settings.fetchTimeoutMs });
  if (!got.ok && got.problem === "timeout") {
    return { code: -2, subcode: 2207003, message: "Timeout", transient: true, userTitle: "Media download timed out", userMsg: "It took too long to download the media." };
  }
  if (!got.ok) {
    return {
      code: 9004, subcode: 2207052, message: `The media could not be fetched from this uri: ${url}`,
      userTitle: "Media could not be fetched", userMsg: `The media could not be fetched from this uri: ${url}`,
    };
  }
  if (got.format !== "jpeg") {
    return {
      code: 36001, subcode: 2207005, message: `The image format ${got.format} is not supported. Supported formats are: jpeg.`,
      userTitle: "Unsupported format", userMsg: `The image format ${got.format} is not supported. Supported formats are: jpeg.`,
    };
  }
  if (got.bytes.length > rules.maxBytes) {
    return {
      code: 36000, subcode: 2207004, message: "The image size is too large.",
      userTitle: "Image size too large", userMsg: "The image is too large to download. It should be less than 8 MiB.",
    };
  }
  const ratio = got.width / Math.max(1, got.height);
  if (ratio < rules.minRatio || ratio > rules.maxRatio) {
    const shown = Number(ratio.toFixed(3));
    return {
      code: 36003, subcode: 2207009, message: `The submitted image with aspect ratio ${shown} cannot be published. Please submit an image with a valid aspect ratio.`,
      userTitle: "Unsupported aspect ratio", userMsg: `The submitted image with aspect ratio ${shown} cannot be published. Please submit an image with a valid aspect ratio.`,
    };
  }
  return { id, bytes: got.bytes, contentType: contentTypeOf(got.format), width: got.width, height: got.height };
}

/** `children` as Meta takes it: "id1,id2" or a JSON array. */
function parseChildren(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // Not JSON: the documented comma-separated form.
  }
  return raw.split(",").map((s) => s.trim()).filter(Boolean);
}

async function createContainer(req: Req, state: SimState): Promise<Reply> {
  const userId = req.match[1]!;
  const auth = authorizeUser(req, state, userId, true);
  if ("status" in auth) return auth;
  const params = allParams(req);
  if (params.has("audio_configuration")) {
    return graph400({ code: 100, message: "(#100) The parameter audio_configuration is not supported for this media type." });
  }
  const mediaType = (params.get("media_type") ?? "IMAGE").toUpperCase();
  if (mediaType === "CAROUSEL") return createCarousel(state, userId, params);
  if (mediaType !== "IMAGE") {
    return graph400({ code: 100, subcode: 2207023, message: "The media type is not supported.", userMsg: `The simulator models images only, not ${mediaType}.` });
  }
  const isCarouselItem = params.get("is_carousel_item") === "true";
  if (isCarouselItem && params.has("collaborators")) return graph400({ code: 100, message: "(#100) param collaborators is not allowed for carousel items." });
  const imageUrl = params.get("image_url");
  if (!imageUrl) return graph400({ code: 100, message: "(#100) The parameter image_url is required." });
  // Children carry no caption; Meta ignores one if sent.
  const caption = isCarouselItem ? "" : (params.get("caption") ?? "");
  const problem = captionProblem(caption);
  if (problem) return graph400(problem);
  const id = instagramId("container", state.next("ig_container"));
  const image = await pullImage(state, imageUrl, `ig-${id}`);
  if ("code" in image) return graph400(image);
  const now = state.now();
  state.containers.set(id, {
    id, userId, kind: "IMAGE", isCarouselItem, caption, children: [], image, createdAt: now, readyAt: now + state.settings.igProcessingMs,
  });
  return json(200, { id });
}

function createCarousel(state: SimState, userId: string, params: URLSearchParams): Reply {
  const children = parseChildren(params.get("children"));
  const max = state.settings.igCarouselMax;
  if (children.length < 2 || children.length > max) {
    return graph400({
      code: 100, subcode: 2207028, message: "The carousel has an invalid number of children.",
      userTitle: "Carousel validation failed", userMsg: `Your post won't work as a carousel. Carousels need at least 2 photos/videos and no more than ${max} photos/videos.`,
    });
  }
  for (const childId of children) {
    const child = state.containers.get(childId);
    const usable = child && child.userId === userId && child.isCarouselItem && ["IN_PROGRESS", "FINISHED"].includes(containerStatus(state, child));
    if (!usable) {
      return graph400({ code: 100, message: "Invalid parameter", userTitle: "Invalid carousel child", userMsg: `The child container ${childId} cannot be used in this carousel.` });
    }
  }
  const caption = params.get("caption") ?? "";
  const problem = captionProblem(caption);
  if (problem) return graph400(problem);
  const id = instagramId("container", state.next("ig_container"));
  const now = state.now();
  const childContainers = children.map((c) => state.containers.get(c)!);
  const childReady = Math.max(...childContainers.map((c) => c.readyAt));
  const framing = carouselFraming(childContainers.flatMap((c) => (c.image ? [c.image] : [])));
  state.containers.set(id, {
    id, userId, kind: "CAROUSEL", isCarouselItem: false, caption, children, framing, createdAt: now, readyAt: Math.max(now + state.settings.igProcessingMs, childReady),
  });
  return json(200, { id });
}

export const instagramContainerRoutes: Route[] = [
  { method: "POST", pattern: new RegExp(`^${GRAPH}/(\\d+)/media/?$`), name: "instagram.media_create", platform: "instagram", handle: createContainer },
];
