// Wraps a /api/v1 handler: API-key auth, JSON body reading and the error envelope.
import "server-only";
import { authenticateApiKey, type ApiPrincipal } from "../identity/api-keys";
import { type AppContext, getAppContext } from "../context";
import { readJsonBody, toErrorResponse } from "./envelope";

export type ApiHandlerArgs = {
  req: Request;
  ctx: AppContext;
  principal: ApiPrincipal;
  /** The parsed JSON body ({} when empty; limited to 1 MiB). Undefined with `{ body: "raw" }`. */
  body: unknown;
};

type Options = {
  /** "json" (default) reads and parses the body; "raw" leaves `req.body` unread for the handler. */
  body?: "json" | "raw";
};

export function apiRoute(name: string, handler: (args: ApiHandlerArgs) => Promise<Response>, options: Options = {}) {
  return async (req: Request): Promise<Response> => {
    try {
      const ctx = await getAppContext();
      const auth = await authenticateApiKey(ctx.db, req.headers.get("authorization"), new Date());
      if (!auth.ok) throw auth.error;
      const body = options.body === "raw" ? undefined : await readJsonBody(req);
      return await handler({ req, ctx, principal: auth.value, body });
    } catch (error) {
      return toErrorResponse(error, name);
    }
  };
}
