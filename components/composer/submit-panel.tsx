"use client";
// The main button and what it says around it: why it is disabled, the server's refusal (with a
// way back to the latest version when the post changed elsewhere), and the last success with a
// "View in calendar" link to that day in the viewer's zone.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { dayIn } from "@/lib/client/time-format";
import type { Submitted } from "./hooks/use-compose-submit";

type Props = {
  /** "Save changes" for an edit, else "Schedule". */
  label: "Schedule" | "Save changes";
  disabled: boolean;
  pending: boolean;
  /** Why it cannot be pressed (the first reason), or what happens when it is. */
  hint: string;
  failure: { message: string; stale: boolean } | null;
  /** For an edit refused because the post changed: where its latest version opens. */
  reloadHref: string | null;
  done: Submitted | null;
  viewerZone: string;
  onSubmit: () => void;
};

export function SubmitPanel({ label, disabled, pending, hint, failure, reloadHref, done, viewerZone, onSubmit }: Props) {
  return (
    <div className="space-y-2">
      <Button type="button" className="w-full py-3 text-base" disabled={disabled || pending} onClick={onSubmit} aria-describedby="compose-blockers">
        {pending ? (label === "Schedule" ? "Scheduling…" : "Saving…") : label}
      </Button>
      <p id="compose-blockers" className="text-xs text-slate-500">
        {hint}
      </p>
      {/* In the DOM from the first render, empty: a live region is announced only when it changes. */}
      <div role="alert" aria-live="assertive" className={failure ? "rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" : ""}>
        {failure ? (
          <>
            <p>{failure.message}</p>
            {failure.stale && reloadHref ? (
              <a href={reloadHref} className="font-medium underline">
                Load the latest version (your changes here are dropped)
              </a>
            ) : null}
          </>
        ) : null}
      </div>
      {done ? (
        <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          <p>{done.message}.</p>
          <Link href={`/calendar?date=${dayIn(done.at, viewerZone)}`} className="font-medium underline">
            View in calendar
          </Link>
        </div>
      ) : null}
    </div>
  );
}
