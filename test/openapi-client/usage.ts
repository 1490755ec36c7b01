// Typed calls a client of the API makes, checked by tsc against the types generated from the
// OpenAPI document (see client.ts). Compiled by `npm run openapi:check`, never run.
import { createClient } from "./client";
import type { components } from "./generated/api";

type Post = components["schemas"]["Post"];
type Account = components["schemas"]["Account"];

const api = createClient("http://127.0.0.1:3000/api/v1", "pdk_00000000_0000000000000000000000000000000000000000");

export async function scheduleOnAPool(imageUrl: string): Promise<Post> {
  const created = await api.post("/post/slideshow", {
    accountId: null,
    tag: "fitness",
    imageUrls: [imageUrl],
    caption: "Leg day #fitness",
    postTime: "2026-12-31T12:00:00Z",
    strict: false,
  });
  if (created.status !== 201) {
    const type: "validation_error" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "payload_too_large" | "media_error" | "rate_limited" | "internal_error" | "service_unavailable" =
      created.body.error.type;
    const fields: string[] = created.body.error.details.map((d) => d.path);
    throw new Error(`${type} ${created.body.message} ${fields.join(", ")}`);
  }
  const post = created.body.data;
  const when: string = post.scheduled_at;
  const mode: "explicit" | "least_recently_posted" | "closest_slot" | undefined = post.selection?.mode;
  void when;
  void mode;
  return post;
}

export async function listScheduled(accountId: string): Promise<{ posts: Post[]; next: string | null }> {
  const res = await api.post("/post", { accountIds: [accountId], status: ["scheduled", "failed"], startDate: "2026-12-01T00:00:00Z", limit: 100 });
  if (res.status !== 200) throw new Error(res.body.message);
  return { posts: res.body.data.posts, next: res.body.data.next_cursor };
}

export async function moveToEvenings(accountIds: string[]): Promise<Account[]> {
  const res = await api.post("/accounts/update-info", {
    accountIds,
    postingTimes: { mon: ["18:00", "21:00"], sat: [] },
    minGapMinutes: 90,
    dailyCap: 5,
    tag: null,
    paused: false,
  });
  if (res.status !== 200) throw new Error(res.body.message);
  const mondays: string[] = res.body.data.accounts.flatMap((a) => a.posting_times.mon);
  void mondays;
  return res.body.data.accounts;
}

export async function refusedAtCompileTime(): Promise<void> {
  // @ts-expect-error accountId is required (null lets the API pick an account)
  await api.post("/post/slideshow", { imageUrls: ["https://example.com/a.jpg"] });
  // @ts-expect-error the document refuses unknown fields
  await api.post("/post/slideshow", { accountId: null, imageUrls: [], scheduledAt: "2026-12-31T12:00:00Z" });
  // @ts-expect-error the multipart upload is not a JSON endpoint
  await api.post("/media", {});
}
