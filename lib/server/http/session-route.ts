// Wraps a route handler the dashboard calls with its session cookie (not an API key): the
// signed-in member, the role check on the server, and the API's error envelope.
import "server-only";
import { AppError } from "@/lib/domain/errors";
import { type Action, can } from "@/lib/domain/roles";
import { type AppContext, getAppContext } from "../context";
import { type Member, memberOfRequest } from "../identity/session";
import { toErrorResponse } from "./envelope";

export type SessionHandlerArgs = { req: Request; ctx: AppContext; member: Member };

export function sessionRoute(name: string, action: Action, handler: (args: SessionHandlerArgs) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      const ctx = await getAppContext();
      const member = await memberOfRequest(ctx, req.headers);
      if (!member) throw new AppError("unauthorized", "Sign in to continue");
      if (!can(member.role, action)) throw new AppError("forbidden", `Your role (${member.role}) cannot do this`);
      return await handler({ req, ctx, member });
    } catch (error) {
      return toErrorResponse(error, name);
    }
  };
}
