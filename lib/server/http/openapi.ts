// GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated from the same zod schemas
// that validate requests, so the documentation cannot drift from the code. Every request and
// response body is a named schema under components/schemas, and every $ref points there
// (`#/components/schemas/Post`), so the document resolves in standard OpenAPI 3.1 tools.
import "server-only";
import { z } from "zod";
import { ACCOUNT_STATUSES, PLATFORMS, WEEKDAYS, listAccountsSchema, updateAccountsSchema } from "@/lib/domain/accounts";
import { STATUS_OF } from "@/lib/domain/errors";
import {
  POST_STATUSES,
  createSlideshowBatchSchema,
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

const postObject = z.object({
  id: z.uuid(),
  account_id: z.uuid(),
  platform: z.enum(PLATFORMS),
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
});

/** Responses always use the weekly form of posting times: every day present, "HH:mm" lists. */
const weeklyPostingTimes = z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(z.string())])));

const accountObject = z.object({
  id: z.uuid(),
  platform: z.enum(PLATFORMS),
  username: z.string(),
  display_name: nullableString,
  avatar_url: nullableString,
  tag: nullableString,
  user_group: nullableString,
  org_group: nullableString,
  timezone: z.string(),
  posting_times: weeklyPostingTimes,
  min_gap_minutes: z.number().int(),
  daily_cap: z.number().int(),
  status: z.enum(ACCOUNT_STATUSES),
  last_posted_at: isoTime.nullable(),
  created_at: isoTime,
});

const previewItem = z.object({ account_id: z.uuid(), scheduled_at: isoTime, bumped: z.boolean(), selection: selectionSchema });

const mediaObject = z.object({
  id: z.uuid(),
  url: z.url(),
  thumbnail_url: z.url(),
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

const errorEnvelope = z.object({
  ok: z.literal(false),
  code: z.number().int(),
  message: z.string(),
  data: z.null(),
  error: z.object({
    type: z.enum(Object.keys(STATUS_OF) as [string, ...string[]]),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

/** Request bodies by component name: the very schemas the API parses with. */
const REQUESTS = {
  CreateSlideshow: createSlideshowSchema,
  CreateSlideshowBatch: createSlideshowBatchSchema,
  PreviewSchedule: previewScheduleSchema,
  ListPosts: listPostsSchema,
  PostId: postIdSchema,
  UpdatePost: updatePostSchema,
  PostIds: postIdsSchema,
  ListAccounts: listAccountsSchema,
  UpdateAccounts: updateAccountsSchema,
} satisfies Record<string, z.ZodType>;

/** Response bodies (and the objects they share) by component name. */
const RESPONSES = {
  Selection: selectionSchema,
  Post: postObject,
  PostingTimes: weeklyPostingTimes,
  Account: accountObject,
  SchedulePreview: previewItem,
  Media: mediaObject,
  Error: errorEnvelope,
  PostResponse: envelope(postObject),
  PostListResponse: envelope(z.object({ posts: z.array(postObject), next_cursor: z.string().nullable() })),
  PostsResponse: envelope(z.object({ posts: z.array(postObject) })),
  SchedulePreviewResponse: envelope(z.union([previewItem, z.object({ posts: z.array(previewItem) })])),
  AccountsResponse: envelope(z.object({ accounts: z.array(accountObject) })),
  MediaResponse: envelope(mediaObject),
} satisfies Record<string, z.ZodType>;

type Endpoint = {
  path: string;
  summary: string;
  body: keyof typeof REQUESTS | "multipart";
  ok: keyof typeof RESPONSES;
  status?: number;
  errors: number[];
};

const ENDPOINTS: Endpoint[] = [
  // 503: the media store (S3) could not be reached while images were being stored.
  { path: "/post/slideshow", summary: "Create and schedule a slideshow", body: "CreateSlideshow", ok: "PostResponse", status: 201, errors: [400, 401, 404, 409, 413, 422, 503] },
  {
    path: "/post/slideshow/batch",
    summary: "Create 1–50 slideshows at once, all or nothing, each placed as if the earlier ones were created",
    body: "CreateSlideshowBatch",
    ok: "PostsResponse",
    status: 201,
    errors: [400, 401, 404, 409, 413, 422, 503],
  },
  {
    path: "/post/preview-schedule",
    summary: "Where a create would land (one post, or {posts} placed in order); writes nothing",
    body: "PreviewSchedule",
    ok: "SchedulePreviewResponse",
    errors: [400, 401, 404, 409, 413],
  },
  { path: "/post", summary: "List posts by scheduled_at then id", body: "ListPosts", ok: "PostListResponse", errors: [400, 401, 413] },
  { path: "/post/status", summary: "One post", body: "PostId", ok: "PostResponse", errors: [400, 401, 404] },
  { path: "/post/update", summary: "Change a scheduled or failed post under the scheduling rules", body: "UpdatePost", ok: "PostResponse", errors: [400, 401, 404, 409, 413, 422, 503] },
  { path: "/post/delete", summary: "Delete scheduled or failed posts (all or nothing)", body: "PostIds", ok: "PostsResponse", errors: [400, 401, 404, 409] },
  { path: "/post/retry", summary: "Reschedule failed posts from now (all or nothing)", body: "PostIds", ok: "PostsResponse", errors: [400, 401, 404, 409] },
  { path: "/accounts", summary: "List accounts, filtered by tag, user_group, org_group", body: "ListAccounts", ok: "AccountsResponse", errors: [400, 401] },
  { path: "/accounts/update-info", summary: "Change labels, timezone, posting times, gap, cap or pause", body: "UpdateAccounts", ok: "AccountsResponse", errors: [400, 401, 404] },
  { path: "/media", summary: "Upload an image (multipart field `file`, JPEG or PNG, at most 5 MB)", body: "multipart", ok: "MediaResponse", status: 201, errors: [400, 401, 413, 422, 503] },
];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * JSON Schemas for a set of named zod schemas, converted together so that a named schema used
 * inside another becomes a `$ref` to its component instead of an embedded copy.
 */
function componentSchemas(named: Record<string, z.ZodType>, io: "input" | "output"): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: "any", reused: "inline", uri: (id) => ref(id).$ref });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      // Zod puts what it must reference but has no name for here (a schema with a .meta id, or
      // a recursive one) under "__shared", where a $ref from the document root cannot reach it.
      if (!(id in named)) throw new Error(`OpenAPI: zod made a "${id}" schema; name the schema it references in REQUESTS or RESPONSES`);
      // $id and $schema name a standalone JSON Schema resource; a component is neither.
      const { $id: _id, $schema: _schema, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const requests = componentSchemas(REQUESTS, "input");
  const responses = componentSchemas(RESPONSES, "output");
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
              : { "application/json": { schema: ref(e.body) } },
        },
        responses: {
          [code]: { description: "OK", content: { "application/json": { schema: ref(e.ok) } } },
          ...Object.fromEntries(e.errors.map((c) => [String(c), { description: errorText(c), content: { "application/json": { schema: ref("Error") } } }])),
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
      schemas: { ...requests, ...responses },
    },
    paths,
  };
}

function errorText(code: number): string {
  const kind = Object.entries(STATUS_OF).find(([, s]) => s === code)?.[0] ?? "error";
  return kind.replace(/_/g, " ");
}
