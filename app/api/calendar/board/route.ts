// GET /api/calendar/board — the slot board's rows and posts for a day (session cookie, any role).
import { respond } from "@/lib/server/http/envelope";
import { sessionRoute } from "@/lib/server/http/session-route";
import { fromReadQuery } from "@/lib/domain/calendar";
import { calendarBoard } from "@/lib/server/posts/calendar";

export const dynamic = "force-dynamic";

export const GET = sessionRoute("GET /api/calendar/board", "post:read", async ({ req, ctx, member }) =>
  respond(await calendarBoard(ctx, member.organizationId, fromReadQuery(new URL(req.url).searchParams), new Date())),
);
