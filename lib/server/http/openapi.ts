// GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated from the same zod schemas
// that validate requests, so the documentation cannot drift from the code.
import "server-only";
import { z } from "zod";
import { listAccountsSchema, updateAccountsSchema } from "@/lib/domain/accounts";
import { STATUS_OF } from "@/lib/domain/errors";
import {
  POST_STATUSES,
  createSlideshowSchema,
  listPostsSchema,
  postIdSchema,
  postIdsSchema,
  previewScheduleSchema,
  updatePostSchema,
} from "@/lib/domain/posts";

const nullableString = z.string().nullable();
const isoTime = z.string().meta({ format: "date-time" });

const selectionSchema = z.object({
  mode: z.enum(["explicit", "least_recently_posted", "closest_slot"]),
  candidates: z.number().int(),
  available: z.number().int(),
  reason: z.string(),
});

const postObject = z
  .object({
    id: z.uuid(),
    account_id: z.uuid(),
    platform: z.enum(["tiktok", "instagram"]),
    type: z.literal("slideshow"),
    status: z.enum(POST_STATUSES),
    caption: z.string(),
    media_urls: z.array(z.url()),
    music_post_id: nullableString,
    requested_time: isoTime.nullable(),
    scheduled_at: isoTime,
    strict: z.boolean(),
    bumped: z.boolean(),
    social_id: nullableString,
    post_url: nullableString,
    error: nullableString,
    warnings: z.array(z.string()),
    selection: selectionSchema.nullable(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: "Post" });

const weekly = z.object(Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, z.array(z.string())])));

const accountObject = z
  .object({
    id: z.uuid(),
    platform: z.enum(["tiktok", "instagram"]),
    username: z.string(),
    display_name: nullableString,
    avatar_url: nullableString,
    tag: nullableString,
    user_group: nullableString,
    org_group: nullableString,
    timezone: z.string(),
    posting_times: weekly,
    min_gap_minutes: z.number().int(),
    daily_cap: z.number().int(),
    status: z.enum(["active", "paused", "needs_reauth"]),
    last_posted_at: isoTime.nullable(),
    created_at: isoTime,
  })
  .meta({ id: "Account" });

const previewItem = z.object({ account_id: z.uuid(), scheduled_at: isoTime, bumped: z.boolean(), selection: selectionSchema });

const mediaObject = z.object({
  id: z.uuid(),
  url: z.url(),
  mime_type: z.enum(["image/jpeg", "image/png"]),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
  warnings: z.array(z.string()),
});

function envelope(data: z.ZodType) {
  return z.object({ ok: z.literal(true), code: z.number().int(), message: z.string(), data });
}

const errorEnvelope = z
  .object({
    ok: z.literal(false),
    code: z.number().int(),
    message: z.string(),
    data: z.null(),
    error: z.object({
      type: z.enum(Object.keys(STATUS_OF) as [string, ...string[]]),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: "Error" });

type Endpoint = { path: string; summary: string; body: z.ZodType | "multipart"; ok: z.ZodType; status?: number; errors: number[] };

const ENDPOINTS: Endpoint[] = [
  { path: "/post/slideshow", summary: "Create and schedule a slideshow", body: createSlideshowSchema, ok: postObject, status: 201, errors: [400, 401, 404, 409, 413, 422] },
  {
    path: "/post/preview-schedule",
    summary: "Where a create would land (one post, or {posts} placed in order); writes nothing",
    body: previewScheduleSchema,
    ok: z.union([previewItem, z.object({ posts: z.array(previewItem) })]),
    errors: [400, 401, 404, 409, 413],
  },
  { path: "/post", summary: "List posts by scheduled_at then id", body: listPostsSchema, ok: z.object({ posts: z.array(postObject), next_cursor: z.string().nullable() }), errors: [400, 401, 413] },
  { path: "/post/status", summary: "One post", body: postIdSchema, ok: postObject, errors: [400, 401, 404] },
  { path: "/post/update", summary: "Change a scheduled or failed post under the scheduling rules", body: updatePostSchema, ok: postObject, errors: [400, 401, 404, 409, 413, 422] },
  { path: "/post/delete", summary: "Delete scheduled or failed posts (all or nothing)", body: postIdsSchema, ok: z.object({ posts: z.array(postObject) }), errors: [400, 401, 404, 409] },
  { path: "/post/retry", summary: "Reschedule failed posts from now (all or nothing)", body: postIdsSchema, ok: z.object({ posts: z.array(postObject) }), errors: [400, 401, 404, 409] },
  { path: "/accounts", summary: "List accounts, filtered by tag, user_group, org_group", body: listAccountsSchema, ok: z.object({ accounts: z.array(accountObject) }), errors: [400, 401] },
  { path: "/accounts/update-info", summary: "Change labels, timezone, posting times, gap, cap or pause", body: updateAccountsSchema, ok: z.object({ accounts: z.array(accountObject) }), errors: [400, 401, 404] },
  { path: "/media", summary: "Upload an image (multipart field `file`, JPEG or PNG, at most 5 MB)", body: "multipart", ok: mediaObject, status: 201, errors: [400, 401, 413, 422] },
];

const schemaOf = (s: z.ZodType, io: "input" | "output") => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any", reused: "inline" }) as Record<string, unknown>;
  return rest;
};

export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const e of ENDPOINTS) {
    const code = String(e.status ?? 200);
    paths[e.path] = {
      post: {
        summary: e.summary,
        operationId: e.path.replace(/^\//, "").replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
        security: [{ bearer: [] }],
        requestBody: {
          required: true,
          content:
            e.body === "multipart"
              ? { "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] } } }
              : { "application/json": { schema: schemaOf(e.body, "input") } },
        },
        responses: {
          [code]: { description: "OK", content: { "application/json": { schema: schemaOf(envelope(e.ok), "output") } } },
          ...Object.fromEntries(
            e.errors.map((c) => [String(c), { description: errorText(c), content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
          ),
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Postdeck API",
      version: "1.0.0",
      description:
        "Schedule TikTok photo posts and Instagram carousels. Compatible with UGC Inc's slideshow API. Every response is an envelope {ok, code, message, data} whose code equals the HTTP status.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys (pdk_…)" } },
      schemas: { Error: schemaOf(errorEnvelope, "output") },
    },
    paths,
  };
}

function errorText(code: number): string {
  const kind = Object.entries(STATUS_OF).find(([, s]) => s === code)?.[0] ?? "error";
  return kind.replace(/_/g, " ");
}
