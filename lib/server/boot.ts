// Server start: the database must open (and migrate) before anything is served.
import { getAppContext } from "./context";
import { logger } from "./logger";
import { adminSecret, writeRuntimeInfo } from "./runtime";

export async function boot(): Promise<void> {
  try {
    const ctx = await getAppContext();
    writeRuntimeInfo(ctx.config.dataDir, {
      url: `http://127.0.0.1:${ctx.config.port}`,
      adminSecret: adminSecret(),
      pid: process.pid,
      db: ctx.dbKind,
    });
    logger.info(`database ready (${ctx.dbKind}), migrations applied`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Error: could not open the database: ${reason.split("\n")[0]}`);
    process.exit(1);
  }
}
