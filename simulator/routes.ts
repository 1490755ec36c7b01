// Every platform endpoint the simulator plays, in one list; fault injection names come from here.
import { instagramContainerRoutes } from "./instagram/containers";
import { instagramOAuthRoutes } from "./instagram/oauth";
import { instagramPublishRoutes } from "./instagram/publish";
import { instagramReadRoutes } from "./instagram/read";
import type { Route } from "./route";
import { tiktokApiRoutes } from "./tiktok/api";
import { tiktokOAuthRoutes } from "./tiktok/oauth";
import { tiktokOembedRoutes } from "./tiktok/oembed";

export const platformRoutes: Route[] = [
  ...tiktokOAuthRoutes,
  ...tiktokOembedRoutes,
  ...tiktokApiRoutes,
  ...instagramOAuthRoutes,
  ...instagramContainerRoutes,
  ...instagramPublishRoutes,
  ...instagramReadRoutes,
];

export function allRouteNames(): string[] {
  return [...new Set(platformRoutes.map((r) => r.name))];
}
