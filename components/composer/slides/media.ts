// How the media object both intake paths answer with (POST /api/uploads and addImageUrlAction)
// becomes a slide.
import type { ComposeSlide } from "@/lib/domain/compose";
import type { MediaObject } from "@/lib/domain/wire";

export type UploadedMedia = Pick<MediaObject, "id" | "url" | "thumbnail_url" | "mime_type" | "width" | "height">;

/** A slide for `media`, sorted by `id` (the upload's or URL row's client id, never an index). */
export function slideFromMedia(id: string, media: UploadedMedia): ComposeSlide {
  return {
    id,
    mediaId: media.id,
    url: media.url,
    thumbnailUrl: media.thumbnail_url,
    width: media.width,
    height: media.height,
    mimeType: media.mime_type === "image/png" ? "image/png" : "image/jpeg",
  };
}

/** One attempt at bringing an image in: the media, or the server's words for why not. */
export type IntakeResult = { ok: true; media: UploadedMedia } | { ok: false; message: string; aborted?: boolean };

/** A running attempt; `onProgress` gets the fraction sent (0–1) when the transport knows it. */
export type IntakeRunner<I> = (input: I, onProgress: (fraction: number) => void) => { result: Promise<IntakeResult>; abort: () => void };
