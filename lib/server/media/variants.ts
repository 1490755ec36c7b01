// The image URLs a platform is given for a post: each stored image transcoded for that platform
// (DESIGN.md §5) and served from the app's public media URL, where the platform pulls it.
import "server-only";
import { type MediaStoreConfig, mediaStoreFor } from "./media-store";
import { publicMediaUrl, storedFileName } from "./store";
import { type Variant, carouselVariantsFor, variantFor } from "./transcode";

/**
 * Public URLs of `images` (stored files, in post order) transcoded for `platform`. An Instagram
 * carousel (2+ images) is transcoded as a whole, every item in the first one's shape. With
 * S3_PUBLIC_BASE_URL the URLs point there directly: /media would only redirect, and TikTok
 * does not follow redirects when it pulls images.
 */
export async function platformImageUrls(
  config: MediaStoreConfig & { publicBaseUrl: string },
  platform: "tiktok" | "instagram",
  images: readonly { sha256: string; mimeType: string }[],
): Promise<string[]> {
  const store = mediaStoreFor(config);
  const fileNames = images.map((img) => storedFileName(img.sha256, img.mimeType));
  let variants: Variant[];
  if (platform === "instagram" && fileNames.length >= 2) {
    variants = await carouselVariantsFor(store, fileNames);
  } else {
    variants = [];
    for (const fileName of fileNames) variants.push(await variantFor(store, fileName, platform));
  }
  return variants.map((v) => store.publicUrl(v.fileName) ?? publicMediaUrl(config.publicBaseUrl, v.fileName));
}
