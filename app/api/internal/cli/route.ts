// POST /api/internal/cli — runs a CLI command for a local CLI process while this app owns the
// embedded database. Guarded by the per-run admin secret in .data/runtime.json.
import { bearerToken } from "@/lib/domain/api-keys";
import { parseCli } from "@/lib/domain/cli";
import { runCliCommand } from "@/lib/server/cli";
import { getAppContext } from "@/lib/server/context";
import { isAdminToken } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  if (!isAdminToken(bearerToken(req.headers.get("authorization")))) {
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
  const body = (await req.json().catch(() => null)) as { argv?: unknown } | null;
  const argv = Array.isArray(body?.argv) && body.argv.every((a) => typeof a === "string") ? body.argv : null;
  if (!argv) return Response.json({ error: "argv must be a list of strings" }, { status: 400 });
  const parsed = parseCli(argv);
  if (!parsed.ok) return Response.json({ exitCode: 2, stdout: "", stderr: parsed.error + "\n" });
  const ctx = await getAppContext();
  return Response.json(await runCliCommand(ctx, parsed.command, new Date()));
}
