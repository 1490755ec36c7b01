// Small helpers shared by the bench scripts: percentiles, a bounded-concurrency runner, a fresh
// database, the app under test (scripts/start.ts) and a sampler of its memory.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The p-th percentile (nearest rank) of ascending `sorted`; NaN when empty. */
export function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs task(0 … n-1) with at most `concurrency` in flight; results in index order. */
export async function runPool<T>(n: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

/** Wall-clock seconds of `fn`, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - t) / 1000, value };
}

/** A new database on the server of `adminUrl` (postgres://…/postgres), dropped by `drop()`. */
export async function freshDatabase(adminUrl: string, prefix: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `${prefix}${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch((e: unknown) => console.error(`could not drop ${name}:`, e));
      await admin.end({ timeout: 2 });
    },
  };
}

/** The pids of every process below `pid` (children, grandchildren …), from /proc. */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number) => {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return; // gone
    }
    for (const t of tasks) {
      let children = "";
      try {
        children = readFileSync(`/proc/${p}/task/${t}/children`, "utf8");
      } catch {
        continue;
      }
      for (const c of children.split(" ").filter(Boolean).map(Number)) {
        out.push(c);
        visit(c);
      }
    }
  };
  visit(pid);
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
  } catch {
    return "";
  }
}

/** VmRSS and VmHWM (peak RSS) of a process in MiB, or null once it is gone. */
export function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

export type MemoryPeak = { peakRssMiB: number; hwmMiB: number; samples: number };

/** Samples a process's VmRSS every `everyMs` until stop(); stop() adds its VmHWM at that moment. */
export function sampleMemory(pid: number, everyMs = 200): { stop: () => MemoryPeak } {
  let peak = 0;
  let samples = 0;
  const take = () => {
    const m = memoryOf(pid);
    if (!m) return;
    peak = Math.max(peak, m.rss);
    samples++;
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return { peakRssMiB: peak, hwmMiB: memoryOf(pid)?.hwm ?? NaN, samples };
    },
  };
}

export type App = {
  base: string;
  proc: ChildProcess;
  logFile: string;
  /** The Next.js server process (`next-server (v…)`, a child of scripts/start.ts), which serves the requests. */
  serverPid: number;
  startSeconds: number;
  stop: () => Promise<void>;
};

/**
 * Starts the app with `npm start`'s script (building first when the sources changed), in a
 * process group of its own so stop() ends all of it (start.ts, Next's server, the simulator).
 * Resolves once /api/health answers 200.
 */
export async function startApp(o: { port: number; env: Record<string, string | undefined>; logFile: string }): Promise<App> {
  const t0 = performance.now();
  const fd = openSync(o.logFile, "a");
  const proc = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    env: { ...process.env, ...o.env, PORT: String(o.port) },
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  const stop = async () => {
    if (!proc.pid || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((r) => proc.once("exit", r));
    try {
      process.kill(-proc.pid, "SIGTERM");
    } catch {
      return; // already gone
    }
    await Promise.race([gone, sleep(10_000)]);
  };
  const base = `http://127.0.0.1:${o.port}`;
  const tail = () => readFileSync(o.logFile, "utf8").slice(-3000);
  // A first start builds (minutes on a busy machine): wait up to 20 minutes.
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`the app exited (${proc.exitCode}); ${o.logFile} ends:\n${tail()}`);
    if (i > 20 * 60 * 4) {
      await stop();
      throw new Error(`the app did not become healthy within 20 minutes; ${o.logFile} ends:\n${tail()}`);
    }
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await sleep(250);
  }
  const server = descendants(proc.pid!).find((p) => cmdline(p).startsWith("next-server"));
  if (!server) {
    await stop();
    throw new Error("the app is up but its next-server process was not found below the spawned process");
  }
  return { base, proc, logFile: o.logFile, serverPid: server, startSeconds: (performance.now() - t0) / 1000, stop };
}

/** "12,345" */
export const n = (x: number) => Math.round(x).toLocaleString("en");
export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "–");
export const percent = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "–");
