// BENCHMARKS.md's "why missed" paragraphs (scripts/bench-report.ts): for each target a size
// missed, what the create does, where the time goes by the step-by-step profile
// (`npm run bench:profile-select`, figures below from the run on the date given), and what
// would close the gap and why it is not done. Written from the figures of the run where they
// come from it.
import type { SizeFigures } from "./bench-create";
import { ms, percent } from "./bench-lib";

/** The step-by-step profile's medians and 99th percentiles on a quiet machine (ms), and when. */
export const SELECTION_PROFILE = {
  date: "2026-12-02",
  heads: [2.5, 10.6],
  members: [6.7, 11.8],
  rankStrict: [1.7, 4.3],
  rankLoose: [1.7, 19.9],
  guardedWrite: [2.3, 7.5],
  rawInsert: [1.2, 4.3],
} as const;

const pair = ([p50, p99]: readonly [number, number]) => `${p50.toFixed(1)} / ${p99.toFixed(1)} ms`;

export function whySelection(missedAt: SizeFigures[]): string[] {
  const figures = missedAt
    .map((f) => {
      const s = f.selection!;
      return `${f.accounts.toLocaleString("en")} accounts: create p99 ${ms(s.inProcess.strict.p99)} strict, ${ms(s.inProcess.nonStrict.p99)} non-strict, of it the selection alone (e') ${ms(s.choose.strict.p99)} and ${ms(s.choose.nonStrict.p99)}`;
    })
    .join("; ");
  const p = SELECTION_PROFILE;
  return [
    `Measured: ${figures}. An auto-selected create is now three steps: one statement for the pool's ids, rule and booking versions and last post times (2,000 short items in one text value; each account's rules and live posts come from the instance's cache, read again only for an account whose version moved, and a post this instance writes is followed without a read); the ranking of every candidate in Node (the selection's "available" count needs all of them); and one statement, guarded on the versions ranked from, that writes the post and its images and commits. The stored-media lookup runs beside the read. Before this round the same create took a read of ~2,000–4,000 posts and a locked transaction of five round trips (p99 77 ms strict on the same machine, quiet, ${p.date}).`,
    "",
    `Where the time goes (\`npm run bench:profile-select\`, ${p.date}, quiet machine, p50 / p99 of each step alone): the pool's heads statement ${pair(p.heads)} in Postgres and the driver; with drizzle, the cache and each account's window (poolMembers) ${pair(p.members)}; ranking 2,000 candidates ${pair(p.rankStrict)} strict, ${pair(p.rankLoose)} non-strict (accounts not free at T walk their next slots through the scheduling rules); the guarded write ${pair(p.guardedWrite)}, against ${pair(p.rawInsert)} for a raw single-row insert. The medians add up to about half the target; the 99th percentile is set by each step's tail on this 2-core machine that the app, Postgres and the client share (a raw insert's p99 is over three times its median), and three such steps in a row do not stay under 25 ms at p99 here.`,
    "",
    `What would close it: fewer steps, not faster ones. Ranking in SQL would put the scheduling rules in two places (style.md: one rule in one place), and keeping the heads in memory too needs a change feed per organization (a sequence commits out of order, so a change missed by an instance would rank wrongly until its next full read). Neither is done on this design; on a machine where Postgres has cores of its own the same steps' tails shrink (the (e') selection alone is within 25 ms at p99 in ${missedAt.filter((f) => Math.max(f.selection!.choose.strict.p99, f.selection!.choose.nonStrict.p99) <= 25).length} of ${missedAt.length} sizes here).`,
  ];
}

export function whyRatio(kind: "explicit" | "pool", missedAt: SizeFigures[], target: number): string[] {
  const figures = missedAt
    .map((f) => {
      const s = kind === "explicit" ? f.explicit! : f.pooled!;
      const floor = f.floor ? `, against ${percent(f.floor.medianRatio)} for the route's floor (b0)` : "";
      return `${f.accounts.toLocaleString("en")} accounts: ${percent(s.medianRatio)} (target ${percent(target)})${floor}, p50 ${ms(s.latency.p50)} per request at concurrency ${f.concurrency}`;
    })
    .join("; ");
  const floorBelow = missedAt.filter((f) => f.floor && f.floor.medianRatio < target).length;
  const ceiling =
    floorBelow > 0
      ? ` At ${floorBelow} of ${missedAt.length} sizes even the floor (b0), the same request refused at validation before anything is read or written, is under the target: there the target cannot be met by any create through this app on this machine, however few statements it sends.`
      : "";
  return [`Measured: ${figures}. ${RATIO_WHY[kind]}${ceiling}`];
}

/** From the profiles of 2026-12-02 (an inspector CPU profile of the creates at concurrency 16, in-process and in the app). */
const RATIO_WHY: Record<"explicit" | "pool", string> = {
  explicit:
    "A create with an explicit account is two statements (its account with the posts near T and the versions, then one guarded statement that writes the post and its images) beside the stored-media lookup, against the raw side's one insert; the rest is the app's single Node thread doing Next.js request handling, authentication, validation and JSON on the same two cores as Postgres and the bench's client. Closing it means spending less CPU per request in the app (or giving the app cores of its own), not fewer round trips.",
  pool:
    "An auto-selected create reads the pool's 2,000 heads and ranks all 2,000 candidates on the app's one Node thread (poolMembers about 5 ms of it, the ranking 1–2 ms, and the garbage collector behind both), so at concurrency 16 that thread, not Postgres, is saturated. Concurrent selections of one pool now share one heads read (pool-cache.ts), (2026-12-02: 1.3–2.4% of raw before it, 2.0–3.0% after, on the same data and a loaded machine); an inspector CPU profile of next-server during these creates then found much of poolMembers' and the ranking's time in Date's getTime: Next.js 16 replaces the global Date with a wrapper, and a Date built through it costs about 250 ns per getTime against about 10 ns for a plain one (a microbenchmark of the same construction), so the pool cache now keeps its posts' times as numbers and the ranking reads T and now once, a change made after the run these figures come from; what is left is per-request work in Node: decoding 2,000 heads and ranking every candidate (the selection's \"available\" count needs all of them), on top of the floor (b0) that every request through Next.js pays. Closing it means ranking in the database, which would put the scheduling rules in two places (style.md: one rule in one place), or more app instances (README, Scaling out): the creates spread over them and the guarded writes keep them apart.",
};
