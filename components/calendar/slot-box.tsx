"use client";
// A posting slot of the pool the calendar is narrowed to: free (a link that opens the composer
// with the account or pool and this time) or unavailable, with the rules' reason in its tooltip.
import Link from "next/link";
import type { CSSProperties } from "react";
import { Tooltip } from "@/components/ui/tooltip";
import type { SlotMark } from "@/lib/domain/calendar";
import { localTime } from "@/lib/domain/time";

export function SlotBox({ slot, zone, href, style, className = "" }: { slot: SlotMark; zone: string; href: string; style?: CSSProperties; className?: string }) {
  const time = localTime(new Date(slot.at), zone);
  if (slot.free) {
    return (
      <Link
        href={href}
        data-slot={slot.at}
        data-free=""
        aria-label={`Free slot ${time}: compose a post for it`}
        style={style}
        className={`flex items-center rounded border border-dashed border-emerald-400 bg-emerald-50/60 px-1 text-[10px] font-medium text-emerald-800 hover:bg-emerald-100 focus-visible:outline-2 focus-visible:outline-indigo-600 ${className}`}
      >
        {time} free
      </Link>
    );
  }
  return (
    <Tooltip content={slot.reason ?? "Unavailable"}>
      <span
        tabIndex={0}
        data-slot={slot.at}
        aria-label={`Unavailable slot ${time}: ${slot.reason ?? ""}`}
        style={style}
        className={`flex items-center rounded border border-dashed border-slate-300 bg-[repeating-linear-gradient(135deg,#f8fafc_0,#f8fafc_4px,#e2e8f0_4px,#e2e8f0_5px)] px-1 text-[10px] text-slate-500 focus-visible:outline-2 focus-visible:outline-indigo-600 ${className}`}
      >
        {time} unavailable
      </span>
    </Tooltip>
  );
}
