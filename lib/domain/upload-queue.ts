// The composer's image intake rules (dashboard.md §1 "Images"): which picked files are refused
// before a byte is sent, which queued uploads start next, and which finished ones may join the
// slides without breaking the order the files were chosen in. Pure: the browser's queue applies
// these; the server sniffs and limits every upload again.
import { type ImageMimeType, sizeRefusal } from "./media";
import { MAX_IMAGES } from "./posts";

/** Uploads running at once; more only queue behind a slow connection's bandwidth. */
export const MAX_PARALLEL_UPLOADS = 4;

/** What the file chooser offers (its `accept` attribute). */
export const UPLOAD_ACCEPT = "image/jpeg,image/png,.jpg,.jpeg,.png";

/** Browsers and operating systems name the two types we take in more than one way. */
const MIME_ALIASES: Readonly<Record<string, ImageMimeType>> = {
  "image/jpeg": "image/jpeg",
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "image/png": "image/png",
};

export const NOT_AN_IMAGE = "not a JPEG or PNG";

/** What the browser tells about a picked file: its name, its MIME type ("" when unknown) and its size in bytes. */
export type PickedFile = { name: string; type: string; size: number };
export type Refusal = { name: string; reason: string };

/** 1 → "1st", 22 → "22nd", 36 → "36th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** Why the image at 1-based `position` among all of a slideshow's images is refused ("36th image: at most 35 images"), or null. */
export function limitRefusal(position: number, max = MAX_IMAGES): string | null {
  return position > max ? `${ordinal(position)} image: at most ${max} images` : null;
}

/**
 * Why a picked file is refused on its own (its type, then its size), or null. The type is the
 * browser's MIME type, or the extension when the browser gives none; the server sniffs the bytes.
 */
export function fileRefusal(file: PickedFile): string | null {
  const known = file.type ? Object.hasOwn(MIME_ALIASES, file.type.toLowerCase()) : /\.(jpe?g|png)$/i.test(file.name);
  if (!known) return NOT_AN_IMAGE;
  return sizeRefusal(file.size);
}

/**
 * Splits picked files (in the order chosen) into those to upload and those refused with a reason,
 * `taken` being the images the slideshow already holds or has in flight. Only accepted files count
 * towards the limit, so a refused GIF does not push a good file past it.
 */
export function screenImages<F extends PickedFile>(files: readonly F[], taken: number, max = MAX_IMAGES): { accepted: F[]; refused: Refusal[] } {
  const accepted: F[] = [];
  const refused: Refusal[] = [];
  for (const file of files) {
    const reason = fileRefusal(file) ?? limitRefusal(taken + accepted.length + 1, max);
    if (reason) refused.push({ name: file.name, reason });
    else accepted.push(file);
  }
  return { accepted, refused };
}

export type UploadState = "queued" | "uploading" | "done" | "failed";
export type QueueEntry = { id: string; state: UploadState };

/** The ids of the queued entries to start now, first chosen first, so at most `max` run at once. */
export function uploadsToStart(entries: readonly QueueEntry[], max = MAX_PARALLEL_UPLOADS): string[] {
  const free = max - entries.filter((e) => e.state === "uploading").length;
  if (free <= 0) return [];
  return entries.filter((e) => e.state === "queued").slice(0, free).map((e) => e.id);
}

/**
 * The ids of finished entries that may join the slides now, in queue order: every `done` entry
 * before the first one still queued or uploading, so a fast second file waits for a slow first
 * one. A failed entry holds nothing back; retried, it joins at the end.
 */
export function readyToAppend(entries: readonly QueueEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (e.state === "queued" || e.state === "uploading") break;
    if (e.state === "done") out.push(e.id);
  }
  return out;
}
