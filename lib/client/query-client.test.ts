import { describe, expect, it } from "vitest";
import { ActionError } from "./action-result";
import { makeQueryClient, shouldRetry } from "./query-client";

describe("shouldRetry", () => {
  const failure = (status: number) => new ActionError({ status, type: "x", message: "x", details: [] });

  it("never retries a 4xx: it would fail the same way", () => {
    for (const status of [400, 401, 403, 404, 409, 429]) expect(shouldRetry(0, failure(status))).toBe(false);
  });

  it("retries 5xx and transport errors twice", () => {
    expect(shouldRetry(0, failure(500))).toBe(true);
    expect(shouldRetry(1, new TypeError("Failed to fetch"))).toBe(true);
    expect(shouldRetry(2, failure(503))).toBe(false);
  });
});

describe("makeQueryClient", () => {
  it("keeps data fresh for a while, does not refetch on focus and never retries writes", () => {
    const defaults = makeQueryClient().getDefaultOptions();
    expect(defaults.queries?.staleTime).toBeGreaterThan(0);
    expect(defaults.queries?.refetchOnWindowFocus).toBe(false);
    expect(defaults.mutations?.retry).toBe(false);
  });
});
