"use client";
// The phone preview (dashboard.md §1): the slides as they will be published, after the platform
// fitting of lib/domain/transcode.ts. TikTok shows each slide in its 9:16 frame; Instagram gives
// every slide the carousel's one shape (the first slide's, brought into 4:5…1.91:1) with the
// white padding the transcode adds. Swipe, the buttons or the arrow keys page through it.
import { type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from "react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { Platform } from "@/lib/domain/accounts";
import type { ComposeSlide } from "@/lib/domain/compose";
import { ratioLabel } from "@/lib/domain/media";
import { planInstagramCarousel } from "@/lib/domain/transcode";
import { InstagramScreen, TikTokScreen } from "./phone-screens";

type Props = {
  slides: ComposeSlide[];
  caption: string;
  soundLabel: string | null;
  /** The chosen account's username, shown as the poster; a placeholder until one is chosen. */
  account?: string | null;
  platform: Platform | null;
};

const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

export function PhonePreview({ slides, caption, soundLabel, platform, account }: Props) {
  // A tab the user picked holds while the target's platform stays; a new platform shows its own
  // tab (React's "adjust state when a prop changes" pattern, no effect needed).
  const [view, setView] = useState<{ platform: Platform | null; picked: Platform | null }>({ platform, picked: null });
  if (view.platform !== platform) setView({ platform, picked: null });
  const picked = view.platform === platform ? view.picked : null;
  const tab = picked ?? platform ?? "tiktok";

  return (
    <section aria-label="Phone preview" className="space-y-3">
      <Tabs value={tab} onValueChange={(v) => setView({ platform, picked: v === "instagram" ? "instagram" : "tiktok" })}>
        <div className="flex justify-center">
          <TabsList aria-label="Preview as">
            <TabsTrigger value="tiktok">TikTok</TabsTrigger>
            <TabsTrigger value="instagram">Instagram</TabsTrigger>
          </TabsList>
        </div>
        <TabsContent value="tiktok" tabIndex={-1}>
          <Carousel name="TikTok preview" count={slides.length} dark>
            {(index) => <TikTokScreen slides={slides} index={index} caption={caption} soundLabel={soundLabel} account={account} />}
          </Carousel>
        </TabsContent>
        <TabsContent value="instagram" tabIndex={-1}>
          <InstagramTab slides={slides} caption={caption} soundLabel={soundLabel} account={account} />
        </TabsContent>
      </Tabs>
    </section>
  );
}

function InstagramTab({ slides, caption, soundLabel, account }: Omit<Props, "platform">) {
  const plan = useMemo(() => (slides.length > 0 ? planInstagramCarousel(slides) : null), [slides]);
  return (
    <>
      <Carousel name="Instagram preview" count={slides.length}>
        {(index) => (plan ? <InstagramScreen slides={slides} plan={plan} index={index} caption={caption} account={account} /> : null)}
      </Carousel>
      {plan && plan.items[0] ? (
        <p className="mx-auto mt-2 max-w-[17rem] text-center text-xs text-slate-500">
          Every slide takes the first one&apos;s {ratioLabel(plan.items[0].width, plan.items[0].height)} shape; others get white padding, never a crop.
          {soundLabel ? " Instagram carousels can't carry a sound." : ""}
        </p>
      ) : null}
    </>
  );
}

type CarouselProps = { name: string; count: number; dark?: boolean; children: (index: number) => ReactNode };

/** The phone and its paging: Previous/Next buttons, ArrowLeft/ArrowRight on the focused screen, swipes. */
function Carousel({ name, count, dark = false, children }: CarouselProps) {
  const [wanted, setWanted] = useState(0);
  const swipeFrom = useRef<number | null>(null);
  // Removing slides may leave the wanted index past the end; show the last one instead.
  const index = Math.max(0, Math.min(wanted, count - 1));
  const go = (delta: number) => setWanted(Math.max(0, Math.min(index + delta, count - 1)));

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      e.preventDefault();
      go(e.key === "ArrowLeft" ? -1 : 1);
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      setWanted(e.key === "Home" ? 0 : count - 1);
    }
  }

  const button = `inline-flex size-9 items-center justify-center rounded-full border border-slate-300 bg-white text-slate-700 shadow-sm hover:bg-slate-50 disabled:pointer-events-none disabled:opacity-40 ${focusRing}`;

  return (
    <div className="space-y-3">
      <div className="mx-auto w-full max-w-[17rem] rounded-[2.25rem] bg-slate-900 p-2 shadow-xl ring-1 ring-slate-700">
        <div
          role="group"
          aria-roledescription="carousel"
          aria-label={name}
          tabIndex={count > 1 ? 0 : -1}
          onKeyDown={onKeyDown}
          onPointerDown={(e) => {
            swipeFrom.current = e.clientX;
          }}
          onPointerUp={(e) => {
            const dx = swipeFrom.current === null ? 0 : e.clientX - swipeFrom.current;
            swipeFrom.current = null;
            if (Math.abs(dx) > 40) go(dx < 0 ? 1 : -1);
          }}
          className={`relative aspect-[9/16] touch-pan-y select-none overflow-hidden rounded-[1.75rem] ${dark ? "bg-black" : "bg-white"} ${focusRing}`}
        >
          {count === 0 ? (
            <div className={`flex h-full flex-col items-center justify-center gap-2 px-6 text-center text-sm ${dark ? "text-slate-400" : "text-slate-500"}`}>
              <svg aria-hidden="true" viewBox="0 0 24 24" className="size-8" fill="none" stroke="currentColor" strokeWidth={1.5}>
                <path strokeLinecap="round" strokeLinejoin="round" d="m2.25 15.75 5.16-5.16a2.25 2.25 0 0 1 3.18 0l5.16 5.16m-1.5-1.5 1.41-1.41a2.25 2.25 0 0 1 3.18 0l2.91 2.91M3.75 21h16.5A1.5 1.5 0 0 0 21.75 19.5V4.5A1.5 1.5 0 0 0 20.25 3H3.75A1.5 1.5 0 0 0 2.25 4.5v15A1.5 1.5 0 0 0 3.75 21Z" />
              </svg>
              <p>Add images to see how the post will look.</p>
            </div>
          ) : (
            <div role="group" aria-roledescription="slide" aria-label={`${index + 1} of ${count}`} className="h-full">
              {children(index)}
            </div>
          )}
        </div>
      </div>
      {count > 0 ? (
        <div className="flex items-center justify-center gap-4">
          <button type="button" aria-label="Previous slide" onClick={() => go(-1)} disabled={index === 0} className={button}>
            <Chevron direction="left" />
          </button>
          <span className="min-w-12 text-center text-sm tabular-nums text-slate-600" aria-live="polite">
            {index + 1} / {count}
          </span>
          <button type="button" aria-label="Next slide" onClick={() => go(1)} disabled={index >= count - 1} className={button}>
            <Chevron direction="right" />
          </button>
        </div>
      ) : null}
    </div>
  );
}

function Chevron({ direction }: { direction: "left" | "right" }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className={`size-4 ${direction === "right" ? "rotate-180" : ""}`} fill="none" stroke="currentColor" strokeWidth={2}>
      <path strokeLinecap="round" strokeLinejoin="round" d="M12.5 15 7.5 10l5-5" />
    </svg>
  );
}
