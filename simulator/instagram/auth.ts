// Graph token checks: the token may arrive as an access_token parameter or a Bearer header.
import { allParams, bearer, type Reply, type Req } from "../http";
import type { InstagramAccount, SimState, Token } from "../state";
import { graph400 } from "./errors";

/** Path prefix of graph.instagram.com, versioned (`/v25.0`) or not: Meta silently serves old versions. */
export const GRAPH = "/instagram/graph(?:/v\\d+(?:\\.\\d+)?)?";

export type GraphAuth = { token: Token; account: InstagramAccount };

export function tokenOf(req: Req, state: SimState, params = allParams(req)): GraphAuth | Reply {
  const value = params.get("access_token") ?? bearer(req);
  const token = value ? state.tokens.get(value) : undefined;
  const account = token && state.igAccounts.get(token.accountKey);
  if (!token || !account || token.platform !== "instagram" || (token.kind !== "ig_short" && token.kind !== "ig_long")) {
    return graph400({ code: 190, message: "Invalid OAuth access token - Cannot parse access token" });
  }
  if (token.revoked) {
    return graph400({
      code: 190, subcode: 460,
      message: "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
    });
  }
  if (token.expiresAt <= state.now()) {
    return graph400({ code: 190, subcode: 463, message: "Error validating access token: Session has expired." });
  }
  return { token, account };
}

/** Token check plus "this token speaks for the IG user in the path". */
export function authorizeUser(req: Req, state: SimState, userId: string, needPublish: boolean): GraphAuth | Reply {
  const auth = tokenOf(req, state);
  if ("status" in auth) return auth;
  if (auth.account.userId !== userId) return objectMissing(userId);
  // Personal accounts cannot publish through the API at all; professional ones need the scope.
  const mayPublish = auth.account.accountType !== "PERSONAL" && auth.token.scopes.includes("instagram_business_content_publish");
  if (needPublish && !mayPublish) {
    return graph400({ code: 10, message: "(#10) Application does not have permission for this action" });
  }
  return auth;
}

export function objectMissing(id: string): Reply {
  return graph400({
    code: 100, subcode: 33, type: "GraphMethodException",
    message: `Unsupported request - method type: get. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
  });
}
