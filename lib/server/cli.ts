// Runs a parsed CLI command against a database. The CLI process calls this directly, or,
// while the app owns the embedded database, the app runs it on the CLI's behalf.
import "server-only";
import * as accountQueries from "@/db/queries/accounts";
import type { CliCommand } from "@/lib/domain/cli";
import { isValidTimeZone } from "@/lib/domain/time";
import { toAccountObject } from "./accounts/accounts";
import { createApiKey } from "./identity/api-keys";
import { type ConnectCtx, beginConnect, completeConnect } from "./accounts/connect";
import { createOrganizationWithOwner, resolveOrganization } from "./identity/organizations";
import { approveSimulatedConsent } from "./accounts/simulated-consent";
import { type WorkerCtx, tick } from "./publishing/worker";

export type CliOutcome = { exitCode: number; stdout: string; stderr: string };
export type CliCtx = ConnectCtx & WorkerCtx & { config: ConnectCtx["config"] & WorkerCtx["config"] & { simulatorUrl: string } };

export async function runCliCommand(ctx: CliCtx, command: CliCommand, now: Date): Promise<CliOutcome> {
  const db = ctx.db;
  switch (command.kind) {
    case "org-create": {
      const created = await createOrganizationWithOwner(
        db,
        {
          name: command.ownerName ?? command.ownerEmail.split("@")[0] ?? "Owner",
          organizationName: command.name,
          email: command.ownerEmail,
          password: command.password,
        },
        now,
      );
      if (!created.ok) return failure(created.error.message);
      const { id, slug, name } = created.value.organization;
      return { exitCode: 0, stdout: JSON.stringify({ id, slug, name }) + "\n", stderr: "" };
    }
    case "api-key-create": {
      const org = await resolveOrganization(db, command.org);
      if (!org.ok) return failure(org.error.message);
      const created = await createApiKey(db, {
        organizationId: org.value.id,
        createdBy: null,
        name: command.name ?? "CLI key",
      });
      if (!created.ok) return failure(created.error.message);
      return { exitCode: 0, stdout: created.value.key + "\n", stderr: "" };
    }
    case "accounts-connect-simulated":
      return connectSimulated(ctx, command, now);
    case "worker-tick":
      return { exitCode: 0, stdout: JSON.stringify(await tick(ctx)) + "\n", stderr: "" };
  }
}

/** Connects accounts through the simulator's real OAuth flow, clicking "Allow" for each. */
async function connectSimulated(
  ctx: CliCtx,
  command: Extract<CliCommand, { kind: "accounts-connect-simulated" }>,
  now: Date,
): Promise<CliOutcome> {
  const org = await resolveOrganization(ctx.db, command.org);
  if (!org.ok) return failure(org.error.message);
  if (!ctx.config.platforms[command.platform].simulated) {
    return failure(`${command.platform} uses real credentials here; connect real accounts from the Accounts page`);
  }
  if (command.timezone && !isValidTimeZone(command.timezone)) return failure(`--timezone "${command.timezone}" is not an IANA timezone`);
  const labels = { tag: command.tag, userGroup: command.userGroup, orgGroup: command.orgGroup, timezone: command.timezone };
  const ids: string[] = [];
  for (let i = 0; i < command.count; i++) {
    const url = await beginConnect(ctx, { organizationId: org.value.id, userId: null, platform: command.platform, labels, now });
    let callback: URL;
    try {
      callback = await approveSimulatedConsent(url);
    } catch (error) {
      const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      return failure(`cannot reach the platform simulator at ${ctx.config.simulatorUrl} (${why}); start it with npm run simulator, or npm start`);
    }
    const q = callback.searchParams;
    const done = await completeConnect(ctx, { platform: command.platform, state: q.get("state"), code: q.get("code"), error: q.get("error"), now });
    if (!done.ok) return failure(done.error.message);
    ids.push(done.value.accountId);
  }
  const rows = await accountQueries.listAccounts(ctx.db, { organizationId: org.value.id, filters: {}, ids });
  return { exitCode: 0, stdout: JSON.stringify(rows.map(toAccountObject), null, 2) + "\n", stderr: "" };
}

function failure(message: string): CliOutcome {
  return { exitCode: 1, stdout: "", stderr: `Error: ${message}\n` };
}
