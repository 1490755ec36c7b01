// One HTTP call to a platform, with a timeout, lossless JSON, and a clear split between
// failures that certainly never reached the platform and those that may have.
import "server-only";
import { type Classified, classifyNetworkError } from "@/lib/domain/publishing";
import { parseJsonLossless } from "./lossless-json";

/** A classified failure, with the platform's Retry-After and HTTP status when it answered. */
export type Failure = Classified & { retryAfterMs?: number; httpStatus?: number };

export type PlatformResponse = { status: number; json: unknown; text: string; headers: Headers };

/** Network errors raised before any byte was written: the platform never saw the request. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

export async function platformFetch(
  url: string,
  init: RequestInit & { timeoutMs?: number },
): Promise<{ ok: true; response: PlatformResponse } | { ok: false; failure: Classified }> {
  const { timeoutMs = 30_000, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, { ...rest, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const code = cause?.code ?? (error instanceof Error ? error.name : "error");
    return { ok: false, failure: classifyNetworkError(!NOT_SENT.has(code), code) };
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    // The platform answered but the body broke off: it did receive the request.
    return { ok: false, failure: classifyNetworkError(true, error instanceof Error ? error.message : "body read failed") };
  }
  let json: unknown = null;
  try {
    json = text ? parseJsonLossless(text) : null;
  } catch {
    json = null; // HTML or garbage (a proxy error page): callers judge by status
  }
  return { ok: true, response: { status: res.status, json, text, headers: res.headers } };
}

export function retryAfterMs(headers: Headers): number | undefined {
  const v = headers.get("retry-after");
  if (!v) return undefined;
  const seconds = Number(v);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}
