// A publish worker as its own process, ticking until killed: the crash test SIGKILLs these.
import { parseConfig } from "@/env";
import { openDatabase } from "@/db/client";
import { tick } from "@/lib/server/publishing/worker";

async function main() {
  const config = parseConfig(process.env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, maxConnections: 6, migrate: false });
  const ctx = { db: database.db, config };
  for (;;) {
    await tick(ctx).catch((e: unknown) => console.error("tick failed", e));
    await new Promise((r) => setTimeout(r, 50));
  }
}

void main();
