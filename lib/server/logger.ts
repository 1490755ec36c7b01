// A small structured logger. It never prints request bodies or headers, so secrets stay out.
import "server-only";
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: Level = "info";

export function setLogLevel(level: Level): void {
  threshold = level;
}

function describe(detail: unknown): string {
  if (detail instanceof Error) return `${detail.name}: ${detail.message}\n${detail.stack ?? ""}`;
  if (detail === undefined) return "";
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

function log(level: Level, message: string, detail?: unknown): void {
  if (ORDER[level] < ORDER[threshold]) return;
  const line = `[postdeck] ${level} ${message}${detail === undefined ? "" : " " + describe(detail)}`;
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (m: string, d?: unknown) => log("debug", m, d),
  info: (m: string, d?: unknown) => log("info", m, d),
  warn: (m: string, d?: unknown) => log("warn", m, d),
  error: (m: string, d?: unknown) => log("error", m, d),
};
