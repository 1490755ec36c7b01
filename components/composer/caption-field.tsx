"use client";
// The caption: a textarea with hashtags and @mentions highlighted behind the text, and the live
// counter from lib/domain (code points against 500; hashtags against Instagram's 30).
import { useRef } from "react";
import type { Platform } from "@/lib/domain/accounts";
import { captionStats, captionTokens } from "@/lib/domain/compose";

type Props = { value: string; onChange: (v: string) => void; platform: Platform | null; error?: string; disabled?: boolean };

const BOX = "min-h-32 w-full whitespace-pre-wrap break-words rounded-md px-3 py-2 text-sm leading-6";

export function CaptionField({ value, onChange, platform, error, disabled }: Props) {
  const stats = captionStats(value, platform);
  const backdrop = useRef<HTMLDivElement>(null);
  const problem = error ?? stats.problem;
  return (
    <div className="space-y-1">
      <label htmlFor="compose-caption" className="block text-sm font-medium text-slate-700">
        Caption
      </label>
      <div className="relative">
        {/* Same box as the textarea, behind it: only the marks show, the text is the textarea's. */}
        <div ref={backdrop} aria-hidden className={`${BOX} pointer-events-none absolute inset-0 overflow-hidden border border-transparent text-transparent`}>
          {captionTokens(value).map((t, i) =>
            t.kind === "text" ? (
              <span key={i}>{t.text}</span>
            ) : (
              <mark key={i} className={`rounded ${t.kind === "hashtag" ? "bg-indigo-100" : "bg-sky-100"} text-transparent`}>
                {t.text}
              </mark>
            ),
          )}
          {"\u200b"}
        </div>
        <textarea
          id="compose-caption"
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => backdrop.current?.scrollTo({ top: e.currentTarget.scrollTop })}
          aria-invalid={problem ? true : undefined}
          aria-describedby="compose-caption-count"
          placeholder="Write a caption. #hashtags and @mentions are highlighted."
          className={`${BOX} relative block resize-y border bg-transparent shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 ${problem ? "border-red-500" : "border-slate-300"}`}
        />
      </div>
      <p id="compose-caption-count" className={`flex justify-between text-xs ${problem ? "text-red-600" : "text-slate-500"}`}>
        <span>{problem ?? "\u00a0"}</span>
        <span>
          {stats.codePoints} / {stats.max} · {stats.hashtags}
          {stats.maxHashtags !== null ? ` / ${stats.maxHashtags}` : ""} hashtag{stats.hashtags === 1 ? "" : "s"}
        </span>
      </p>
    </div>
  );
}
