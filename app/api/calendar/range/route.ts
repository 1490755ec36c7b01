// GET /api/calendar/range — the calendar's cards for a range (session cookie, any role): a GET so
// the browser can read while a move's server action runs (actions run one at a time).
import { respond } from "@/lib/server/http/envelope";
import { sessionRoute } from "@/lib/server/http/session-route";
import { fromReadQuery } from "@/lib/domain/calendar";
import { calendarRange } from "@/lib/server/posts/calendar";

export const dynamic = "force-dynamic";

export const GET = sessionRoute("GET /api/calendar/range", "post:read", async ({ req, ctx, member }) =>
  respond(await calendarRange(ctx, member.organizationId, fromReadQuery(new URL(req.url).searchParams), new Date())),
);
