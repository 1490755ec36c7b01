import { type APIRequestContext, type APIResponse, test as base, expect } from "@playwright/test";

export { expect };

/** Options set in playwright.config.ts. */
export type ApiOptions = {
  /** Where `api` sends requests: the contract proxy (Prism) in front of the app. */
  apiBaseURL: string | undefined;
};

const CALLS = ["fetch", "get", "post", "put", "patch", "delete", "head"] as const;

/**
 * `api` talks to the public API through the contract proxy, which checks each request and
 * response against the OpenAPI document the app serves. A request or response that differs
 * makes the test fail, whatever the test itself asserts. Straight to the app, through
 * `request`, go calls that are not in the document (pages, media files, /api/health), requests
 * that break the document on purpose (to test the API's own 400 and 401 answers), and image
 * uploads (Prism's proxy re-encodes a binary body as text, which corrupts the image).
 */
export const test = base.extend<ApiOptions & { api: APIRequestContext }>({
  apiBaseURL: [undefined, { option: true }],
  api: async ({ playwright, apiBaseURL, baseURL }, provide) => {
    const context = await playwright.request.newContext({ baseURL: apiBaseURL ?? baseURL });
    const violations: string[] = [];
    const check = async (res: APIResponse) => {
      const header = res.headers()["sl-violations"];
      const problem = (res.headers()["content-type"] ?? "").startsWith("application/problem+json");
      if (header || problem) violations.push(`${res.url()} → ${res.status()}: ${header ?? (await res.text())}`);
      return res;
    };
    const checked = new Proxy(context, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        if ((CALLS as readonly (string | symbol)[]).includes(prop)) {
          return async (...args: unknown[]) => check(await (value as (...a: unknown[]) => Promise<APIResponse>).apply(target, args));
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    await provide(checked);
    await context.dispose();
    expect(violations, "API requests or responses that differ from the OpenAPI document").toEqual([]);
  },
});
