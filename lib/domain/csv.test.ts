import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { EXPORT_COLUMNS, MAX_IMPORT_ROWS, UNKNOWN_ACCOUNT, csvLine, defuseFormula, exportHeader, exportLine, mapCsvTable, restoreFormula } from "./csv";

const NOW = new Date("2030-01-01T00:00:00Z");
const ACC = "3f1c2b9e-6a8d-4c1e-9b7a-2d5e8f0a1b2c";
const url = (i: number) => `https://img.example.com/${i}.jpg`;
const header = ["accountId", "imageUrls", "caption", "postTime", "strict"];

describe("mapCsvTable (CSV row → create input)", () => {
  it("maps a good row to the create body: images split on |, strict read, empty cells left out", () => {
    const m = mapCsvTable([header, [ACC, `${url(1)} | ${url(2)}`, "Hello, world", "2030-01-02T10:00:00+01:00", "true"], ["", url(3), "", "", ""]], NOW);
    expect(m.fileErrors).toEqual([]);
    expect(m.rows).toEqual([
      { row: 2, errors: [], body: { accountId: ACC, imageUrls: [url(1), url(2)], caption: "Hello, world", postTime: "2030-01-02T10:00:00+01:00", strict: true } },
      { row: 3, errors: [], body: { accountId: null, imageUrls: [url(3)] } },
    ]);
  });

  it("names a bad date, 36 image URLs, a bad strict and a missing cell by row and column; the good row stays clean", () => {
    const bad = [ACC, Array.from({ length: 36 }, (_, i) => url(i)).join("|"), "caption", "next tuesday"];
    const m = mapCsvTable([header, [ACC, url(1), "ok", "2030-01-02T10:00:00Z", "false"], bad, [ACC, url(1), "x", "2030-01-02T10:00:00Z", "maybe"]], NOW);
    expect(m.rows[0]!.errors).toEqual([]);
    expect(m.rows[1]!.errors).toEqual([
      { row: 3, column: "strict", message: "missing: the row has 4 of the header's 5 cells" },
      { row: 3, column: "imageUrls", message: "must hold at most 35 images" },
      { row: 3, column: "postTime", message: expect.stringContaining("ISO 8601") },
    ]);
    expect(m.rows[2]!.errors).toEqual([{ row: 4, column: "strict", message: "must be true or false" }]);
  });

  it("refuses a time in the past and an id that is no account, and names one bad image by its number", () => {
    const m = mapCsvTable([header, ["not-an-id", `${url(1)}|ftp://x/y.jpg`, "", "2029-12-31T23:00:00Z", ""]], NOW);
    expect(m.rows[0]!.errors).toEqual([
      { row: 2, column: "accountId", message: UNKNOWN_ACCOUNT },
      { row: 2, column: "imageUrls", message: "image 2: must be an absolute http(s) URL" },
    ]);
    const late = mapCsvTable([header, [ACC, url(1), "", "2029-12-31T23:00:00Z", ""]], NOW);
    expect(late.rows[0]!.errors).toEqual([{ row: 2, column: "postTime", message: "must not be more than 60 seconds in the past" }]);
  });

  it("stops the file on an unknown column, a missing column or a duplicated one, naming row 1 and the column", () => {
    expect(mapCsvTable([[...header, "captoin"], [ACC, url(1), "", "", "", "x"]], NOW).fileErrors).toEqual([
      { row: 1, column: "captoin", message: expect.stringMatching(/^unknown column; use accountId, tag/) },
    ]);
    expect(mapCsvTable([["accountId", "caption"], [ACC, "x"]], NOW).fileErrors).toEqual([{ row: 1, column: "imageUrls", message: expect.stringContaining("missing column") }]);
    expect(mapCsvTable([["imageUrls", "caption"], [url(1), "x"]], NOW).fileErrors).toEqual([{ row: 1, column: "accountId", message: expect.stringContaining("missing column") }]);
    expect(mapCsvTable([["accountId", "imageUrls", "postTime", "scheduled_at"], [ACC, url(1), "", ""]], NOW).fileErrors).toEqual([
      { row: 1, column: "scheduled_at", message: "says the same as column postTime; keep one of them" },
    ]);
    expect(mapCsvTable([], NOW).fileErrors[0]!.message).toMatch(/empty/);
    const many = [header, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => [ACC, url(1), "", "", ""])];
    expect(mapCsvTable(many, NOW).fileErrors[0]!.message).toMatch(/at most 1000/);
  });

  it("reads a pool row (labels, no account column) and skips blank lines, keeping spreadsheet row numbers", () => {
    const m = mapCsvTable([["tag", "imageUrls"], ["fitness", url(1)], ["", ""], ["", url(2)]], NOW);
    expect(m.rows.map((r) => [r.row, r.body])).toEqual([
      [2, { accountId: null, tag: "fitness", imageUrls: [url(1)] }],
      [4, { accountId: null, imageUrls: [url(2)] }],
    ]);
  });

  it("re-imports an exported line: the export's column names map to the create fields, its read-only ones are ignored", () => {
    const line = exportLine({
      id: "p1", account_id: ACC, username: "ana", platform: "tiktok", status: "scheduled", scheduled_at: "2030-01-02T10:00:00.000Z",
      requested_time: null, strict: false, caption: "=HYPERLINK(\"x\")", image_urls: [url(1), url(2)], music_post_id: "7559313483398008095", post_url: null, error: null,
    });
    const parsed = Papa.parse<string[]>(exportHeader() + line, { skipEmptyLines: false }).data;
    expect(parsed[0]).toEqual([...EXPORT_COLUMNS]);
    const m = mapCsvTable(parsed, NOW);
    expect(m.fileErrors).toEqual([]);
    expect(m.rows[0]).toEqual({
      row: 2,
      errors: [],
      body: { accountId: ACC, postTime: "2030-01-02T10:00:00.000Z", strict: false, caption: '=HYPERLINK("x")', imageUrls: [url(1), url(2)], musicPostId: "7559313483398008095" },
    });
  });
});

describe("formula-safe cells", () => {
  it("prefixes an apostrophe to cells a spreadsheet would run, and import takes exactly one off", () => {
    for (const v of ["=1+1", "+33", "-x", "@SUM(A1)", "\tcmd", "'=already"]) {
      expect(defuseFormula(v)).toBe(`'${v}`);
      expect(restoreFormula(defuseFormula(v))).toBe(v);
    }
    for (const v of ["hello", "2030-01-02T10:00:00Z", "https://x", "'plain"]) {
      expect(defuseFormula(v)).toBe(v);
      expect(restoreFormula(v)).toBe(v);
    }
  });
  it("quotes commas, quotes and line breaks", () => {
    expect(csvLine(["a,b", 'say "hi"', "two\nlines", "x"])).toBe('"a,b","say ""hi""","two\nlines",x\r\n');
  });
});
