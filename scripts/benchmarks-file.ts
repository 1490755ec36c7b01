// BENCHMARKS.md holds the report of each bench script in its own section (a "## " heading to the
// next one): each script replaces its own and keeps the others'.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const FILE = "BENCHMARKS.md";

/** The section npm run bench:ui writes; npm run bench keeps it. */
export const CALENDAR_UI_SECTION = "## Calendar UI (npm run bench:ui)";

/** The section under `heading` (the heading line up to the next "## " heading), or "" if absent. */
export function sectionOf(file: string, heading: string): string {
  const start = file.indexOf(heading);
  if (start < 0) return "";
  const after = file.slice(start + heading.length);
  const next = after.search(/^## /m);
  return file.slice(start, next < 0 ? undefined : start + heading.length + next).replace(/\s*$/, "\n");
}

/** `file` with the section under `heading` replaced by `section` (appended when absent). */
export function withSection(file: string, heading: string, section: string): string {
  const old = sectionOf(file, heading);
  if (!old) return `${file.replace(/\s*$/, "")}\n\n${section}`;
  const start = file.indexOf(heading);
  return `${file.slice(0, start)}${section.replace(/\s*$/, "\n")}${file.slice(start + old.length) ? `\n${file.slice(start + old.length).replace(/^\s*/, "")}` : ""}`;
}

export function readBenchmarks(): string {
  return existsSync(FILE) ? readFileSync(FILE, "utf8") : "";
}

export function writeBenchmarks(text: string): void {
  writeFileSync(FILE, text);
}
