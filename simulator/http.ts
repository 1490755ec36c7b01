// Request parsing and reply helpers shared by every route. Handlers return a Reply value; only
// server.ts writes to the socket, so faults, logging and delays apply in one place.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

export type Reply = { status: number; headers?: Record<string, string>; body?: string | Buffer };

export type Req = {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** Lower-cased media type without parameters, e.g. "application/json". */
  contentType: string;
  raw: Buffer;
  /** The route pattern's match: [0] the whole path, then its capture groups. */
  match: string[];
};

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return jsonText(status, JSON.stringify(value), headers);
}

/** For bodies whose JSON text is built by hand (TikTok's raw int64 post ids). */
export function jsonText(status: number, text: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: text };
}

export function html(status: number, text: string): Reply {
  return { status, headers: { "content-type": "text/html; charset=utf-8" }, body: text };
}

export function redirect(location: string): Reply {
  return { status: 302, headers: { location }, body: "" };
}

/** Parses a JSON body; undefined when it is absent or malformed. */
export function jsonBody(req: Req): unknown {
  if (req.raw.length === 0) return undefined;
  try {
    return JSON.parse(req.raw.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/** Body fields of a form-urlencoded, multipart or JSON-object body, as strings. */
export function bodyParams(req: Req): URLSearchParams {
  const text = req.raw.toString("utf8");
  if (req.contentType === "application/x-www-form-urlencoded") return new URLSearchParams(text);
  if (req.contentType === "multipart/form-data") return multipartFields(req, text);
  const parsed = req.contentType.includes("json") || text.trimStart().startsWith("{") ? jsonBody(req) : undefined;
  const out = new URLSearchParams();
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
    for (const [key, value] of Object.entries(parsed)) {
      out.set(key, typeof value === "string" ? value : JSON.stringify(value));
    }
  }
  return out;
}

/** Meta reads parameters from the query string and the body alike; the body wins on conflicts. */
export function allParams(req: Req): URLSearchParams {
  const out = new URLSearchParams(req.url.searchParams);
  for (const [key, value] of bodyParams(req)) out.set(key, value);
  return out;
}

export function bearer(req: Req): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  return match?.[1]?.trim();
}

// Text fields only: the simulator never receives file uploads (both platforms pull images by URL).
function multipartFields(req: Req, text: string): URLSearchParams {
  const out = new URLSearchParams();
  const boundary = /boundary="?([^";]+)"?/i.exec(req.headers["content-type"] ?? "")?.[1];
  if (!boundary) return out;
  for (const part of text.split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name !== undefined) out.set(name, part.slice(split + 4).replace(/\r\n$/, ""));
  }
  return out;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
