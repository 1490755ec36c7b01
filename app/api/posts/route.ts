// GET /api/posts — a page of the Posts table (session cookie, any role): filters, sort and the
// keyset cursor in the query, lists repeated (?status=failed&status=retrying&account=…).
import { fromReadQuery } from "@/lib/domain/calendar";
import { respond } from "@/lib/server/http/envelope";
import { sessionRoute } from "@/lib/server/http/session-route";
import { listPostsTable } from "@/lib/server/posts/posts-table";

export const dynamic = "force-dynamic";

export const GET = sessionRoute("GET /api/posts", "post:read", async ({ req, ctx, member }) =>
  respond(await listPostsTable(ctx, member.organizationId, fromReadQuery(new URL(req.url).searchParams))),
);
