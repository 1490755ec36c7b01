// Selection latency for `npm run bench` (scripts/bench-create.ts): sequential auto-selected
// creates ({accountId: null, tag: "pool"}) into the 2,000-account pool, strict and non-strict,
//   in-process   createSlideshow, the use-case the API calls: validation, the pool ranked from a
//                snapshot, then the reservation (lock the best free account, re-check under the
//                lock, insert the post and its images, commit)
//   choose       choosePlacement alone: the snapshot read and the pure selection, nothing written
//   HTTP         the same create through POST /api/v1/post/slideshow
// Each series asks for its own times, evenly spread, so the pool never fills.
import type { Db } from "@/db/client";
import type { Config } from "@/env";
import { createSlideshow } from "@/lib/server/posts/posts";
import { choosePlacement } from "@/lib/server/posts/scheduler";
import { type MemoryPeak, pct, sampleMemory } from "./bench-lib";

export type LatencySeries = { runs: number; p50: number; p99: number; max: number; outcomes: Record<string, number> };

type Pair = { strict: LatencySeries; nonStrict: LatencySeries };

export type SelectionFigures = { inProcess: Pair; choose: Pair; http: Pair; httpMemory: MemoryPeak };

/** Runs before each series that are not counted (connections, JIT, caches). */
const WARM = 10;

export async function runSelectionBench(o: {
  db: Db;
  config: Config;
  orgId: string;
  imageUrls: string[];
  serverPid: number;
  runs: number;
  /** Epoch ms: the times the series may ask for. */
  window: { from: number; to: number };
  http: (body: Record<string, unknown>) => Promise<{ status: number; ms: number }>;
  log: (line: string) => void;
}): Promise<SelectionFigures> {
  const seriesCount = 6;
  const span = (o.window.to - o.window.from) / seriesCount;
  const spacing = Math.max(60_000, Math.floor(span / (o.runs + WARM) / 60_000) * 60_000);
  let seriesIndex = 0;
  const body = (T: Date, strict: boolean, i: number) => ({ accountId: null, tag: "pool", imageUrls: o.imageUrls, caption: `select ${i}`, postTime: T.toISOString(), strict });

  /** `run` at T = this series' start + i × spacing; answers an HTTP-like status. */
  const series = async (label: string, run: (T: Date, i: number) => Promise<{ status: number; ms: number }>): Promise<LatencySeries> => {
    const start = o.window.from + seriesIndex++ * span;
    const times: number[] = [];
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < o.runs + WARM; i++) {
      const r = await run(new Date(start + i * spacing), i);
      if (i < WARM) continue;
      times.push(r.ms);
      outcomes[r.status] = (outcomes[r.status] ?? 0) + 1;
    }
    times.sort((a, b) => a - b);
    const s = { runs: times.length, p50: pct(times, 50), p99: pct(times, 99), max: times[times.length - 1] ?? NaN, outcomes };
    o.log(`  ${label}: p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms (max ${s.max.toFixed(1)} ms) over ${s.runs} runs; outcomes ${JSON.stringify(outcomes)}`);
    return s;
  };

  const ctx = { db: o.db, config: o.config };
  const inProcess = (strict: boolean) => async (T: Date, i: number) => {
    const t = performance.now();
    const r = await createSlideshow(ctx, o.orgId, body(T, strict, i), new Date());
    const ms = performance.now() - t;
    return { status: r.ok ? 201 : r.error.status, ms };
  };
  const choose = (strict: boolean) => async (T: Date) => {
    const t = performance.now();
    const r = await choosePlacement(o.db, {
      organizationId: o.orgId,
      target: { kind: "pool", filters: { tag: "pool" }, platforms: ["tiktok", "instagram"], label: "tag=pool" },
      at: T,
      strict,
      now: new Date(),
    });
    const ms = performance.now() - t;
    return { status: r.ok ? 200 : r.error.status, ms };
  };
  const overHttp = (strict: boolean) => (T: Date, i: number) => o.http(body(T, strict, i));

  const figures = {
    inProcess: { strict: await series("in-process create, strict", inProcess(true)), nonStrict: await series("in-process create, non-strict", inProcess(false)) },
    choose: { strict: await series("choosePlacement alone, strict", choose(true)), nonStrict: await series("choosePlacement alone, non-strict", choose(false)) },
  };
  const memory = sampleMemory(o.serverPid);
  const http = { strict: await series("HTTP create, strict", overHttp(true)), nonStrict: await series("HTTP create, non-strict", overHttp(false)) };
  return { ...figures, http, httpMemory: memory.stop() };
}
