// Server start: the database must open (and migrate) before anything is served.
import "server-only";
import { type AppContext, getAppContext } from "./context";
import { logger } from "./logger";
import { adminSecret, writeRuntimeInfo } from "./runtime";
import { tick } from "./publishing/worker";

/** The in-app worker ticker; one tick at a time per process (more may run via the route). */
function startTicker(ctx: AppContext) {
  const every = ctx.config.workerTickMs;
  if (!every) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    tick(ctx)
      .then((s) => {
        if (s.claimed || s.complete || s.failed || s.retrying || s.reclaimed || s.unknownOutcome) logger.info("worker tick", s);
      })
      .catch((error: unknown) => logger.error("worker tick failed", error))
      .finally(() => {
        running = false;
      });
  }, every);
  timer.unref();
  logger.info(`publish worker ticking every ${every} ms`);
}

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
    startTicker(ctx);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Error: could not open the database: ${reason.split("\n")[0]}`);
    process.exit(1);
  }
}
