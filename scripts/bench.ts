// npm run bench: performance on the local Postgres, written to BENCHMARKS.md.
//   create   (a) raw single-row inserts into posts through postgres.js, interleaved A B A B …
//            with (b) HTTP creates for an explicit account and (c) HTTP creates auto-selected
//            from a 2,000-account pool: same count and concurrency, as many connections on both
//            sides, while the app is up; each pair's ratio and the median; the app's peak memory
//   select   (e) auto-selected creates in-process (createSlideshow, reservation included) and
//            (f) over HTTP, sequential, strict and non-strict, (e') choosePlacement alone
//   publish  (d) publishing through the platform simulator (scripts/bench-publish.ts)
// and (g) an API key revoked while the app is up, which must be refused. create and select run
// at each size (default 10,000 accounts / 200,000 posts, then 50,000 / 1,000,000), each on a
// fresh database (scripts/bench-create.ts); publish runs once.
// Env: BENCH_SIZES="10000:200000,50000:1000000", BENCH_PAIRS, BENCH_K, BENCH_CONCURRENCY,
// BENCH_SELECTIONS, BENCH_ONLY=create,select,publish, BENCH_WRITE=0 (print only).
import os from "node:os";

import { type Part, type SizeFigures, runSizeBench } from "./bench-create";
import { runPublishBench } from "./bench-publish";
import { CREATE_SECTION, createSection } from "./bench-report";
import { CALENDAR_UI_SECTION, readBenchmarks, sectionOf, writeBenchmarks } from "./benchmarks-file";

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive whole number`);
  return v;
};
/** [accounts, posts] per size; BENCH_ACCOUNTS / BENCH_POSTS alone give one size. */
const SIZES: [number, number][] = (
  process.env.BENCH_SIZES ??
  (process.env.BENCH_ACCOUNTS || process.env.BENCH_POSTS
    ? `${process.env.BENCH_ACCOUNTS ?? 10_000}:${process.env.BENCH_POSTS ?? 200_000}`
    : "10000:200000,50000:1000000")
)
  .split(",")
  .map((s) => {
    const [a, p] = s.split(":").map(Number);
    if (!Number.isInteger(a) || !Number.isInteger(p) || a! < 1 || p! < 1) throw new Error(`BENCH_SIZES: "${s}" is not accounts:posts`);
    return [a!, p!];
  });
const PAIRS = int("BENCH_PAIRS", 4);
const K = int("BENCH_K", 2_000);
const CONCURRENCY = int("BENCH_CONCURRENCY", 16);
const SELECTIONS = int("BENCH_SELECTIONS", 300);
const ALL_PARTS: Part[] = ["create", "select", "publish"];
const PARTS = new Set<Part>(
  (process.env.BENCH_ONLY ?? ALL_PARTS.join(",")).split(",").map((s) => {
    if (!ALL_PARTS.includes(s.trim() as Part)) throw new Error(`BENCH_ONLY: "${s}" is not one of ${ALL_PARTS.join(", ")}`);
    return s.trim() as Part;
  }),
);
const WRITE = process.env.BENCH_WRITE !== "0";
const PORT = 3390;
const SIM_PORT = 4390;

const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

const PUBLISH_SECTION = "## Publishing (npm run bench)";
const HEADER = [
  "# Benchmarks",
  "",
  "Each section is written by the script named in its heading and keeps the others as they are",
  "(`BENCH_ONLY=publish npm run bench` rewrites only the publishing section, for example).",
];

async function main() {
  const load0 = os.loadavg()[0]!;
  const sizes: SizeFigures[] = [];
  if (PARTS.has("create") || PARTS.has("select")) {
    for (const [accounts, posts] of SIZES) {
      console.log(`\n== ${accounts.toLocaleString("en")} accounts, ${posts.toLocaleString("en")} posts ==`);
      const log = (line: string) => console.log(line);
      sizes.push(await runSizeBench({ adminUrl, accounts, posts, pairs: PAIRS, k: K, concurrency: CONCURRENCY, selections: SELECTIONS, parts: PARTS, port: PORT, simPort: SIM_PORT, log }));
    }
  }
  const publish = PARTS.has("publish") ? await publishSection() : null;
  if (publish && !publish.ok) {
    console.error("\nFAILED: a post was not published exactly once, or a TikTok account went over its rate limit");
    process.exitCode = 1;
  }

  const old = readBenchmarks();
  const created = sizes.length
    ? createSection({ sizes, pairs: PAIRS, k: K, concurrency: CONCURRENCY, selections: SELECTIONS, pgVersion: sizes[0]!.pgVersion, load: [load0, os.loadavg()[0]!] }).join("\n")
    : sectionOf(old, CREATE_SECTION);
  const published = publish ? publish.lines.join("\n") : sectionOf(old, PUBLISH_SECTION);
  const text = [HEADER.join("\n"), created, published, sectionOf(old, CALENDAR_UI_SECTION)]
    .filter(Boolean)
    .map((s) => s.replace(/\s*$/, ""))
    .join("\n\n");
  console.log(`\n${[sizes.length ? created : "", publish ? published : ""].filter(Boolean).join("\n\n")}`);
  if (WRITE) writeBenchmarks(`${text}\n`);
  const leaked = sizes.filter((f) => f.revocation && !f.revocation.refused);
  if (leaked.length) {
    console.error(`\nFAILED: a revoked API key was still accepted by the app ${leaked.map((f) => `${((f.revocation?.afterMs ?? 0) / 1000).toFixed(1)} s`).join(", ")} after the revoke`);
    process.exitCode = 1;
  }
}

/** (d) Publishing: BENCHMARKS.md's publishing section (scripts/bench-publish.ts). */
async function publishSection(): Promise<{ lines: string[]; ok: boolean }> {
  const result = await runPublishBench({ adminUrl, log: (line) => console.log(line) });
  const lines = [
    PUBLISH_SECTION,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (scripts/bench-publish.ts).`,
    "",
    "| measure | result |",
    "| --- | --- |",
    ...result.rows,
    "",
    ...result.notes,
    "",
  ];
  return { lines, ok: result.ok };
}

void main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
