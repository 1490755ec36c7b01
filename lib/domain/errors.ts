// Expected failures are values. Each kind maps to one HTTP status and API error type.

export type ErrorKind =
  | "validation_error"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "media_error"
  | "rate_limited"
  | "internal_error"
  /** A service the request needs (the media store) cannot be reached: nothing was written; try later. */
  | "service_unavailable";

export const STATUS_OF: Record<ErrorKind, number> = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  media_error: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
};

/** One problem with one input field; `path` looks like `imageUrls[1]` or `caption`. */
export type FieldIssue = { path: string; message: string };

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
  }
  get status(): number {
    return STATUS_OF[this.kind];
  }
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** Renders a zod-style path as `imageUrls[1].url`: indexes in brackets, 0-based. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Runs `fn`, turning a thrown AppError into an error Result; anything else still throws. */
export async function resultOf<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (e) {
    if (e instanceof AppError) return err(e);
    throw e;
  }
}

/** A 400 naming the first of the given issues. */
export function invalid(details: FieldIssue[]): AppError {
  const first = details[0];
  const message = !first ? "Invalid request" : first.path ? `${first.path}: ${first.message}` : first.message;
  return new AppError("validation_error", message, details);
}
