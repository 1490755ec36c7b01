// GET /api/v1/openapi.json — the public OpenAPI 3.1 document (bare, no envelope)
import { getConfig } from "@/env";
import { openApiDocument } from "@/lib/server/http/openapi";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(openApiDocument(getConfig().publicBaseUrl), { headers: { "Cache-Control": "public, max-age=300" } });
}
