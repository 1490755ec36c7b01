// TikTok's resource responses: `{data, error:{code, message, log_id}}`, and the bearer-token check
// every /v2 resource call starts with (platforms.md §1.2).
import { bearer, json, type Reply, type Req } from "../http";
import { tiktokLogId } from "../ids";
import type { SimState, TikTokAccount, Token } from "../state";

export function ttOk(state: SimState, data: unknown): Reply {
  return json(200, { data, error: { code: "ok", message: "", log_id: tiktokLogId(state.now()) } });
}

export function ttError(state: SimState, status: number, code: string, message: string): Reply {
  return json(status, { data: {}, error: { code, message, log_id: tiktokLogId(state.now()) } });
}

export type TikTokAuth = { token: Token; account: TikTokAccount };

/** The caller's token and creator, or the 401 reply; `anyOf` lists scopes of which one suffices. */
export function authorizeTikTok(req: Req, state: SimState, anyOf: string[]): TikTokAuth | Reply {
  const token = state.tokens.get(bearer(req) ?? "");
  const account = token && state.tiktokAccounts.get(token.accountKey);
  const valid = token && account && token.kind === "access" && !token.revoked && token.expiresAt > state.now();
  if (!valid) return ttError(state, 401, "access_token_invalid", "The access token is invalid or not found in the request.");
  if (!anyOf.some((scope) => token.scopes.includes(scope))) {
    return ttError(state, 401, "scope_not_authorized", "The user did not authorize the scope required for completing this request.");
  }
  return { token, account };
}

/** Applies the per-token sliding window; the 429 reply when it is exhausted. */
export function tiktokRateLimit(state: SimState, endpoint: string, token: Token, limit: number): Reply | undefined {
  if (state.rates.take(`${endpoint}:${token.value}`, limit, state.now())) return undefined;
  return ttError(state, 429, "rate_limit_exceeded", "API rate limit was exceeded, please try again later.");
}

export function isReply(value: object): value is Reply {
  return "status" in value && typeof (value as { status: unknown }).status === "number";
}
