"use client";
// The composer's images (dashboard.md §1 "Images"): drop, choose, paste or add by URL; refused
// files listed with their reasons before a byte is sent; uploads four at a time with byte
// progress; then the sortable grid. The slides belong to the parent; only what is still on its
// way in lives here, and it joins the slides in the order it was chosen.
import { useCallback, useId, useLayoutEffect, useRef, useState } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { addImageUrlAction } from "@/lib/actions/compose";
import type { Platform } from "@/lib/domain/accounts";
import { type ComposeSlide, slideLimit } from "@/lib/domain/compose";
import { MAX_IMAGES } from "@/lib/domain/posts";
import { type Refusal, limitRefusal, screenImages } from "@/lib/domain/upload-queue";
import { DropZone } from "./drop-zone";
import { type Finished, type IntakeItem, useIntakeQueue } from "./intake-queue";
import { IntakeRows } from "./intake-rows";
import { type IntakeRunner, slideFromMedia } from "./media";
import { SlideGrid } from "./slide-grid";
import { sendUpload } from "./upload-request";
import { UrlImport } from "./url-import";

type Props = {
  slides: ComposeSlide[];
  onChange: (slides: ComposeSlide[]) => void;
  platform: Platform | null;
  disabled?: boolean;
  /** The server's refusals by slide id, passed to the grid. */
  problems?: Readonly<Record<string, string>>;
};

/** A URL through the server's SSRF-guarded ingest; its refusal reads as the API's reason. */
const fetchUrl: IntakeRunner<string> = (url) => ({
  result: addImageUrlAction({ url }).then(
    (r) => (r.ok ? { ok: true as const, media: r.data } : { ok: false as const, message: r.error.details[0]?.message ?? r.error.message }),
    () => ({ ok: false as const, message: "Something went wrong. Check your connection and try again." }),
  ),
  // A server action cannot be cancelled; the queue ignores its answer once the row is gone.
  abort: () => {},
});

export function SlidesPanel({ slides, onChange, platform, disabled = false, problems }: Props) {
  const announce = useAnnounce();
  const headingId = useId();
  const [refused, setRefused] = useState<Refusal[]>([]);

  // Uploads finish after renders the parent may have made; append to the slides it last gave us
  // (and to what we appended since), never to an old render's copy.
  const latest = useRef({ slides, onChange, announce });
  useLayoutEffect(() => {
    latest.current = { slides, onChange, announce };
  }, [slides, onChange, announce]);

  const append = useCallback((finished: Finished[]) => {
    const { slides: current, onChange: change, announce: say } = latest.current;
    const next = [...current, ...finished.map((f) => slideFromMedia(f.id, f.media))];
    latest.current = { ...latest.current, slides: next };
    change(next);
    say.status(finished.length === 1 ? `Slide ${next.length} added` : `Slides ${next.length - finished.length + 1}–${next.length} added`);
  }, []);
  const failed = useCallback((item: IntakeItem<unknown>) => latest.current.announce.alert(`${item.label}: ${item.error ?? "failed"}`), []);

  const files = useIntakeQueue<File>(sendUpload, append, failed);
  const urls = useIntakeQueue<string>(fetchUrl, append, failed);
  const taken = () => latest.current.slides.length + files.queue.size + urls.queue.size;

  function addFiles(picked: File[]) {
    if (disabled) return;
    const { accepted, refused: out } = screenImages(picked, taken());
    setRefused(out);
    if (accepted.length > 0) files.queue.add(accepted.map((f) => ({ input: f, label: f.name })));
  }

  function addUrls(lines: string[]) {
    const base = taken();
    urls.queue.add(lines.map((url, i) => ({ input: url, label: url, refusal: limitRefusal(base + i + 1) })));
  }

  const limit = slideLimit(platform);
  const over = slides.length > limit;

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          Images
        </h2>
        <p className={`text-sm tabular-nums ${over ? "font-semibold text-red-700" : "text-slate-500"}`} data-over={over || undefined}>
          <span className="sr-only">Slides: </span>
          {slides.length} / {limit}
        </p>
      </div>
      {over ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
          {platform === "instagram" ? "Instagram carousels take" : "A slideshow takes"} at most {limit} images: remove {slides.length - limit}
          {platform === "instagram" ? ", or post it to a TikTok account" : ""}.
        </p>
      ) : null}

      <DropZone onFiles={addFiles} disabled={disabled} compact={slides.length > 0} />

      {refused.length > 0 ? (
        <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <div className="flex items-start justify-between gap-3">
            <p className="font-medium">
              {refused.length === 1 ? "1 file was not added" : `${refused.length} files were not added`} (JPG or PNG, up to 5 MB, {MAX_IMAGES} images in all):
            </p>
            <button
              type="button"
              onClick={() => setRefused([])}
              className="shrink-0 rounded-md px-2 py-0.5 text-xs font-medium text-amber-900 hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            >
              Dismiss
            </button>
          </div>
          <ul aria-label="Refused files" className="mt-1 list-disc space-y-0.5 pl-5">
            {refused.map((r, i) => (
              <li key={`${i}-${r.name}`}>{`${r.name}: ${r.reason}`}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <IntakeRows items={files.items} label="Uploads" kind="file" onRetry={(id) => files.queue.retry(id)} onRemove={(id) => files.queue.remove(id)} />

      <UrlImport items={urls.items} onSubmit={addUrls} onRetry={(id) => urls.queue.retry(id)} onRemove={(id) => urls.queue.remove(id)} disabled={disabled} />

      {slides.length > 0 ? (
        <SlideGrid slides={slides} onChange={onChange} platform={platform} disabled={disabled} problems={problems} />
      ) : (
        <p className="rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-500">
          No slides yet. Add images above: they appear here in the order chosen, and the first one is the cover.
        </p>
      )}
    </section>
  );
}
