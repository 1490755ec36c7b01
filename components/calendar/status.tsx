// A post status's colour and icon on the calendar: one table, so a card, a count and the panel's
// history agree. The colour is never the only signal: each status has its own icon and word.
import type { PostStatus } from "@/lib/domain/posts";

export const STATUS_STYLE: Record<PostStatus, { card: string; dot: string; icon: string }> = {
  scheduled: { card: "border-indigo-200 bg-indigo-50 text-indigo-950", dot: "bg-indigo-500", icon: "M12 7v5l3 2M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Z" },
  pending: { card: "border-sky-200 bg-sky-50 text-sky-950", dot: "bg-sky-500", icon: "M4 12a8 8 0 0 1 14-5.3M20 12a8 8 0 0 1-14 5.3M18 3v4h-4M6 21v-4h4" },
  retrying: { card: "border-amber-200 bg-amber-50 text-amber-950", dot: "bg-amber-500", icon: "M4 4v6h6M20 20v-6h-6M5 15a7 7 0 0 0 12 2M19 9A7 7 0 0 0 7 7" },
  awaiting_creator: { card: "border-violet-200 bg-violet-50 text-violet-950", dot: "bg-violet-500", icon: "M4 6h16v12H4zM4 7l8 6 8-6" },
  complete: { card: "border-emerald-200 bg-emerald-50 text-emerald-950", dot: "bg-emerald-500", icon: "M5 12.5l4.5 4.5L19 7" },
  failed: { card: "border-red-300 bg-red-50 text-red-950", dot: "bg-red-500", icon: "M12 8v5M12 16.5v.5M10.3 3.9 2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" },
  deleted: { card: "border-slate-200 bg-slate-50 text-slate-500 line-through", dot: "bg-slate-400", icon: "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" },
};

export function StatusIcon({ status, className = "size-3.5" }: { status: PostStatus; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`shrink-0 ${className}`} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d={STATUS_STYLE[status].icon} />
    </svg>
  );
}

/** TikTok or Instagram as a small mark; `narrowHidden` drops it on a card too narrow to also show the username. */
export function PlatformMark({ platform, narrowHidden = false }: { platform: "tiktok" | "instagram"; narrowHidden?: boolean }) {
  return (
    <span aria-hidden="true" className={`${narrowHidden ? "hidden @[8.5rem]:inline-flex" : "inline-flex"} size-4 shrink-0 items-center justify-center rounded text-[9px] font-bold text-white ${platform === "tiktok" ? "bg-slate-900" : "bg-gradient-to-tr from-amber-500 via-pink-500 to-violet-600"}`}>
      {platform === "tiktok" ? "T" : "IG"}
    </span>
  );
}
