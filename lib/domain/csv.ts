// CSV export and import of posts (dashboard.md §3 "CSV"). Export writes the API's post fields in
// snake_case; import takes the create fields as columns (the API's names) and also the export's
// names for the same fields, so an exported file re-imports into the same schedule:
//
//   account_id → accountId · scheduled_at → postTime · image_urls → imageUrls · music_post_id → musicPostId
//
// The export's read-only columns (id, username, platform, status, requested_time, post_url,
// error) are accepted and ignored; any other column is refused, so a misspelt "captoin" cannot
// silently drop every caption. Parsing the text is papaparse's job (in the browser); this file
// maps the parsed table to create inputs and says what is wrong by row and column.
import { formatPath } from "./errors";
import { type CreateSlideshowInput, MAX_IMAGES, checkPostTime, createSlideshowSchema } from "./posts";
import { findUnstorableText } from "./text";

// ---------------------------------------------------------------------------------------------
// Export

export const EXPORT_COLUMNS = [
  "id",
  "account_id",
  "username",
  "platform",
  "status",
  "scheduled_at",
  "requested_time",
  "strict",
  "caption",
  "image_urls",
  "music_post_id",
  "post_url",
  "error",
] as const;
export type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number], string | boolean | null | readonly string[]>;

/**
 * A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
 * return, OWASP's list) gets a leading apostrophe, so Excel, LibreOffice and Sheets show it as
 * text. A cell that already starts with apostrophes before such a character gets one more, so
 * import can always take exactly one off and the round trip is exact.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of defuseFormula, applied to every imported cell. */
export function restoreFormula(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** One CSV field (RFC 4180): quoted when it holds a quote, comma, line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line of cells (CRLF-terminated, as RFC 4180 and Excel expect); every cell defused. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map((c) => csvField(defuseFormula(c))).join(",")}\r\n`;
}

/** The export's header line. */
export function exportHeader(): string {
  return csvLine(EXPORT_COLUMNS);
}

/** A post as an export line: images joined with `|`, booleans as true/false, null as empty. */
export function exportLine(record: ExportRecord): string {
  return csvLine(
    EXPORT_COLUMNS.map((col) => {
      const v = record[col];
      if (v === null || v === undefined) return "";
      if (typeof v === "boolean") return v ? "true" : "false";
      if (typeof v === "string") return v;
      return v.join("|");
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Import

/** The create fields a column can fill. */
export type ImportField = "accountId" | "tag" | "user_group" | "org_group" | "imageUrls" | "caption" | "musicPostId" | "postTime" | "strict";

/** A column name as typed, made comparable: case, spaces, underscores and hyphens don't matter. */
const norm = (name: string) => name.trim().toLowerCase().replace(/[\s_-]+/g, "");

const FIELD_OF: Record<string, ImportField> = {
  accountid: "accountId",
  tag: "tag",
  usergroup: "user_group",
  orggroup: "org_group",
  imageurls: "imageUrls",
  caption: "caption",
  musicpostid: "musicPostId",
  posttime: "postTime",
  scheduledat: "postTime",
  strict: "strict",
};
/** The export's columns that describe a post rather than create one: read past. */
const IGNORED = new Set(["id", "username", "platform", "status", "requestedtime", "posturl", "error"]);

export const MAX_IMPORT_ROWS = 1000;

/** An error at a row and column of the file; rows are numbered as in a spreadsheet (the header is row 1). */
export type CsvIssue = { row: number; column: string; message: string };

export type CsvRow = {
  row: number;
  /** The create body the row stands for (sent to the dry run even when it has errors, so the server can name them all). */
  body: Record<string, unknown>;
  errors: CsvIssue[];
};

export type CsvMapping = {
  /** Errors that stop the whole file (a missing or unknown column, too many rows). */
  fileErrors: CsvIssue[];
  rows: CsvRow[];
  /** The column (as named in the file) of each field, to name a server error's column. */
  columnOf: Partial<Record<ImportField, string>>;
};

/** The words for an account id that is no account of the organization (the dry run says it too). */
export const UNKNOWN_ACCOUNT = "unknown account: no account with this id in your organization";

/** The column a field path names (`imageUrls[3]` → the file's image column), or the path itself. */
export function columnOfPath(path: string, columnOf: Partial<Record<ImportField, string>>): string {
  const field = /^[A-Za-z_]+/.exec(path)?.[0] as ImportField | undefined;
  return (field && columnOf[field]) ?? (path || "row");
}

/** A field error's words, naming the image for `imageUrls[i]` (1-based, as people count). */
export function messageOfPath(path: string, message: string): string {
  const m = /^imageUrls\[(\d+)\]/.exec(path);
  return m ? `image ${Number(m[1]) + 1}: ${message}` : message;
}

function readHeader(header: readonly string[]): { fields: (ImportField | null)[]; columnOf: CsvMapping["columnOf"]; errors: CsvIssue[] } {
  const errors: CsvIssue[] = [];
  const columnOf: CsvMapping["columnOf"] = {};
  const fields = header.map((raw, i) => {
    const name = raw.replace(/^\uFEFF/, "").trim();
    const key = norm(name);
    if (!name) {
      errors.push({ row: 1, column: `#${i + 1}`, message: "a column has no name" });
      return null;
    }
    if (IGNORED.has(key)) return null;
    const field = FIELD_OF[key];
    if (!field) {
      errors.push({ row: 1, column: name, message: `unknown column; use ${Object.keys(COLUMN_HELP).join(", ")}` });
      return null;
    }
    if (columnOf[field] !== undefined) {
      errors.push({ row: 1, column: name, message: `says the same as column ${columnOf[field]}; keep one of them` });
      return null;
    }
    columnOf[field] = name;
    return field;
  });
  if (!columnOf.imageUrls) errors.push({ row: 1, column: "imageUrls", message: "missing column: every post needs its image URLs (separated by |)" });
  if (!columnOf.accountId && !columnOf.tag && !columnOf.user_group && !columnOf.org_group) {
    errors.push({ row: 1, column: "accountId", message: "missing column: name the account (accountId), or a pool (tag, user_group, org_group)" });
  }
  return { fields, columnOf, errors };
}

/** What each import column means, for the dialog's help text and the unknown-column message. */
export const COLUMN_HELP: Record<string, string> = {
  accountId: "the account's id; empty picks one of the pool (also read from account_id)",
  tag: "pool filter (exact match)",
  user_group: "pool filter (exact match)",
  org_group: "pool filter (exact match)",
  imageUrls: `1–${MAX_IMAGES} image URLs separated by | (also image_urls)`,
  caption: "the caption",
  musicPostId: "a TikTok post id for the sound (also music_post_id)",
  postTime: "ISO 8601 time with an offset, e.g. 2026-12-31T18:00:00+01:00; empty means now (also scheduled_at)",
  strict: "true for exactly that time; false or empty lets it move to the next free slot",
};

const TRUE = new Set(["true", "yes", "1", "y"]);
const FALSE = new Set(["false", "no", "0", "n"]);

function rowBody(fields: readonly (ImportField | null)[], cells: readonly string[]): { body: Record<string, unknown>; issues: { field: ImportField; message: string }[] } {
  const body: Record<string, unknown> = { accountId: null, imageUrls: [] };
  const issues: { field: ImportField; message: string }[] = [];
  fields.forEach((field, i) => {
    if (!field) return;
    const raw = restoreFormula(cells[i] ?? "");
    const v = raw.trim();
    switch (field) {
      case "accountId":
        body.accountId = v || null;
        break;
      case "imageUrls":
        body.imageUrls = v.split("|").map((u) => u.trim()).filter(Boolean);
        break;
      case "caption":
        // Kept as typed (spaces and line breaks are part of a caption).
        if (raw !== "") body.caption = raw;
        break;
      case "strict":
        if (TRUE.has(v.toLowerCase())) body.strict = true;
        else if (FALSE.has(v.toLowerCase())) body.strict = false;
        else if (v) issues.push({ field, message: "must be true or false" });
        break;
      default:
        if (v) body[field] = v;
    }
  });
  return { body, issues };
}

/**
 * The parsed table (papaparse's rows of cells, the first one the header) as create inputs: for
 * each data row its body and every error by row and column, checked with the API's own schema
 * and time rule (`now` for "not in the past"). Fully empty rows are skipped. Whether an account
 * exists and where a row lands are the dry run's (the server's) to say.
 */
export function mapCsvTable(table: readonly (readonly string[])[], now: Date): CsvMapping {
  const header = table[0];
  if (!header || header.every((c) => !c.trim())) {
    return { fileErrors: [{ row: 1, column: "header", message: "the file is empty; the first row must name the columns" }], rows: [], columnOf: {} };
  }
  const { fields, columnOf, errors: fileErrors } = readHeader(header);
  const data = table.slice(1).map((cells, i) => ({ row: i + 2, cells })).filter(({ cells }) => cells.some((c) => c.trim() !== ""));
  if (data.length === 0) fileErrors.push({ row: 2, column: "row", message: "the file has a header but no posts" });
  if (data.length > MAX_IMPORT_ROWS) fileErrors.push({ row: MAX_IMPORT_ROWS + 2, column: "row", message: `at most ${MAX_IMPORT_ROWS} posts per file; split it` });
  if (fileErrors.length) return { fileErrors, rows: [], columnOf };

  const rows = data.map(({ row, cells }): CsvRow => {
    const errors: CsvIssue[] = [];
    const at = (column: string, message: string) => {
      if (!errors.some((e) => e.column === column && e.message === message)) errors.push({ row, column, message });
    };
    if (cells.length < header.length) {
      const missing = header.slice(cells.length).map((h) => h.trim());
      for (const name of missing) at(name, `missing: the row has ${cells.length} of the header's ${header.length} cells`);
    } else if (cells.length > header.length) {
      at(`#${header.length + 1}`, `extra cell: the row has ${cells.length} cells, the header ${header.length} (quote a caption that holds a comma)`);
    }
    const { body, issues } = rowBody(fields, cells);
    for (const i of issues) at(columnOf[i.field]!, i.message);
    const unstorable = findUnstorableText(body);
    if (unstorable) at(columnOfPath(unstorable.path, columnOf), unstorable.message);
    const parsed = createSlideshowSchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = formatPath(issue.path);
        // An id that is not even a UUID cannot be any account's: say so in those words.
        const message = path === "accountId" ? UNKNOWN_ACCOUNT : messageOfPath(path, issue.message);
        const column = columnOfPath(path, columnOf);
        // One message per column: a time that is not ISO is not also "not a real date".
        if (!errors.some((e) => e.column === column)) at(column, message);
      }
    } else {
      const late = checkPostTime(parsed.data.postTime, now);
      if (late) at(columnOf.postTime!, late.message);
    }
    return { row, body, errors };
  });
  return { fileErrors, rows, columnOf };
}

/** A row body as the create use-case's input type (after the row passed every check). */
export type ImportBody = CreateSlideshowInput;
