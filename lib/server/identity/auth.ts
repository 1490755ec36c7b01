// better-auth: email-and-password sessions plus organizations with our four roles.
import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { APIError } from "better-auth/api";
import { organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements, ownerAc } from "better-auth/plugins/organization/access";
import type { Config } from "@/env";
import type { Db } from "@/db/client";
import {
  authAccounts,
  invitations,
  members,
  organizations,
  sessions,
  users,
  verifications,
} from "@/db/schema/index";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/domain/auth";
import { SIGNUP_BY_INVITATION_MESSAGE } from "@/lib/domain/signup";
import { INVITATION_TTL_SECONDS } from "@/lib/domain/team";
import { mayEmailSignUp } from "./signup";

// better-auth's own permissions cover organization management; app permissions are in
// lib/domain/roles.ts, and these must not grant more over better-auth's HTTP endpoints than the
// app's actions do: only owners manage members, invitations and the organization
// ("member:write", "organization:write"), so admins get no organization powers here either.
const ac = createAccessControl(defaultStatements);
const noOrgPowers = { organization: [], member: [], invitation: [], team: [] } as const;
const roles = {
  owner: ac.newRole(ownerAc.statements),
  admin: ac.newRole(noOrgPowers),
  editor: ac.newRole(noOrgPowers),
  viewer: ac.newRole(noOrgPowers),
};

export function createAuth(db: Db, config: Pick<Config, "betterAuthSecret" | "publicBaseUrl" | "port" | "signup">) {
  return betterAuth({
    appName: "Postdeck",
    secret: config.betterAuthSecret,
    baseURL: config.publicBaseUrl,
    trustedOrigins: [
      config.publicBaseUrl,
      `http://localhost:${config.port}`,
      `http://127.0.0.1:${config.port}`,
    ],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: users,
        session: sessions,
        account: authAccounts,
        verification: verifications,
        organization: organizations,
        member: members,
        invitation: invitations,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      autoSignIn: true,
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    // Every user better-auth creates (POST /api/auth/sign-up/email, say) passes the sign-up
    // policy. The form's and the CLI's users are inserted by organizations.ts, not through here.
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            if (!(await mayEmailSignUp(db, config.signup, user.email, new Date()))) {
              throw new APIError("FORBIDDEN", { message: SIGNUP_BY_INVITATION_MESSAGE });
            }
          },
        },
      },
    },
    telemetry: { enabled: false },
    // Invitations made through better-auth's endpoint last as long as the Team page's (48 h).
    plugins: [organization({ ac, roles, creatorRole: "owner", invitationExpiresIn: INVITATION_TTL_SECONDS }), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
