// Instagram Login: the www.instagram.com authorize page, api.instagram.com's code exchange and
// graph.instagram.com's long-lived exchange and refresh (platforms.md §2.2, §3.3).
import { findClient, issueToken, redirectAllowed, secondsLeft, upsertInstagramAccount } from "../accounts";
import { consentPage, errorPage, freshUsername, grantedScopes, splitScopes } from "../consent-page";
import { allParams, bodyParams, json, jsonText, redirect, type Reply, type Req } from "../http";
import { secret } from "../ids";
import type { Route } from "../route";
import type { SimState } from "../state";
import { graph400 } from "./errors";
import { tokenOf, GRAPH } from "./auth";

const AUTHORIZE = /^\/instagram\/www\/oauth\/authorize\/?$/;
const DAY_MS = 86_400_000;

function checkRequest(state: SimState, params: URLSearchParams): Reply | undefined {
  const client = findClient(state, "instagram", params.get("client_id"));
  if (!client) return errorPage(400, "Invalid platform app.");
  if (!redirectAllowed(state, client, params.get("redirect_uri"))) return errorPage(400, "Invalid redirect_uri.");
  if (params.get("response_type") !== "code") return errorPage(400, "response_type must be code.");
  return undefined;
}

function authorizePage(req: Req, state: SimState): Reply {
  const params = req.url.searchParams;
  const problem = checkRequest(state, params);
  if (problem) return problem;
  if (state.settings.autoApprove && params.get("force_authentication") !== "1") return decide(state, params);
  return consentPage({
    platform: "Instagram",
    appName: findClient(state, "instagram", params.get("client_id"))!.name,
    hidden: params,
    scopes: splitScopes(params.get("scope")),
    suggestedUsername: freshUsername((name) => state.findIgByUsername(name) !== undefined),
  });
}

function authorizeSubmit(req: Req, state: SimState): Reply {
  const form = bodyParams(req);
  for (const [key, value] of req.url.searchParams) if (!form.has(key)) form.append(key, value);
  return checkRequest(state, form) ?? decide(state, form);
}

function decide(state: SimState, form: URLSearchParams): Reply {
  const target = new URL(form.get("redirect_uri")!);
  const stateParam = form.get("state");
  if (stateParam !== null) target.searchParams.set("state", stateParam);
  if (form.get("decision") === "deny") {
    target.searchParams.set("error", "access_denied");
    target.searchParams.set("error_reason", "user_denied");
    target.searchParams.set("error_description", "The user denied your request");
    return redirect(target.toString());
  }
  const username = form.get("username")?.trim() || freshUsername((name) => state.findIgByUsername(name) !== undefined);
  const account = state.findIgByUsername(username) ?? upsertInstagramAccount(state, { username });
  const code = secret("AQ");
  state.codes.set(code, {
    code, platform: "instagram", clientId: form.get("client_id")!, redirectUri: form.get("redirect_uri")!, accountKey: account.userId,
    scopes: grantedScopes(form, splitScopes(form.get("scope"))), expiresAt: state.now() + state.settings.igCodeTtlS * 1000, used: false,
  });
  target.searchParams.set("code", code);
  // Instagram appends "#_" to the callback; clients must strip it.
  return redirect(`${target.toString()}#_`);
}

function legacyError(message: string): Reply {
  return json(400, { error_type: "OAuthException", code: 400, error_message: message });
}

function codeExchange(req: Req, state: SimState): Reply {
  const form = bodyParams(req);
  const client = findClient(state, "instagram", form.get("client_id"));
  if (!client || client.clientSecret !== form.get("client_secret")) return legacyError("Error validating client secret.");
  if (form.get("grant_type") !== "authorization_code") return legacyError("Invalid grant_type.");
  const code = state.codes.get(form.get("code") ?? "");
  if (!code || code.platform !== "instagram" || code.used || code.expiresAt <= state.now() || code.clientId !== client.clientId) {
    return legacyError("Matching code was not found or was already used");
  }
  if (code.redirectUri !== form.get("redirect_uri")) {
    return legacyError("Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request");
  }
  code.used = true;
  const token = issueToken(state, {
    kind: "ig_short", platform: "instagram", accountKey: code.accountKey, clientId: client.clientId, scopes: code.scopes, ttlS: state.settings.igShortTokenTtlS,
  });
  const permissions = code.scopes.join(",");
  if (state.settings.igCodeExchangeShape === "data") {
    return json(200, { data: [{ access_token: token.value, user_id: code.accountKey, permissions }] });
  }
  // The flat variant carries user_id as a bare 17-digit number, as some clients have seen.
  const text = JSON.stringify({ access_token: token.value, user_id: "%USER_ID%", permissions: code.scopes }).replace('"%USER_ID%"', code.accountKey);
  return jsonText(200, text);
}

function exchangeForLongLived(req: Req, state: SimState): Reply {
  const params = allParams(req);
  if (params.get("grant_type") !== "ig_exchange_token") return graph400({ code: 100, message: "Unsupported grant_type" });
  const auth = tokenOf(req, state, params);
  if ("status" in auth) return auth;
  const client = findClient(state, "instagram", auth.token.clientId);
  if (!client || client.clientSecret !== params.get("client_secret")) return graph400({ code: 101, message: "Error validating client secret." });
  const long = issueToken(state, { ...auth.token, kind: "ig_long", ttlS: state.settings.igLongTokenTtlS });
  return json(200, { access_token: long.value, token_type: "bearer", expires_in: secondsLeft(state, long) });
}

// Meta refuses to refresh a token younger than 24 h; an expired one cannot be revived either.
function refreshLongLived(req: Req, state: SimState): Reply {
  const params = allParams(req);
  if (params.get("grant_type") !== "ig_refresh_token") return graph400({ code: 100, message: "Unsupported grant_type" });
  const auth = tokenOf(req, state, params);
  if ("status" in auth) return auth;
  if (auth.token.kind !== "ig_long") return graph400({ code: 190, message: "Error validating access token: only long-lived tokens can be refreshed." });
  if (state.now() - auth.token.issuedAt < DAY_MS) {
    return graph400({ code: 190, message: "Error validating access token: the token must be at least 24 hours old to be refreshed." });
  }
  const fresh = issueToken(state, { ...auth.token, kind: "ig_long", ttlS: state.settings.igLongTokenTtlS });
  return json(200, { access_token: fresh.value, token_type: "bearer", expires_in: secondsLeft(state, fresh) });
}

export const instagramOAuthRoutes: Route[] = [
  { method: "GET", pattern: AUTHORIZE, name: "instagram.authorize", platform: "instagram", handle: authorizePage },
  { method: "POST", pattern: AUTHORIZE, name: "instagram.authorize_submit", platform: "instagram", handle: authorizeSubmit },
  { method: "POST", pattern: /^\/instagram\/api\/oauth\/access_token\/?$/, name: "instagram.code_exchange", platform: "instagram", handle: codeExchange },
  { method: "GET", pattern: new RegExp(`^${GRAPH}/access_token/?$`), name: "instagram.token_exchange", platform: "instagram", handle: exchangeForLongLived },
  { method: "GET", pattern: new RegExp(`^${GRAPH}/refresh_access_token/?$`), name: "instagram.token_refresh", platform: "instagram", handle: refreshLongLived },
];
