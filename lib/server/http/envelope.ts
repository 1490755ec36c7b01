// The public API's envelope (DESIGN.md §8), body reading and the route wrapper.
import "server-only";
import type { z } from "zod";
import { AppError, type FieldIssue, type Result, err, formatPath, invalid, ok } from "@/lib/domain/errors";
import { findUnstorableText } from "@/lib/domain/text";
import { logger } from "../logger";

export const MAX_BODY_BYTES = 1_048_576;

export function okResponse(data: unknown, code = 200, message = "OK"): Response {
  return Response.json({ ok: true, code, message, data }, { status: code });
}

export function errorResponse(error: AppError): Response {
  const body = {
    ok: false,
    code: error.status,
    message: error.message,
    data: null,
    error: { type: error.kind, details: error.details },
  };
  const headers: Record<string, string> = {};
  if (error.kind === "unauthorized") headers["WWW-Authenticate"] = 'Bearer realm="postdeck"';
  return Response.json(body, { status: error.status, headers });
}

/** A 400 whose top-level message names the first field at fault. */
export function validationError(error: z.ZodError): AppError {
  const details: FieldIssue[] = error.issues.map((issue) => {
    // An unknown key is reported on its parent; point at the key itself.
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0] ?? "";
      return { path: formatPath([...issue.path, key]), message: `unknown field` };
    }
    return { path: formatPath(issue.path), message: issue.message };
  });
  return invalid(details);
}

/**
 * Reads a request body into memory, refusing more than `limit` bytes while streaming (a lying
 * or missing Content-Length cannot get past it). `onTooLarge` builds the 413 to throw.
 */
export async function readBodyCapped(req: Request, limit: number, onTooLarge: () => AppError): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw onTooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw onTooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body of at most `limit` bytes (413 beyond); an empty body reads as {}. */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = (await readBodyCapped(req, limit, () => tooLarge(limit))).toString("utf8").trim();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("validation_error", "body: must be valid JSON", [
      { path: "body", message: "must be valid JSON" },
    ]);
  }
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `body: must be at most ${limit} bytes`, [
    { path: "body", message: `must be at most ${limit} bytes` },
  ]);
}

/** Parses with a zod schema, turning failure (or text Postgres cannot store) into a 400 AppError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const unstorable = findUnstorableText(input);
  if (unstorable) throw invalid([unstorable]);
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** parseOrThrow as a Result, for use-cases that return their errors. */
export function parseResult<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  try {
    return ok(parseOrThrow(schema, input));
  } catch (e) {
    if (e instanceof AppError) return err(e);
    throw e;
  }
}

/** Maps anything thrown in a handler to an envelope; unexpected errors are logged, never leaked. */
export function toErrorResponse(error: unknown, where: string): Response {
  if (error instanceof AppError) return errorResponse(error);
  logger.error(`${where} failed`, error);
  return errorResponse(new AppError("internal_error", "Internal error"));
}

/** The envelope for a use-case result: its value with `code`, or its AppError. */
export function respond<T>(result: { ok: true; value: T } | { ok: false; error: AppError }, code = 200, message = "OK"): Response {
  return result.ok ? okResponse(result.value, code, message) : errorResponse(result.error);
}
