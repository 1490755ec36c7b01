// npm run postdeck -- <command>: the operator CLI (DESIGN.md §9).
// With the embedded database and the app running, commands go through the app, which owns
// the PGlite directory; otherwise the CLI opens the database itself.
import { ConfigError, getConfig } from "@/env";
import { DatabaseLockedError, isAlive, openDatabase, pgliteDirFor } from "@/db/client";
import { USAGE, parseCli } from "@/lib/domain/cli";
import { type CliOutcome, runCliCommand } from "@/lib/server/cli";
import { readRuntimeInfo } from "@/lib/server/runtime";

async function viaApp(url: string, secret: string, argv: string[]): Promise<CliOutcome> {
  const res = await fetch(`${url}/api/internal/cli`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ argv }),
  });
  if (!res.ok) throw new Error(`the running app refused the command (HTTP ${res.status})`);
  return (await res.json()) as CliOutcome;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n\n${USAGE}`);
    return 2;
  }

  const config = getConfig();
  let outcome: CliOutcome;
  const runtime = config.databaseUrl ? null : readRuntimeInfo(config.dataDir);
  if (runtime && runtime.db === "pglite" && isAlive(runtime.pid)) {
    outcome = await viaApp(runtime.url, runtime.adminSecret, argv);
  } else {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: pgliteDirFor(config.dataDir),
      maxConnections: 2,
    });
    try {
      outcome = await runCliCommand({ db: database.db, config }, parsed.command, new Date());
    } finally {
      await database.close();
    }
  }
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  return outcome.exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DatabaseLockedError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Error: ${known ? message : message.split("\n")[0]}\n`);
    process.exit(1);
  },
);
