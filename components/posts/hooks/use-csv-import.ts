"use client";
// The CSV import's steps in the browser (dashboard.md §3 "CSV"): papaparse reads the file, the
// pure mapping (lib/domain/csv.ts) names each row's errors by row and column, the dry run (a
// server action, 100 rows a call, each call placed after the earlier ones) adds each row's
// placement or the server's errors (an unknown account, a time that cannot be taken), and the
// import sends the valid rows in chunks of 50 through the batch create, each all or nothing.
import { useQueryClient } from "@tanstack/react-query";
import Papa from "papaparse";
import { useCallback, useState } from "react";
import { importPostsAction, previewImportAction } from "@/lib/actions/posts";
import { messageOf, unwrapAction } from "@/lib/client/action-result";
import { queryKeys } from "@/lib/client/query-keys";
import { type CsvIssue, type CsvMapping, columnOfPath, mapCsvTable, messageOfPath } from "@/lib/domain/csv";

const preview = unwrapAction(previewImportAction);
const importChunk = unwrapAction(importPostsAction);

export const PREVIEW_CHUNK = 100;
/** The batch create's limit (MAX_BATCH_POSTS): a chunk is created all or nothing. */
export const IMPORT_CHUNK = 50;

export type PlannedRow = {
  row: number;
  body: Record<string, unknown>;
  errors: CsvIssue[];
  placement: { account_id: string; username: string; scheduled_at: string; bumped: boolean; reason: string | null } | null;
};
export type ChunkOutcome = { rows: string; ok: boolean; message: string };
export type ImportState =
  | { step: "idle" }
  | { step: "reading"; fileName: string; done: number; total: number }
  | { step: "file-errors"; fileName: string; errors: CsvIssue[] }
  | { step: "planned"; fileName: string; rows: PlannedRow[] }
  | { step: "importing" | "imported"; fileName: string; rows: PlannedRow[]; chunks: ChunkOutcome[]; total: number };

function parse(file: File): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(file, { skipEmptyLines: false, complete: (r) => resolve(r.data), error: reject });
  });
}

const addIssue = (list: CsvIssue[], issue: CsvIssue) => (list.some((e) => e.column === issue.column) ? list : [...list, issue]);

export function useCsvImport(organizationId: string) {
  const [state, setState] = useState<ImportState>({ step: "idle" });
  const client = useQueryClient();

  const choose = useCallback(async (file: File) => {
    const fileName = file.name;
    setState({ step: "reading", fileName, done: 0, total: 0 });
    let mapping: CsvMapping;
    try {
      mapping = mapCsvTable(await parse(file), new Date());
    } catch {
      return setState({ step: "file-errors", fileName, errors: [{ row: 1, column: "file", message: "the file could not be read as CSV text" }] });
    }
    if (mapping.fileErrors.length) return setState({ step: "file-errors", fileName, errors: mapping.fileErrors });
    const rows: PlannedRow[] = mapping.rows.map((r) => ({ ...r, placement: null }));
    const earlier: { account_id: string; scheduled_at: string }[] = [];
    try {
      for (let i = 0; i < rows.length; i += PREVIEW_CHUNK) {
        setState({ step: "reading", fileName, done: i, total: rows.length });
        // Rows with local errors go too: the server adds what only it knows (an unknown account).
        const chunk = rows.slice(i, i + PREVIEW_CHUNK);
        const answer = await preview({ rows: chunk.map((r) => ({ row: r.row, body: r.body })), earlier: earlier.slice(-1000) });
        for (const [j, res] of answer.rows.entries()) {
          const row = chunk[j]!;
          if (res.ok && row.errors.length === 0) {
            row.placement = { account_id: res.account_id, username: res.username, scheduled_at: res.scheduled_at, bumped: res.bumped, reason: res.reason };
            earlier.push({ account_id: res.account_id, scheduled_at: res.scheduled_at });
          } else if (!res.ok) {
            for (const e of res.errors) row.errors = addIssue(row.errors, { row: row.row, column: columnOfPath(e.path, mapping.columnOf), message: messageOfPath(e.path, e.message) });
          }
        }
      }
    } catch (e) {
      return setState({ step: "file-errors", fileName, errors: [{ row: 1, column: "file", message: `the dry run failed: ${messageOf(e)}` }] });
    }
    setState({ step: "planned", fileName, rows });
  }, []);

  const runImport = useCallback(async () => {
    if (state.step !== "planned") return;
    const { fileName, rows } = state;
    const good = rows.filter((r) => r.placement && r.errors.length === 0);
    const chunks: ChunkOutcome[] = [];
    setState({ step: "importing", fileName, rows, chunks, total: Math.ceil(good.length / IMPORT_CHUNK) });
    for (let i = 0; i < good.length; i += IMPORT_CHUNK) {
      const part = good.slice(i, i + IMPORT_CHUNK);
      const label = part.length === 1 ? `row ${part[0]!.row}` : `rows ${part[0]!.row}–${part.at(-1)!.row}`;
      try {
        const done = await importChunk({ posts: part.map((r) => r.body) });
        chunks.push({ rows: label, ok: true, message: `${done.posts.length} post${done.posts.length === 1 ? "" : "s"} created` });
      } catch (e) {
        // The batch names `posts[i]`: say which row of the file that is.
        const msg = messageOf(e).replace(/^posts\[(\d+)\]/, (_, n: string) => `row ${part[Number(n)]?.row ?? "?"}`);
        chunks.push({ rows: label, ok: false, message: `nothing created from these rows (all or nothing): ${msg}` });
      }
      setState({ step: "importing", fileName, rows, chunks: [...chunks], total: Math.ceil(good.length / IMPORT_CHUNK) });
    }
    setState({ step: "imported", fileName, rows, chunks, total: Math.ceil(good.length / IMPORT_CHUNK) });
    await Promise.all(queryKeys.afterPostWrite(organizationId).map((queryKey) => client.invalidateQueries({ queryKey })));
  }, [state, client, organizationId]);

  const reset = useCallback(() => setState({ step: "idle" }), []);
  return { state, choose, runImport, reset };
}
