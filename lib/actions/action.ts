// The wrapper every dashboard server action goes through (style.md B6). It is not a "use server"
// module itself (those may export only async functions); action files import it:
//
//   export const updatePostAction = authedAction("post:write", async (input: UpdatePostInput, { member, ctx, now }) =>
//     updatePost(ctx, member.organizationId, input, now));
//
// Who is signed in and which organization they act for come from the session, never from input.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { type ActionResult, actionFailure, failureOf, toActionResult } from "@/lib/client/action-result";
import { AppError, type Result } from "@/lib/domain/errors";
import { type Action, can, deniedReason } from "@/lib/domain/roles";
import { type AppContext, getAppContext } from "@/lib/server/context";
import { parseResult } from "@/lib/server/http/envelope";
import { type Member, currentMember } from "@/lib/server/identity/session";
import { logger } from "@/lib/server/logger";

/** What a handler gets besides its input; `now` is read once here, at the edge (B1.2). */
export type ActionScope = { member: Member; ctx: AppContext; now: Date };
type Handler<I, T> = (input: I, scope: ActionScope) => Promise<Result<T>>;

/**
 * A server action for members whose role grants `permission` (lib/domain/roles.ts). The handler
 * calls one use-case and returns its Result. The input is either passed as is (for use-cases
 * that parse it themselves) or first parsed with `schema`, failing with the API's 400 shape.
 * Refusals are values: 401 when signed out, 403 below the role; an unexpected throw is logged
 * and becomes a bare 500, so nothing internal reaches the browser.
 */
export function authedAction<I, T>(permission: Action, handler: Handler<I, T>): (input: I) => Promise<ActionResult<T>>;
export function authedAction<S extends z.ZodType, T>(
  permission: Action,
  schema: S,
  handler: Handler<z.output<S>, T>,
): (input: z.input<S>) => Promise<ActionResult<T>>;
export function authedAction<T>(
  permission: Action,
  schemaOrHandler: z.ZodType | Handler<unknown, T>,
  maybeHandler?: Handler<unknown, T>,
): (input: unknown) => Promise<ActionResult<T>> {
  const schema = typeof schemaOrHandler === "function" ? undefined : schemaOrHandler;
  const handler = typeof schemaOrHandler === "function" ? schemaOrHandler : maybeHandler;
  if (!handler) throw new TypeError("authedAction needs a handler");

  return async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      const ctx = await getAppContext();
      const member = await currentMember(ctx);
      if (!member) return actionFailure("unauthorized", "Your session has ended. Sign in again to continue.");
      if (!can(member.role, permission)) {
        return actionFailure("forbidden", deniedReason(member.role, permission));
      }
      let input = raw;
      if (schema) {
        const parsed = parseResult(schema, raw);
        if (!parsed.ok) return failureOf(parsed.error);
        input = parsed.value;
      }
      return toActionResult(await handler(input, { member, ctx, now: new Date() }));
    } catch (error) {
      // redirect() and notFound() are thrown to Next.js on purpose; they must pass through.
      unstable_rethrow(error);
      if (error instanceof AppError) return failureOf(error);
      logger.error(`server action (${permission}) failed`, error);
      return actionFailure("internal_error", "Something went wrong on our side. Try again in a moment.");
    }
  };
}
