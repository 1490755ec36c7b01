// Runs a parsed CLI command against a database. The CLI process calls this directly, or,
// while the app owns the embedded database, the app runs it on the CLI's behalf.
import type { Db } from "@/db/client";
import type { CliCommand } from "@/lib/domain/cli";
import { createApiKey } from "./api-keys";
import { createOrganizationWithOwner, resolveOrganization } from "./organizations";

export type CliOutcome = { exitCode: number; stdout: string; stderr: string };

export async function runCliCommand(db: Db, command: CliCommand, now: Date): Promise<CliOutcome> {
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
  }
}

function failure(message: string): CliOutcome {
  return { exitCode: 1, stdout: "", stderr: `Error: ${message}\n` };
}
