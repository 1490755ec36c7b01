// npm run simulator — starts the platform simulator on 127.0.0.1:SIMULATOR_PORT (default 4010).
import { createSimulator } from "./server";
import type { Settings } from "./settings";

function numberFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  return raw === undefined || raw === "" ? undefined : Number(raw);
}

const settings: Partial<Settings> = {};
const processingMs = numberFromEnv("SIMULATOR_PROCESSING_MS");
if (processingMs !== undefined) Object.assign(settings, { tiktokProcessingMs: processingMs, igProcessingMs: processingMs });
const moderationMs = numberFromEnv("SIMULATOR_MODERATION_MS");
if (moderationMs !== undefined) settings.tiktokModerationMs = moderationMs;
if (process.env.SIMULATOR_AUTO_APPROVE === "1") settings.autoApprove = true;

async function main(): Promise<void> {
  const sim = await createSimulator({ port: numberFromEnv("SIMULATOR_PORT") ?? 4010, host: "127.0.0.1", settings });
  console.log(`Platform simulator on ${sim.url}
  feed            ${sim.url}/
  TikTok          ${sim.url}/tiktok            (www.tiktok.com and open.tiktokapis.com)
  Instagram www   ${sim.url}/instagram/www     (www.instagram.com)
  Instagram api   ${sim.url}/instagram/api     (api.instagram.com)
  Instagram graph ${sim.url}/instagram/graph   (graph.instagram.com)
  admin           ${sim.url}/__admin`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void sim.close().then(() => process.exit(0)));
  }
}

// tsx runs this file as CommonJS (no "type": "module"), so no top-level await.
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
