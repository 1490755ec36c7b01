// The media object both intake paths answer with (POST /api/uploads and addImageUrlAction), and
// how one becomes a slide. Declared here because components may not import lib/server.
import type { ComposeSlide } from "@/lib/domain/compose";

export type UploadedMedia = {
  id: string;
  url: string;
  thumbnail_url: string;
  mime_type: string;
  width: number;
  height: number;
};

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
