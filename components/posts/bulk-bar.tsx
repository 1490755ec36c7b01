"use client";
// Bulk actions on the selected rows (dashboard.md §3): "Retry selected", "Delete selected" (after
// a confirmation) and "Move selected…" (a start time; each post re-placed non-strictly from it).
// Each is all or nothing, as the API; a control that cannot run says why in its tooltip.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Tooltip } from "@/components/ui/tooltip";
import { bulkRefusal } from "@/lib/domain/posts-table";
import type { PostsTableRow } from "@/lib/domain/posts-table";
import type { useBulkActions } from "./hooks/use-bulk-actions";
import { MoveForm } from "./move-form";

type Props = { selected: PostsTableRow[]; canEdit: boolean; zone: string; actions: ReturnType<typeof useBulkActions> };

const VIEWER = "Your role (viewer) can't change posts.";

export function BulkBar({ selected, canEdit, zone, actions }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [moving, setMoving] = useState(false);
  const ids = selected.map((p) => p.id);
  const why = (kind: "retry" | "delete" | "move") => (canEdit ? bulkRefusal(kind, selected) : VIEWER);
  const control = (label: string, kind: "retry" | "delete" | "move", onClick: () => void, variant: "primary" | "secondary" | "danger" = "secondary") => {
    const reason = why(kind);
    const button = (
      <Button type="button" variant={variant} disabled={reason !== null || actions.busy} onClick={onClick}>
        {label}
      </Button>
    );
    return reason ? <Tooltip content={reason}>{button}</Tooltip> : button;
  };
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Bulk actions">
      <span className="text-sm text-slate-600" aria-live="polite">
        {selected.length ? `${selected.length} selected` : "Select posts to act on them"}
      </span>
      {/* The tooltips say it too, but a refusal should not need a hover to be found. */}
      {selected.length && canEdit && why("move") ? <span className="basis-full text-xs text-amber-800 sm:order-last">{why("move")}</span> : null}
      {control(actions.retry.isPending ? "Retrying…" : "Retry selected", "retry", () => actions.retry.mutate(ids))}
      {control("Move selected…", "move", () => setMoving(true))}
      {control(actions.remove.isPending ? "Deleting…" : "Delete selected", "delete", () => setConfirming(true), "danger")}
      <Dialog title={`Delete ${selected.length} post${selected.length === 1 ? "" : "s"}?`} open={confirming} onOpenChange={setConfirming} description="They will not be published. This cannot be undone.">
        <div className="flex justify-end gap-2">
          <DialogClose>
            <Button type="button" variant="secondary">
              Cancel
            </Button>
          </DialogClose>
          <Button
            type="button"
            variant="danger"
            disabled={actions.remove.isPending}
            onClick={() => actions.remove.mutate(ids, { onSuccess: () => setConfirming(false) })}
          >
            {actions.remove.isPending ? "Deleting…" : "Yes, delete"}
          </Button>
        </div>
      </Dialog>
      <Dialog
        title={`Move ${selected.length} post${selected.length === 1 ? "" : "s"}`}
        open={moving}
        onOpenChange={setMoving}
        description="Each post goes to the first time at or after this one that its account can take (its posting times, gap and daily cap), in their current order. Strict posts become non-strict. All or nothing."
      >
        <MoveForm zone={zone} busy={actions.move.isPending} onSubmit={(at) => actions.move.mutate({ ids, at }, { onSuccess: () => setMoving(false) })} />
      </Dialog>
    </div>
  );
}
