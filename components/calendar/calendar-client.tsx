"use client";
// Mounts the calendar in the browser only: the viewer's zone decides which days it draws, and the
// server does not know it (rendering there would mismatch on hydration).
import { useIsClient } from "@/lib/client/use-is-client";
import { CalendarPage, type CalendarProps } from "./calendar-page";

export function CalendarClient(props: CalendarProps) {
  return useIsClient() ? <CalendarPage {...props} /> : <p className="text-sm text-slate-500">Loading the calendar…</p>;
}
