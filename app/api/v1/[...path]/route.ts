// ANY /api/v1/<unknown> — an envelope 404 instead of an HTML page, after the same key check
import { AppError } from "@/lib/domain/errors";
import { apiRoute } from "@/lib/server/http/api-route";

export const dynamic = "force-dynamic";

const notFound = apiRoute("unknown /api/v1 endpoint", async ({ req }) => {
  throw new AppError("not_found", `No endpoint ${req.method} ${new URL(req.url).pathname}`);
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
