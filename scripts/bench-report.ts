// BENCHMARKS.md's section for creating and selecting (scripts/bench.ts): a table per data size,
// how the costs grow from the smallest size to the largest, and the targets met or missed.
import os from "node:os";
import { VERIFIED_KEY_TTL_MS } from "@/lib/server/identity/api-keys";
import { IMAGES, REVOKE_LIMIT_MS, type SizeFigures } from "./bench-create";
import type { LatencySeries } from "./bench-select";
import { type MemoryPeak, ms, n, percent } from "./bench-lib";
import { whyRatio, whySelection } from "./bench-why";

export const CREATE_SECTION = "## Creating and selecting (npm run bench)";

export const TARGETS = { explicitRatio: 0.25, poolRatio: 0.15, selectionP99Ms: 25 };

const metOrMissed = (ok: boolean) => (ok ? "met" : "**missed**");
const mem = (m: MemoryPeak) => `app peak RSS **${m.peakRssMiB.toFixed(0)} MiB** (VmHWM ${m.hwmMiB.toFixed(0)} MiB)`;
const sizeName = (f: SizeFigures) => `${n(f.accounts)} accounts / ${n(f.posts)} posts`;
const lat = (s: LatencySeries) => `p50 ${ms(s.p50)}, p99 **${ms(s.p99)}** (max ${ms(s.max)}; ${s.runs} runs); outcomes ${JSON.stringify(s.outcomes)}`;

/** Which targets a size missed, by name. */
export function missedTargets(f: SizeFigures): string[] {
  const out: string[] = [];
  if (f.explicit && f.explicit.medianRatio < TARGETS.explicitRatio) out.push("explicit");
  if (f.pooled && f.pooled.medianRatio < TARGETS.poolRatio) out.push("pool");
  const s = f.selection?.inProcess;
  if (s && Math.max(s.strict.p99, s.nonStrict.p99) > TARGETS.selectionP99Ms) out.push("selection");
  return out;
}

function sizeTable(f: SizeFigures): string[] {
  const lines = [
    `### ${sizeName(f)}`,
    "",
    `Seeded in ${f.seedSeconds.toFixed(1)} s; the app answered /api/health ${f.appStartSeconds.toFixed(0)} s after its start (a build included when the sources had changed). Pool: ${n(f.pool)} accounts (tag "pool").`,
    "",
  ];
  if (f.explicit && f.pooled) {
    const e = f.explicit;
    const p = f.pooled;
    lines.push(
      "| pair | (a) raw inserts | (b) HTTP create, explicit account | (b) ÷ (a) | (a) raw inserts | (c) HTTP create, auto-selected from the pool | (c) ÷ (a) |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      ...e.pairs.map((x, i) => {
        const y = p.pairs[i];
        return `| ${i + 1} | ${n(x.raw)} rows/s | ${n(x.http)} posts/s | ${percent(x.ratio)} | ${y ? `${n(y.raw)} rows/s | ${n(y.http)} posts/s | ${percent(y.ratio)}` : "| |"} |`;
      }),
      `| **median** | ${n(e.medianRaw)} rows/s | ${n(e.medianHttp)} posts/s | **${percent(e.medianRatio)}** (target ≥ ${percent(TARGETS.explicitRatio)}: ${metOrMissed(e.medianRatio >= TARGETS.explicitRatio)}) | ${n(p.medianRaw)} rows/s | ${n(p.medianHttp)} posts/s | **${percent(p.medianRatio)}** (target ≥ ${percent(TARGETS.poolRatio)}: ${metOrMissed(p.medianRatio >= TARGETS.poolRatio)}) |`,
      "",
    );
  }
  lines.push("| measure | result | target |", "| --- | --- | --- |");
  if (f.explicit) lines.push(`| (b) HTTP create with an explicit account and ${IMAGES} stored images, per request over all rounds | p50 ${ms(f.explicit.latency.p50)}, p99 ${ms(f.explicit.latency.p99)}; statuses ${JSON.stringify(f.explicit.statuses)}; ${mem(f.explicit.memory)} | |`);
  if (f.floor) {
    lines.push(
      `| (b0) the route's floor: the same \`POST /api/v1/post/slideshow\` refused at validation (a past \`postTime\`: key, JSON and schema, nothing read or written), ${f.floor.pairs.length} pairs against raw rounds | **${n(f.floor.medianHttp)} requests/s = ${percent(f.floor.medianRatio)}** of (a) (median of the pairs); p50 ${ms(f.floor.latency.p50)}, p99 ${ms(f.floor.latency.p99)}; statuses ${JSON.stringify(f.floor.statuses)} | the ceiling of (b) and (c) on this app |`,
    );
  }
  if (f.pooled) lines.push(`| (c) HTTP create auto-selected from the pool (non-strict), per request over all rounds | p50 ${ms(f.pooled.latency.p50)}, p99 ${ms(f.pooled.latency.p99)}; statuses ${JSON.stringify(f.pooled.statuses)}; ${mem(f.pooled.memory)} | |`);
  const s = f.selection;
  if (s) {
    const target = (x: LatencySeries) => `p99 ≤ ${TARGETS.selectionP99Ms} ms: ${metOrMissed(x.p99 <= TARGETS.selectionP99Ms)}`;
    lines.push(
      `| (e) auto-selected create in-process (\`createSlideshow\`, reservation included), strict, sequential | ${lat(s.inProcess.strict)} | ${target(s.inProcess.strict)} |`,
      `| (e) the same, non-strict | ${lat(s.inProcess.nonStrict)} | ${target(s.inProcess.nonStrict)} |`,
      `| (e') \`choosePlacement\` alone (snapshot and selection; no lock, nothing written), strict | ${lat(s.choose.strict)} | for comparison |`,
      `| (e') the same, non-strict | ${lat(s.choose.nonStrict)} | for comparison |`,
      `| (f) the auto-selected create over HTTP, strict, sequential | ${lat(s.http.strict)} | reported |`,
      `| (f) the same, non-strict; memory over both | ${lat(s.http.nonStrict)}; ${mem(s.httpMemory)} | reported |`,
    );
  }
  const r = f.revocation;
  if (r) {
    lines.push(
      `| (g) an API key revoked through \`revokeApiKey\` in another process while the app is up (the app had verified it at most ${r.verifiedBeforeMs.toFixed(0)} ms before), then used every 100 ms | ${r.refused ? `**refused (401) from ${(r.afterMs / 1000).toFixed(2)} s after the revoke**; the last accepted request was sent at ${(r.lastAcceptedMs / 1000).toFixed(2)} s (${r.acceptedAfterRevoke} accepted)` : `**STILL ACCEPTED ${(r.afterMs / 1000).toFixed(1)} s after the revoke** (${r.acceptedAfterRevoke} requests)`} | refused within the ${VERIFIED_KEY_TTL_MS / 1000} s verified-key memory; the bench fails after ${REVOKE_LIMIT_MS / 1000} s |`,
    );
  }
  return [...lines, ""];
}

/** First size → last size, with the factor between them. */
function growthTable(sizes: SizeFigures[]): string[] {
  if (sizes.length < 2) return [];
  const first = sizes[0]!;
  const last = sizes[sizes.length - 1]!;
  const rows: [string, (f: SizeFigures) => number | undefined, (x: number) => string][] = [
    ["(a) raw inserts, median of the rounds", (f) => f.explicit?.medianRaw, (x) => `${n(x)} rows/s`],
    ["(b) HTTP create, explicit account, median", (f) => f.explicit?.medianHttp, (x) => `${n(x)} posts/s`],
    ["(b) ÷ (a), median of the pairs", (f) => f.explicit?.medianRatio, percent],
    ["(b) latency p99", (f) => f.explicit?.latency.p99, ms],
    ["(b0) the route's floor (refused at validation) ÷ (a)", (f) => f.floor?.medianRatio, percent],
    ["(c) HTTP create from the pool, median", (f) => f.pooled?.medianHttp, (x) => `${n(x)} posts/s`],
    ["(c) ÷ (a), median of the pairs", (f) => f.pooled?.medianRatio, percent],
    ["(e) in-process pool create p99, strict", (f) => f.selection?.inProcess.strict.p99, ms],
    ["(e) in-process pool create p99, non-strict", (f) => f.selection?.inProcess.nonStrict.p99, ms],
    ["(e') choosePlacement p99, strict", (f) => f.selection?.choose.strict.p99, ms],
    ["(e') choosePlacement p99, non-strict", (f) => f.selection?.choose.nonStrict.p99, ms],
    ["(f) HTTP pool create p99, strict", (f) => f.selection?.http.strict.p99, ms],
    ["app peak RSS, highest of the HTTP phases (MiB)", (f) => peakOf(f), (x) => x.toFixed(0)],
  ];
  const lines = [
    "### How the cost grows with the data",
    "",
    `| measure | ${sizes.map(sizeName).join(" | ")} | largest ÷ smallest |`,
    `| --- |${sizes.map(() => " --- |").join("")} --- |`,
  ];
  for (const [label, get, fmt] of rows) {
    const values = sizes.map(get);
    if (values.every((v) => v === undefined)) continue;
    const a = get(first);
    const b = get(last);
    const factor = a !== undefined && b !== undefined && a > 0 ? `×${(b / a).toFixed(2)}` : "–";
    lines.push(`| ${label} | ${values.map((v) => (v === undefined ? "–" : fmt(v))).join(" | ")} | ${factor} |`);
  }
  return [...lines, ""];
}

function peakOf(f: SizeFigures): number | undefined {
  const peaks = [f.explicit?.memory, f.pooled?.memory, f.selection?.httpMemory].filter((m): m is MemoryPeak => !!m).map((m) => m.peakRssMiB);
  return peaks.length ? Math.max(...peaks) : undefined;
}

/** The whole section, heading first. */
export function createSection(o: { sizes: SizeFigures[]; pairs: number; k: number; concurrency: number; selections: number; pgVersion: string; load: [number, number] }): string[] {
  const cpu = os.cpus();
  const missed = new Map<string, string[]>();
  for (const f of o.sizes) for (const m of missedTargets(f)) missed.set(m, [...(missed.get(m) ?? []), sizeName(f)]);
  const missedAt = (name: string) => o.sizes.filter((f) => missedTargets(f).includes(name));
  const why = (name: string, what: string, explain: (at: SizeFigures[]) => string[]) =>
    missed.has(name) ? [`**${what}** — missed at ${missed.get(name)!.join(" and ")}.`, "", ...explain(missedAt(name)), ""] : [];
  return [
    CREATE_SECTION,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (scripts/bench.ts, scripts/bench-create.ts, scripts/bench-select.ts), each size on a fresh database on the local Postgres, with the app (scripts/start.ts, production build) running on it.`,
    "",
    `- Machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}; the bench (client), the app and PostgreSQL share it (1-minute load average ${o.load[0].toFixed(1)} at the start, ${o.load[1].toFixed(1)} at the end)`,
    `- Node ${process.version}, PostgreSQL ${o.pgVersion} (default settings)`,
    `- Data: each account posts at 09, 12, 15, 18 and 21 local time (four timezones, a quarter Instagram), gap 120 min, cap 15 a day; 20 scheduled posts per account, one every 3 days at 09–21 h UTC over the next 58 days`,
    `- Rounds: (a) is ${n(o.k)} single-row \`insert into posts\` through postgres.js with ${o.concurrency} connections at concurrency ${o.concurrency}; (b) and (c) are ${n(o.k)} \`POST /api/v1/post/slideshow\` at concurrency ${o.concurrency} against the app with \`DATABASE_POOL_SIZE=${o.concurrency}\`, each with ${IMAGES} stored images (uploaded once through \`POST /api/v1/media\`). They run A B A B … (${o.pairs} pairs for (b), then ${o.pairs} fresh pairs for (c)), after ${4 * o.concurrency} unmeasured warm-up rows and requests each; a pair's ratio is its B's rate over its A's, so drift on the shared machine cancels. (b) asks each account for 00:30, 03:00 or 05:30 UTC from day 2 on (clear of the seeded posts: no bump); (c) is non-strict, at times spread evenly over days 3–30. Memory: the next-server process's VmRSS, sampled every 200 ms during each HTTP phase`,
    `- Selection: ${o.selections} sequential runs per series after 10 unmeasured ones, each series at its own times spread evenly over days 31–57 (among the seeded posts), so the pool never fills; outcomes are HTTP statuses (409: no account free)`,
    "",
    ...o.sizes.flatMap(sizeTable),
    ...growthTable(o.sizes),
    `Targets (issue 11): (b) at least ${percent(TARGETS.explicitRatio)} of (a); (c) at least ${percent(TARGETS.poolRatio)} of (a); (e) p99 at most ${TARGETS.selectionP99Ms} ms over a ${n(o.sizes[0]?.pool ?? 2000)}-account pool, strict and non-strict; (f) reported; (g) a revoked key refused.`,
    "",
    ...why("explicit", `(b) HTTP create with an explicit account ≥ ${percent(TARGETS.explicitRatio)} of raw`, (at) => whyRatio("explicit", at, TARGETS.explicitRatio)),
    ...why("pool", `(c) auto-selected HTTP create ≥ ${percent(TARGETS.poolRatio)} of raw`, (at) => whyRatio("pool", at, TARGETS.poolRatio)),
    ...why("selection", `(e) auto-selected create in-process p99 ≤ ${TARGETS.selectionP99Ms} ms`, whySelection),
    "Reproduce: `npm run bench` (Postgres from `DATABASE_URL`, else 127.0.0.1:5432; the app on port 3390, its simulator on 4390). Sizes via",
    '`BENCH_SIZES="10000:200000,50000:1000000"` (accounts:posts, the default), rounds via `BENCH_PAIRS` (4), `BENCH_K` (2000) and',
    "`BENCH_CONCURRENCY` (16), selection runs via `BENCH_SELECTIONS` (300), parts via `BENCH_ONLY` (`create`, `select`, `publish`, comma-separated);",
    "`BENCH_WRITE=0` prints without writing this file. Shared machines are noisy: compare the ratios and medians, not single numbers.",
    "",
  ];
}
