"use client";
// "Add image URLs": one URL per line, each fetched by the server through the same SSRF-guarded
// ingest as the API; a refused URL keeps its own row with the server's reason.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { IntakeItem } from "./intake-queue";
import { IntakeRows } from "./intake-rows";

type Props = {
  items: readonly IntakeItem<string>[];
  onSubmit: (urls: string[]) => void;
  onRetry: (id: string) => void;
  onRemove: (id: string) => void;
  disabled?: boolean;
};

/** The non-empty lines, trimmed, in order. */
export function urlLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export function UrlImport({ items, onSubmit, onRetry, onRemove, disabled = false }: Props) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const id = useId();
  const lines = urlLines(text);
  const busy = items.some((i) => i.state === "queued" || i.state === "uploading");

  function submit() {
    if (lines.length === 0 || disabled) return;
    onSubmit(lines);
    setText("");
  }

  return (
    <div className="space-y-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-indigo-700 hover:text-indigo-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className={`size-4 transition-transform ${open ? "rotate-90" : ""}`} fill="currentColor">
          <path fillRule="evenodd" d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06L8.26 14.8a.75.75 0 0 1-1.06 0Z" />
        </svg>
        Add image URLs
      </button>
      <div id={`${id}-panel`} hidden={!open} className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
        <label htmlFor={`${id}-urls`} className="block text-sm font-medium text-slate-700">
          Image URLs
        </label>
        <textarea
          id={`${id}-urls`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Enter makes a new line; Ctrl/⌘+Enter adds, as in most composers.
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
              e.preventDefault();
              submit();
            }
          }}
          disabled={disabled}
          rows={3}
          aria-describedby={`${id}-hint`}
          placeholder={"https://cdn.example.com/slide-1.jpg\nhttps://cdn.example.com/slide-2.png"}
          spellCheck={false}
          className="block w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-800 shadow-sm placeholder:text-slate-400 focus-visible:border-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:bg-slate-100"
        />
        <div className="flex items-center justify-between gap-3">
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            One URL per line. Each image is fetched by Postdeck, checked like an upload, and added in this order.
          </p>
          <Button type="button" onClick={submit} disabled={disabled || lines.length === 0} aria-busy={busy || undefined} className="shrink-0 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            Add
          </Button>
        </div>
        <IntakeRows items={items} label="URL imports" kind="url" onRetry={onRetry} onRemove={onRemove} />
      </div>
    </div>
  );
}
