// GET /api/health — database reachability and migration state, for load balancers and start-up
import { checkHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health.body, { status: health.status, headers: { "Cache-Control": "no-store" } });
}
