// GET|POST /api/auth/* — better-auth's own endpoints (sessions, sign-in, organizations)
import { getAppContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  const { auth } = await getAppContext();
  return auth.handler(req);
}

export const GET = handle;
export const POST = handle;
