// POST /api/worker/tick — one publish tick (bearer WORKER_SECRET); safe to run concurrently
import { bearerToken } from "@/lib/domain/api-keys";
import { getAppContext } from "@/lib/server/context";
import { sameSecret } from "@/lib/server/crypto";
import { tick } from "@/lib/server/publishing/worker";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

export async function POST(req: Request): Promise<Response> {
  const ctx = await getAppContext();
  if (!sameSecret(bearerToken(req.headers.get("authorization")), ctx.config.workerSecret)) {
    return Response.json({ ok: false, error: "unauthorized" }, { status: 401 });
  }
  return Response.json({ ok: true, summary: await tick(ctx) });
}
