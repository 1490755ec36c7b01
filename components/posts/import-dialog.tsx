"use client";
// "Import CSV" (dashboard.md §3): choose a file, see the dry run (each row's placement or its
// errors by row and column; nothing is written), then "Import N posts" with a progress bar and
// what happened to each chunk of 50.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Tooltip } from "@/components/ui/tooltip";
import { COLUMN_HELP, MAX_IMPORT_ROWS } from "@/lib/domain/csv";
import { useCsvImport } from "./hooks/use-csv-import";
import { ImportPreview } from "./import-preview";

export function ImportDialog({ organizationId, canEdit, zone }: { organizationId: string; canEdit: boolean; zone: string }) {
  const [open, setOpen] = useState(false);
  const { state, choose, runImport, reset } = useCsvImport(organizationId);
  const inputId = useId();
  const trigger = (
    <Button type="button" variant="secondary" disabled={!canEdit}>
      Import CSV
    </Button>
  );
  if (!canEdit) return <Tooltip content="Your role (viewer) can't create posts.">{trigger}</Tooltip>;
  const good = state.step === "planned" || state.step === "importing" || state.step === "imported" ? state.rows.filter((r) => r.placement && r.errors.length === 0).length : 0;
  return (
    <Dialog
      title="Import CSV"
      size="lg"
      open={open}
      onOpenChange={(o) => {
        if (state.step === "importing") return; // a chunk is on its way: closing would hide its outcome
        setOpen(o);
        if (!o) reset();
      }}
      trigger={trigger}
      description="One post per row. A dry run shows where each row would go before anything is written."
    >
      <div className="space-y-4">
        <details className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
          <summary className="cursor-pointer font-medium">Columns</summary>
          <ul className="mt-2 space-y-1">
            {Object.entries(COLUMN_HELP).map(([col, help]) => (
              <li key={col}>
                <code className="font-semibold">{col}</code>: {help}
              </li>
            ))}
          </ul>
          <p className="mt-2">
            A file from “Export CSV” imports as it is: its <code>account_id</code>, <code>scheduled_at</code>, <code>image_urls</code> and <code>music_post_id</code> columns fill the same fields, and
            its other columns (id, status, error…) are read past, so the posts land on the same accounts at the same times. Up to {MAX_IMPORT_ROWS} rows per file. Cells that start with an
            apostrophe before = + - @ lose that one apostrophe (the export adds it so spreadsheets don’t run them as formulas).
          </p>
        </details>
        <div>
          <label htmlFor={inputId} className="block text-sm font-medium">
            CSV file
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            disabled={state.step === "importing" || state.step === "reading"}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void choose(f);
            }}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
          />
        </div>
        {state.step === "reading" ? (
          <p role="status" className="text-sm text-slate-600">
            Dry run of {state.fileName}… {state.total ? `${state.done} of ${state.total} rows checked` : ""}
          </p>
        ) : null}
        {state.step === "file-errors" ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            <p className="font-medium">{state.fileName} can’t be imported:</p>
            <ul className="mt-1 list-disc pl-5">
              {state.errors.map((e) => (
                <li key={`${e.row}-${e.column}`}>
                  Row {e.row}, column {e.column}: {e.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {state.step === "planned" || state.step === "importing" || state.step === "imported" ? (
          <>
            <ImportPreview rows={state.rows} zone={zone} />
            {state.step === "planned" ? (
              <div className="flex flex-wrap items-center gap-3">
                <Button type="button" disabled={good === 0} onClick={() => void runImport()}>
                  Import {good} post{good === 1 ? "" : "s"}
                </Button>
                <span className="text-sm text-slate-600">
                  {state.rows.length - good ? `${state.rows.length - good} row${state.rows.length - good === 1 ? "" : "s"} with errors will be left out.` : "Every row fits."} Nothing has been written yet.
                </span>
              </div>
            ) : (
              <ImportProgress chunks={state.chunks} total={state.total} finished={state.step === "imported"} />
            )}
          </>
        ) : null}
      </div>
    </Dialog>
  );
}

function ImportProgress({ chunks, total, finished }: { chunks: { rows: string; ok: boolean; message: string }[]; total: number; finished: boolean }) {
  const created = chunks.filter((c) => c.ok).length;
  return (
    <div className="space-y-2">
      <progress aria-label="Import progress" max={total} value={chunks.length} className="h-2 w-full" />
      <ul className="space-y-1 text-sm">
        {chunks.map((c) => (
          <li key={c.rows} className={c.ok ? "text-emerald-800" : "text-red-800"}>
            {c.ok ? "✓" : "✗"} {c.rows}: {c.message}
          </li>
        ))}
      </ul>
      <p role="status" className="text-sm font-medium">
        {finished ? `Import finished: ${created} of ${total} chunk${total === 1 ? "" : "s"} created.` : `Importing… chunk ${chunks.length + 1} of ${total}`}
      </p>
    </div>
  );
}
