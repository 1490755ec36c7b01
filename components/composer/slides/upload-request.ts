// One image upload to POST /api/uploads over XMLHttpRequest: fetch() cannot report upload
// progress, and the composer shows real bytes sent (dashboard.md §1 "Images").
import type { IntakeResult, IntakeRunner, UploadedMedia } from "./media";

export const UPLOAD_URL = "/api/uploads";
const OFFLINE = "The upload failed. Check your connection and try again.";

type Envelope = { ok?: boolean; message?: string; data?: UploadedMedia };

function parse(text: string): Envelope | null {
  try {
    const body: unknown = JSON.parse(text);
    return body && typeof body === "object" ? (body as Envelope) : null;
  } catch {
    return null;
  }
}

/** What an answer means: the media on a 2xx with data, else the envelope's message ("file: not a JPEG or PNG image …"). */
export function uploadOutcome(status: number, text: string): IntakeResult {
  const body = parse(text);
  if (status >= 200 && status < 300 && body?.ok !== false && body?.data?.id) return { ok: true, media: body.data };
  if (body?.message) return { ok: false, message: body.message };
  if (status === 0) return { ok: false, message: OFFLINE };
  return { ok: false, message: `The upload failed (HTTP ${status}). Try again.` };
}

/** Sends `file` as multipart field `file`, with the session cookie. */
export const sendUpload: IntakeRunner<File> = (file, onProgress) => {
  const xhr = new XMLHttpRequest();
  const result = new Promise<IntakeResult>((resolve) => {
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve(uploadOutcome(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve({ ok: false, message: OFFLINE });
    xhr.ontimeout = () => resolve({ ok: false, message: OFFLINE });
    xhr.onabort = () => resolve({ ok: false, message: "Cancelled", aborted: true });
  });
  const body = new FormData();
  body.append("file", file, file.name);
  xhr.open("POST", UPLOAD_URL);
  xhr.setRequestHeader("Accept", "application/json");
  xhr.send(body);
  return { result, abort: () => xhr.abort() };
};
