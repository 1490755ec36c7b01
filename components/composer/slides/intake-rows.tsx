"use client";
// The rows of images on their way in: a byte progress bar per file, "Fetching…" for a URL, and on
// failure the server's words with "Retry" and "Remove". Finished rows leave: they are slides now.
import { useId } from "react";
import type { IntakeItem } from "./intake-queue";

type Props<I> = {
  items: readonly IntakeItem<I>[];
  /** The list's accessible name ("Uploads"). */
  label: string;
  /** Files report bytes sent; URLs are fetched by the server, so only "Fetching…". */
  kind: "file" | "url";
  onRetry: (id: string) => void;
  onRemove: (id: string) => void;
};

const button =
  "rounded-md px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

export function IntakeRows<I>({ items, label, kind, onRetry, onRemove }: Props<I>) {
  if (items.length === 0) return null;
  return (
    <ul aria-label={label} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {items.map((item) => (
        <Row key={item.id} item={item} kind={kind} onRetry={onRetry} onRemove={onRemove} />
      ))}
    </ul>
  );
}

function Row<I>({ item, kind, onRetry, onRemove }: { item: IntakeItem<I>; kind: "file" | "url"; onRetry: (id: string) => void; onRemove: (id: string) => void }) {
  const id = useId();
  const percent = Math.round(item.progress * 100);
  const failed = item.state === "failed";
  // Every byte sent is not the end: the server still checks and stores the image.
  const status = failed ? null : item.state === "queued" ? "Waiting…" : kind === "url" ? "Fetching…" : percent >= 100 ? "Processing…" : `${percent}%`;
  return (
    <li className="space-y-1.5 px-3 py-2 text-sm" data-state={item.state}>
      <div className="flex items-center gap-3">
        <span id={`${id}-name`} className={`min-w-0 flex-1 truncate font-medium ${failed ? "text-red-800" : "text-slate-800"}`} title={item.label}>
          {item.label}
        </span>
        {status ? <span className="shrink-0 tabular-nums text-xs text-slate-500">{status}</span> : null}
        {failed && item.retryable ? (
          <button type="button" aria-describedby={`${id}-name ${id}-error`} onClick={() => onRetry(item.id)} className={`${button} bg-indigo-50 text-indigo-700 hover:bg-indigo-100`}>
            Retry
          </button>
        ) : null}
        <button
          type="button"
          aria-describedby={`${id}-name`}
          onClick={() => onRemove(item.id)}
          className={`${button} text-slate-600 hover:bg-slate-100 hover:text-slate-900`}
        >
          {failed ? "Remove" : "Cancel"}
        </button>
      </div>
      {failed ? (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {item.error}
        </p>
      ) : kind === "file" ? (
        <div
          role="progressbar"
          aria-label={item.label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={item.state === "queued" ? "Waiting" : `${percent}%`}
          className="h-1.5 overflow-hidden rounded-full bg-slate-100"
        >
          <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-150" style={{ width: `${percent}%` }} />
        </div>
      ) : (
        <div aria-hidden="true" className="h-1.5 overflow-hidden rounded-full bg-slate-100">
          <div className="h-full w-1/3 animate-pulse rounded-full bg-indigo-400" />
        </div>
      )}
    </li>
  );
}
