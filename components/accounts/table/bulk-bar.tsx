"use client";
// The bar of bulk actions on the selected accounts (dashboard.md §4). Members who may not change
// accounts see it disabled with the reason; the server refuses them anyway.
import { Button } from "@/components/ui/button";
import type { BulkKind } from "./bulk-dialogs";

type Props = {
  count: number;
  canWrite: boolean;
  deniedReason: string;
  pending: boolean;
  onDialog: (kind: BulkKind) => void;
  onPause: (paused: boolean) => void;
  onClear: () => void;
};

export function BulkBar({ count, canWrite, deniedReason, pending, onDialog, onPause, onClear }: Props) {
  const off = !canWrite || pending || count === 0;
  const why = canWrite ? (count === 0 ? "Select accounts first" : undefined) : deniedReason;
  const button = (label: string, act: () => void, variant: "primary" | "secondary" = "secondary") => (
    <Button type="button" variant={variant} disabled={off} title={why} onClick={act} className="px-2.5 py-1.5">
      {label}
    </Button>
  );
  return (
    <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white p-2 text-sm shadow-sm">
      <span className="px-1 font-medium" aria-live="polite">
        {count === 0 ? "No account selected" : `${count} selected`}
      </span>
      {button("Set labels", () => onDialog("labels"))}
      {button("Pause", () => onPause(true))}
      {button("Resume", () => onPause(false))}
      {button("Time zone", () => onDialog("timezone"))}
      {button("Posting times", () => onDialog("times"))}
      {button("Gap and cap", () => onDialog("limits"))}
      {count > 0 ? (
        <button type="button" onClick={onClear} className="ml-auto px-2 text-xs font-medium text-slate-600 hover:underline">
          Clear selection
        </button>
      ) : null}
      {!canWrite ? <p className="w-full px-1 text-xs text-slate-500">{deniedReason}</p> : null}
    </div>
  );
}
