"use client";
// The dry run's table: each row of the file with where it would go (account, time in the
// viewer's zone, whether it was bumped) or its errors by row and column.
import { formatInZones } from "@/lib/client/time-format";
import type { PlannedRow } from "./hooks/use-csv-import";

export function ImportPreview({ rows, zone }: { rows: PlannedRow[]; zone: string }) {
  return (
    <div className="max-h-80 overflow-auto rounded-md border border-slate-200">
      <table aria-label="Dry run" className="w-full text-left text-sm">
        <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-2 py-1.5">
              Row
            </th>
            <th scope="col" className="px-2 py-1.5">
              Account
            </th>
            <th scope="col" className="px-2 py-1.5">
              Time
            </th>
            <th scope="col" className="px-2 py-1.5">
              Result
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row} data-row={r.row} className={`border-t border-slate-100 align-top ${r.errors.length ? "bg-red-50" : ""}`}>
              <th scope="row" className="px-2 py-1.5 font-medium">
                {r.row}
              </th>
              {r.errors.length || !r.placement ? (
                <td colSpan={3} className="px-2 py-1.5 text-red-800">
                  <ul>
                    {r.errors.map((e) => (
                      <li key={e.column + e.message}>
                        Row {e.row}, column {e.column}: {e.message}
                      </li>
                    ))}
                  </ul>
                </td>
              ) : (
                <>
                  <td className="px-2 py-1.5">@{r.placement.username}</td>
                  <td className="px-2 py-1.5">{formatInZones(r.placement.scheduled_at, zone)}</td>
                  <td className="px-2 py-1.5 text-slate-600">{r.placement.bumped ? `bumped: ${r.placement.reason ?? "the time asked for was taken"}` : "at the time asked for"}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
