// What a dashboard server action returns, and the helpers both sides use with it. The error half
// is the public API's error (DESIGN.md §8: status, type, message, field details), so a form shows
// the same words and field paths whether the rule fired in an action or behind /api/v1.
import { type AppError, type ErrorKind, type FieldIssue, type Result, STATUS_OF } from "@/lib/domain/errors";

export type ActionFailure = { status: number; type: string; message: string; details: FieldIssue[] };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionFailure };

/** A failed action as an exception, for TanStack Query's `onError` (and its retry rule). */
export class ActionError extends Error {
  override name = "ActionError";
  readonly status: number;
  readonly type: string;
  readonly details: FieldIssue[];
  constructor(failure: ActionFailure) {
    super(failure.message);
    this.status = failure.status;
    this.type = failure.type;
    this.details = failure.details;
  }
}

/** A failed ActionResult of the given kind; the status comes from the one kind → status table. */
export function actionFailure(kind: ErrorKind, message: string, details: FieldIssue[] = []): { ok: false; error: ActionFailure } {
  return { ok: false, error: { status: STATUS_OF[kind], type: kind, message, details } };
}

/** An AppError as the failure half of an ActionResult. */
export function failureOf(error: AppError): { ok: false; error: ActionFailure } {
  return actionFailure(error.kind, error.message, error.details);
}

/** A use-case Result as an ActionResult: `value` becomes `data`, an AppError keeps its shape. */
export function toActionResult<T>(result: Result<T>): ActionResult<T> {
  return result.ok ? { ok: true, data: result.value } : failureOf(result.error);
}

/** The data of a successful result; a failure is thrown as an ActionError. */
export function unwrapResult<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new ActionError(result.error);
  return result.data;
}

/**
 * A server action as a TanStack `mutationFn`: resolves with the data or rejects with an
 * ActionError. Only the first argument is forwarded: TanStack passes a second (its context,
 * holding the QueryClient), which must never be serialised to the server.
 */
export function unwrapAction<I, T>(action: (input: I) => Promise<ActionResult<T>>): (input: I) => Promise<T> {
  return async (input: I) => unwrapResult(await action(input));
}

/**
 * Field paths to messages for a form (`imageUrls[1]` → "must be an absolute http(s) URL"); the
 * first message per path wins, and an issue with no path is keyed `form`.
 */
export function fieldErrors(details: readonly FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details) out[d.path || "form"] ??= d.message;
  return out;
}

/** What to tell the user about a failed mutation: the server's message, else a plain fallback. */
export function messageOf(error: unknown): string {
  if (error instanceof ActionError) return error.message;
  // A rejection that is not ours is the transport (offline, server restarted): nothing to leak.
  return "Something went wrong. Check your connection and try again.";
}

/**
 * The messages of one list field by item index (`imageUrls[2]` → `{2: message}`), so a form can
 * mark the item itself; the list's own message (`imageUrls`) and nested paths are left out.
 */
export function indexedErrors(errors: Readonly<Record<string, string>>, field: string): Record<number, string> {
  const out: Record<number, string> = {};
  const prefix = `${field}[`;
  for (const [path, message] of Object.entries(errors)) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const m = /^(\d+)\]$/.exec(rest);
    if (m) out[Number(m[1])] ??= message;
  }
  return out;
}
