// POST /api/worker/tick — one publish tick (bearer WORKER_SECRET); safe to run concurrently
import { timingSafeEqual } from "node:crypto";
import { bearerToken } from "@/lib/domain/api-keys";
import { getAppContext } from "@/lib/server/context";
import { tick } from "@/lib/server/worker";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

function authorized(header: string | null, secret: string): boolean {
  const presented = Buffer.from(bearerToken(header) ?? "");
  const expected = Buffer.from(secret);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

export async function POST(req: Request): Promise<Response> {
  const ctx = await getAppContext();
  if (!authorized(req.headers.get("authorization"), ctx.config.workerSecret)) {
    return Response.json({ ok: false, error: "unauthorized" }, { status: 401 });
  }
  return Response.json({ ok: true, summary: await tick(ctx) });
}
