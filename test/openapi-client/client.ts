// A tiny API client typed only from the OpenAPI document: `./generated/api` is what
// openapi-typescript makes of GET /api/v1/openapi.json (written by `npm run openapi:check`, not
// committed). If the document stops describing what a client expects, this stops compiling.
import type { paths } from "./generated/api";

type JsonPath = { [P in keyof paths]: paths[P]["post"] extends { requestBody: { content: { "application/json": unknown } } } ? P : never }[keyof paths];

/** The JSON body an endpoint takes. */
export type RequestBody<P extends JsonPath> = paths[P]["post"]["requestBody"] extends { content: { "application/json": infer B } } ? B : never;

type Responses<P extends JsonPath> = paths[P]["post"]["responses"];

/** Every answer an endpoint can give, as `{status, body}` told apart by status. */
export type Reply<P extends JsonPath> = {
  [S in keyof Responses<P>]: { status: S; body: Responses<P>[S] extends { content: { "application/json": infer B } } ? B : never };
}[keyof Responses<P>];

export function createClient(baseUrl: string, apiKey: string, fetchImpl: typeof fetch = fetch) {
  return {
    async post<P extends JsonPath>(path: P, body: RequestBody<P>): Promise<Reply<P>> {
      const res = await fetchImpl(`${baseUrl}${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() } as Reply<P>;
    },
  };
}
