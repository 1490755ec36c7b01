// GET /api/posts/export — the filtered posts as a CSV download (session cookie, any role), the
// same query as GET /api/posts; a bad filter is the API's 400 envelope, not a broken file.
import { fromReadQuery } from "@/lib/domain/calendar";
import { errorResponse } from "@/lib/server/http/envelope";
import { sessionRoute } from "@/lib/server/http/session-route";
import { exportPostsCsv } from "@/lib/server/posts/posts-table";

export const dynamic = "force-dynamic";

export const GET = sessionRoute("GET /api/posts/export", "post:read", async ({ req, ctx, member }) => {
  const csv = exportPostsCsv(ctx, member.organizationId, fromReadQuery(new URL(req.url).searchParams));
  if (!csv.ok) return errorResponse(csv.error);
  const name = `postdeck-posts-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(csv.value, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});
