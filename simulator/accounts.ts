// Creating creators, OAuth clients and tokens. Shared by the authorize pages (a new username
// creates a creator) and the admin API (seeding).
import { instagramId, secret } from "./ids";
import type { InstagramAccount, OAuthClient, Platform, SimState, TikTokAccount, Token, TokenKind } from "./state";

const PUBLIC_OPTIONS = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];
const PRIVATE_OPTIONS = ["FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];

export type TikTokAccountInput = {
  username: string;
  nickname?: string;
  isPrivate?: boolean;
  privacyLevelOptions?: string[];
  commentDisabled?: boolean;
  banned?: boolean;
};

/** Creates the creator, or updates the one with this username. */
export function upsertTikTokAccount(state: SimState, input: TikTokAccountInput): TikTokAccount {
  const existing = state.findTikTokByUsername(input.username);
  const n = existing ? 0 : state.next("tiktok_account");
  const isPrivate = input.isPrivate ?? existing?.isPrivate ?? false;
  const account: TikTokAccount = {
    openId: existing?.openId ?? `-000sim${String(n).padStart(6, "0")}-open-id`,
    unionId: existing?.unionId ?? `sim-union-${String(n).padStart(6, "0")}`,
    username: input.username,
    nickname: input.nickname ?? existing?.nickname ?? input.username.replace(/_/g, " "),
    isPrivate,
    privacyLevelOptions:
      input.privacyLevelOptions ??
      (input.isPrivate === undefined && existing ? existing.privacyLevelOptions : isPrivate ? PRIVATE_OPTIONS : PUBLIC_OPTIONS),
    commentDisabled: input.commentDisabled ?? existing?.commentDisabled ?? false,
    banned: input.banned ?? existing?.banned ?? false,
  };
  state.tiktokAccounts.set(account.openId, account);
  return account;
}

export type InstagramAccountInput = { username: string; name?: string; accountType?: InstagramAccount["accountType"] };

export function upsertInstagramAccount(state: SimState, input: InstagramAccountInput): InstagramAccount {
  const existing = state.findIgByUsername(input.username);
  const n = existing ? 0 : state.next("ig_account");
  const account: InstagramAccount = {
    userId: existing?.userId ?? instagramId("user", n),
    appScopedId: existing?.appScopedId ?? instagramId("app_user", n),
    username: input.username,
    name: input.name ?? existing?.name ?? input.username.replace(/_/g, " "),
    accountType: input.accountType ?? existing?.accountType ?? "BUSINESS",
  };
  state.igAccounts.set(account.userId, account);
  return account;
}

export function findClient(state: SimState, platform: Platform, clientId: string | null): OAuthClient | undefined {
  return clientId ? state.clients.get(`${platform}:${clientId}`) : undefined;
}

/** Registered URIs match exactly; loopback URIs are accepted too unless strictRedirects is set. */
export function redirectAllowed(state: SimState, client: OAuthClient, uri: string | null): boolean {
  if (!uri) return false;
  if (client.redirectUris.includes(uri)) return true;
  if (state.settings.strictRedirects) return false;
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(uri).hostname);
  } catch {
    return false;
  }
}

const TOKEN_PREFIX: Record<TokenKind, string> = { access: "act.", refresh: "rft.", ig_short: "IGQsim", ig_long: "IGAAsim" };

export function issueToken(
  state: SimState,
  t: { kind: TokenKind; platform: Platform; accountKey: string; clientId: string; scopes: string[]; ttlS: number },
): Token {
  const now = state.now();
  const token: Token = { ...t, value: secret(TOKEN_PREFIX[t.kind]), issuedAt: now, expiresAt: now + t.ttlS * 1000, revoked: false };
  state.tokens.set(token.value, token);
  return token;
}

/** Seconds left on a token, as `expires_in` reports it. */
export function secondsLeft(state: SimState, token: Token): number {
  return Math.max(0, Math.round((token.expiresAt - state.now()) / 1000));
}
