// GET /api/calendar/posts/:postId — one post for the post panel: the post, its account, its history.
import { respond } from "@/lib/server/http/envelope";
import { sessionRoute } from "@/lib/server/http/session-route";
import { postDetails } from "@/lib/server/posts/calendar";

export const dynamic = "force-dynamic";

export const GET = sessionRoute("GET /api/calendar/posts/:postId", "post:read", async ({ req, ctx, member }) => {
  const postId = decodeURIComponent(new URL(req.url).pathname.split("/").pop() ?? "");
  return respond(await postDetails(ctx, member.organizationId, { postId }));
});
