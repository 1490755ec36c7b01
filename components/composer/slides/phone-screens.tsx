"use client";
// What each app's screen shows for one slide of the post. Decorative chrome (icons, handle,
// dots) is hidden from screen readers; the slide's image, caption and sound are not.
import type { ComposeSlide } from "@/lib/domain/compose";
import type { CarouselPlan } from "@/lib/domain/transcode";

const pct = (part: number, whole: number) => `${(part / whole) * 100}%`;

function Dots({ count, index, dark }: { count: number; index: number; dark: boolean }) {
  if (count < 2) return null;
  return (
    <div aria-hidden="true" className="flex justify-center gap-1">
      {Array.from({ length: Math.min(count, 12) }, (_, i) => (
        <span key={i} className={`size-1.5 rounded-full ${i === index ? (dark ? "bg-white" : "bg-sky-500") : dark ? "bg-white/40" : "bg-slate-300"}`} />
      ))}
    </div>
  );
}

/** TikTok photo mode: the slide letterboxed into 9:16 on black, caption and sound over the bottom. */
export function TikTokScreen({ slides, index, caption, soundLabel, account }: { slides: ComposeSlide[]; index: number; caption: string; soundLabel: string | null; account?: string | null }) {
  const slide = slides[index];
  if (!slide) return null;
  return (
    <div className="relative h-full bg-black text-white">
      {/* Full images from the media store, any host; next/image would need it configured. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={slide.url} alt={`Slide ${index + 1} of ${slides.length}`} draggable={false} className="absolute inset-0 size-full object-contain" />
      <div aria-hidden="true" className="absolute inset-x-0 top-0 flex justify-center gap-4 pt-4 text-xs font-semibold text-white/70">
        <span>Following</span>
        <span className="text-white underline decoration-2 underline-offset-4">For You</span>
      </div>
      <div aria-hidden="true" className="absolute bottom-24 right-2 flex flex-col items-center gap-4 text-white/90">
        <span className="size-9 rounded-full border-2 border-white bg-slate-500" />
        {["M12 21s-7-4.35-7-10a4 4 0 0 1 7-2.65A4 4 0 0 1 19 11c0 5.65-7 10-7 10Z", "M4 5h16v11H8l-4 4V5Z", "M14 5l6 6-6 6v-4c-5 0-8 1.5-10 5 1-5 4-9 10-9V5Z"].map((d) => (
          <svg key={d} viewBox="0 0 24 24" className="size-6 drop-shadow" fill="currentColor">
            <path d={d} />
          </svg>
        ))}
      </div>
      <div className="absolute inset-x-0 bottom-0 space-y-1.5 bg-gradient-to-t from-black/80 via-black/40 to-transparent px-3 pb-3 pt-10">
        <Dots count={slides.length} index={index} dark />
        <p className="text-xs font-semibold" aria-hidden="true">
          @{account ?? "your_account"}
        </p>
        {caption ? <p className="line-clamp-2 whitespace-pre-line break-words pr-10 text-xs leading-snug">{caption}</p> : null}
        {soundLabel ? (
          <p className="truncate pr-10 text-xs">
            <span aria-hidden="true">♬ </span>
            <span className="sr-only">Sound: </span>
            {soundLabel}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * An Instagram carousel post: every slide on the carousel's one canvas, the image where the
 * transcode puts it and the rest white padding, as published.
 */
export function InstagramScreen({ slides, plan, index, caption, account }: { slides: ComposeSlide[]; plan: CarouselPlan; index: number; caption: string; account?: string | null }) {
  const name = account ?? "your_account";
  const slide = slides[index];
  const item = plan.items[index];
  if (!slide || !item) return null;
  const padded = item.width - item.inner.width > 1 || item.height - item.inner.height > 1;
  return (
    <div className="flex h-full flex-col bg-white text-slate-900">
      <div aria-hidden="true" className="flex items-center gap-2 px-3 pb-2 pt-5">
        <span className="size-7 rounded-full bg-gradient-to-tr from-amber-400 via-pink-500 to-violet-600 p-0.5">
          <span className="block size-full rounded-full border-2 border-white bg-slate-300" />
        </span>
        <span className="text-xs font-semibold">{name}</span>
        <span className="ml-auto text-slate-500">•••</span>
      </div>
      <div className="relative w-full bg-white ring-1 ring-inset ring-slate-200" style={{ aspectRatio: `${item.width} / ${item.height}` }} data-testid="instagram-canvas" data-padded={padded || undefined}>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={slide.url}
          alt={`Slide ${index + 1} of ${slides.length}`}
          draggable={false}
          className={`absolute size-auto max-w-none object-fill ${padded ? "outline outline-1 outline-slate-200" : ""}`}
          style={{ left: pct(item.left, item.width), top: pct(item.top, item.height), width: pct(item.inner.width, item.width), height: pct(item.inner.height, item.height) }}
        />
        {slides.length > 1 ? (
          <span aria-hidden="true" className="absolute right-2 top-2 rounded-full bg-slate-900/70 px-2 py-0.5 text-[10px] font-medium text-white">
            {index + 1}/{slides.length}
          </span>
        ) : null}
        {padded ? (
          <span className="absolute bottom-1.5 left-1.5 rounded-full bg-white/90 px-1.5 py-0.5 text-[10px] font-medium text-slate-500 shadow-sm ring-1 ring-slate-200">
            <span aria-hidden="true">Padded</span>
            <span className="sr-only">Padded with white to the carousel&apos;s shape.</span>
          </span>
        ) : null}
      </div>
      <div className="space-y-1.5 px-3 py-2">
        <div aria-hidden="true" className="relative flex items-center gap-3 text-slate-800">
          {["M12 21s-7-4.35-7-10a4 4 0 0 1 7-2.65A4 4 0 0 1 19 11c0 5.65-7 10-7 10Z", "M4 5h16v11H8l-4 4V5Z", "M3 11l18-8-8 18-2-8-8-2Z"].map((d) => (
            <svg key={d} viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinejoin="round">
              <path d={d} />
            </svg>
          ))}
          <div className="absolute inset-x-0">
            <Dots count={slides.length} index={index} dark={false} />
          </div>
        </div>
        {caption ? (
          <p className="line-clamp-3 whitespace-pre-line break-words text-xs leading-snug">
            <span className="font-semibold" aria-hidden="true">
              {name}{" "}
            </span>
            {caption}
          </p>
        ) : null}
      </div>
    </div>
  );
}
