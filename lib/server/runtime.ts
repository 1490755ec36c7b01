// .data/runtime.json: how a CLI process finds the running app that owns the embedded database.
import "server-only";
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sameSecret } from "./crypto";

export type RuntimeInfo = { url: string; adminSecret: string; pid: number; db: "pglite" | "postgres" };

const file = (dataDir: string) => path.join(dataDir, "runtime.json");

const globalForRuntime = globalThis as unknown as { __postdeckAdminSecret?: string };

/** The per-run local admin secret (created on first use, shared through runtime.json). */
export function adminSecret(): string {
  globalForRuntime.__postdeckAdminSecret ??= randomBytes(32).toString("base64url");
  return globalForRuntime.__postdeckAdminSecret;
}

export function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): void {
  const tmp = `${file(dataDir)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(info, null, 2) + "\n", { mode: 0o600 });
  renameSync(tmp, file(dataDir));
  process.once("exit", () => {
    try {
      const current = JSON.parse(readFileSync(file(dataDir), "utf8")) as RuntimeInfo;
      if (current.pid === process.pid) unlinkSync(file(dataDir));
    } catch {
      // nothing to clean
    }
  });
}

export function readRuntimeInfo(dataDir: string): RuntimeInfo | null {
  try {
    return JSON.parse(readFileSync(file(dataDir), "utf8")) as RuntimeInfo;
  } catch {
    return null;
  }
}

/** Constant-time check of a presented admin bearer token. */
export function isAdminToken(presented: string | null): boolean {
  return sameSecret(presented, adminSecret());
}
