// TikTok Login Kit: the www.tiktok.com authorize page and open.tiktokapis.com's token and revoke
// endpoints (platforms.md §1.1, §3.2).
import { createHash } from "node:crypto";
import { findClient, issueToken, redirectAllowed, secondsLeft, upsertTikTokAccount } from "../accounts";
import { consentPage, errorPage, freshUsername, grantedScopes, splitScopes } from "../consent-page";
import { bodyParams, json, redirect, type Reply, type Req } from "../http";
import { secret, tiktokLogId } from "../ids";
import type { Route } from "../route";
import type { SimState, Token } from "../state";
import { failInFlight } from "./pipeline";

const AUTHORIZE = /^\/tiktok\/v2\/auth\/authorize\/?$/;

function oauthError(state: SimState, status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description, log_id: tiktokLogId(state.now()) });
}

/** Query parameters with the POSTed form on top (the form posts back to the same URL). */
function formOf(req: Req): URLSearchParams {
  const form = bodyParams(req);
  for (const [key, value] of req.url.searchParams) if (!form.has(key)) form.append(key, value);
  return form;
}

function checkRequest(state: SimState, params: URLSearchParams): Reply | undefined {
  const client = findClient(state, "tiktok", params.get("client_key"));
  if (!client) return errorPage(400, "client_key is not a registered app.");
  if (!redirectAllowed(state, client, params.get("redirect_uri"))) return errorPage(400, "redirect_uri is not registered for this app.");
  if (params.get("response_type") !== "code") return errorPage(400, "response_type must be code.");
  if (splitScopes(params.get("scope")).length === 0) return errorPage(400, "scope is required.");
  return undefined;
}

function authorizePage(req: Req, state: SimState): Reply {
  const params = req.url.searchParams;
  const problem = checkRequest(state, params);
  if (problem) return problem;
  if (state.settings.autoApprove && params.get("disable_auto_auth") !== "1") return decide(state, params);
  return consentPage({
    platform: "TikTok",
    appName: findClient(state, "tiktok", params.get("client_key"))!.name,
    hidden: params,
    scopes: splitScopes(params.get("scope")),
    suggestedUsername: freshUsername((name) => state.findTikTokByUsername(name) !== undefined),
  });
}

function authorizeSubmit(req: Req, state: SimState): Reply {
  const form = formOf(req);
  return checkRequest(state, form) ?? decide(state, form);
}

function decide(state: SimState, form: URLSearchParams): Reply {
  const target = new URL(form.get("redirect_uri")!);
  const stateParam = form.get("state");
  if (form.get("decision") === "deny") {
    target.searchParams.set("error", "access_denied");
    target.searchParams.set("error_description", "The user denied the request.");
    if (stateParam !== null) target.searchParams.set("state", stateParam);
    return redirect(target.toString());
  }
  const username = form.get("username")?.trim() || freshUsername((name) => state.findTikTokByUsername(name) !== undefined);
  const account = state.findTikTokByUsername(username) ?? upsertTikTokAccount(state, { username });
  const scopes = grantedScopes(form, splitScopes(form.get("scope")));
  // Real codes carry characters that must be URL-decoded before the exchange.
  const code = `${secret("")}*0!${state.next("tiktok_code")}`;
  state.codes.set(code, {
    code, platform: "tiktok", clientId: form.get("client_key")!, redirectUri: form.get("redirect_uri")!, accountKey: account.openId,
    scopes, codeChallenge: form.get("code_challenge") || undefined, expiresAt: state.now() + state.settings.tiktokCodeTtlS * 1000, used: false,
  });
  target.searchParams.set("code", code);
  target.searchParams.set("scopes", scopes.join(","));
  if (stateParam !== null) target.searchParams.set("state", stateParam);
  return redirect(target.toString());
}

/** PKCE: TikTok's desktop flow is reported to use hex SHA-256, the standard is base64url; accept both. */
function verifierMatches(challenge: string, verifier: string | null): boolean {
  if (!verifier) return false;
  const digest = createHash("sha256").update(verifier).digest();
  return challenge === digest.toString("hex") || challenge === digest.toString("base64url");
}

function tokenResponse(state: SimState, access: Token, refresh: Token): Reply {
  return json(200, {
    access_token: access.value,
    expires_in: secondsLeft(state, access),
    open_id: access.accountKey,
    refresh_expires_in: secondsLeft(state, refresh),
    refresh_token: refresh.value,
    scope: access.scopes.join(","),
    token_type: "Bearer",
  });
}

function issuePair(state: SimState, accountKey: string, clientId: string, scopes: string[]): Reply {
  const base = { platform: "tiktok" as const, accountKey, clientId, scopes };
  const access = issueToken(state, { ...base, kind: "access", ttlS: state.settings.tiktokAccessTokenTtlS });
  const refresh = issueToken(state, { ...base, kind: "refresh", ttlS: state.settings.tiktokRefreshTokenTtlS });
  return tokenResponse(state, access, refresh);
}

function token(req: Req, state: SimState): Reply {
  if (req.contentType !== "application/x-www-form-urlencoded") {
    return oauthError(state, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
  }
  const form = bodyParams(req);
  const client = findClient(state, "tiktok", form.get("client_key"));
  if (!client || client.clientSecret !== form.get("client_secret")) return oauthError(state, 401, "invalid_client", "Client key or secret is incorrect.");
  const grant = form.get("grant_type");
  if (grant === "authorization_code") return exchangeCode(state, form);
  if (grant === "refresh_token") return refreshGrant(state, form);
  return oauthError(state, 400, "invalid_request", "The request parameters are malformed.");
}

function exchangeCode(state: SimState, form: URLSearchParams): Reply {
  const code = state.codes.get(form.get("code") ?? "");
  if (!code || code.platform !== "tiktok" || code.used || code.expiresAt <= state.now() || code.clientId !== form.get("client_key")) {
    return oauthError(state, 400, "invalid_grant", "Authorization code is expired.");
  }
  if (code.redirectUri !== form.get("redirect_uri")) return oauthError(state, 400, "invalid_grant", "redirect_uri does not match the one used to authorize.");
  if (code.codeChallenge && !verifierMatches(code.codeChallenge, form.get("code_verifier"))) {
    return oauthError(state, 400, "invalid_grant", "Code verifier or code challenge is invalid.");
  }
  code.used = true;
  return issuePair(state, code.accountKey, code.clientId, code.scopes);
}

// Refresh tokens rotate: the one presented stops working the moment a new pair is issued.
function refreshGrant(state: SimState, form: URLSearchParams): Reply {
  const old = state.tokens.get(form.get("refresh_token") ?? "");
  if (!old || old.kind !== "refresh" || old.revoked || old.expiresAt <= state.now() || old.clientId !== form.get("client_key")) {
    return oauthError(state, 400, "invalid_grant", "Refresh token is invalid or expired.");
  }
  old.revoked = true;
  return issuePair(state, old.accountKey, old.clientId, old.scopes);
}

function revoke(req: Req, state: SimState): Reply {
  const form = bodyParams(req);
  const client = findClient(state, "tiktok", form.get("client_key"));
  if (!client || client.clientSecret !== form.get("client_secret")) return oauthError(state, 401, "invalid_client", "Client key or secret is incorrect.");
  const presented = state.tokens.get(form.get("token") ?? "");
  if (presented?.platform === "tiktok") revokeGrant(state, presented.accountKey, presented.clientId);
  return json(200, {});
}

/** The user removed the app: every token of that creator for that client dies, and so do in-flight publishes. */
export function revokeGrant(state: SimState, openId: string, clientId?: string): void {
  for (const t of state.tokens.values()) {
    if (t.platform === "tiktok" && t.accountKey === openId && (!clientId || t.clientId === clientId)) t.revoked = true;
  }
  failInFlight(state, openId, "auth_removed");
}

export const tiktokOAuthRoutes: Route[] = [
  { method: "GET", pattern: AUTHORIZE, name: "tiktok.authorize", platform: "tiktok", handle: authorizePage },
  { method: "POST", pattern: AUTHORIZE, name: "tiktok.authorize_submit", platform: "tiktok", handle: authorizeSubmit },
  { method: "POST", pattern: /^\/tiktok\/v2\/oauth\/token\/?$/, name: "tiktok.token", platform: "tiktok", handle: token },
  { method: "POST", pattern: /^\/tiktok\/v2\/oauth\/revoke\/?$/, name: "tiktok.revoke", platform: "tiktok", handle: revoke },
];
