// A minimal Graph caller for tests: form bodies with access_token, like postiz and the Postman collection.
import type { Harness } from "./harness";

export type GraphResult = { status: number; body: Record<string, unknown> & { error?: Record<string, unknown> }; headers: Headers };

export async function graph(h: Harness, method: "GET" | "POST", path: string, params: Record<string, string>): Promise<GraphResult> {
  const query = new URLSearchParams(params).toString();
  const res =
    method === "GET"
      ? await fetch(`${h.sim.url}/instagram/graph/v25.0${path}?${query}`)
      : await fetch(`${h.sim.url}/instagram/graph/v25.0${path}`, { method, headers: { "content-type": "application/x-www-form-urlencoded" }, body: query });
  return { status: res.status, body: (await res.json()) as GraphResult["body"], headers: res.headers };
}

export async function igToken(h: Harness, username: string): Promise<{ accessToken: string; userId: string }> {
  return h.adminJson("/tokens", { platform: "instagram", username });
}
