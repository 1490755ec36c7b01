import { QueryClient, type QueryKey, hashKey } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { queryKeys as keys } from "./query-keys";

const ORG = "org-a";
const OTHER = "org-b";
const range = { from: "2026-12-07T00:00:00+01:00", to: "2026-12-14T00:00:00+01:00" };

function startsWith(key: QueryKey, prefix: QueryKey): boolean {
  return prefix.every((part, i) => hashKey([part]) === hashKey([key[i]]));
}

describe("queryKeys", () => {
  it("is stable: the same inputs give equal keys on every call", () => {
    expect(keys.posts.detail(ORG, "p1")).toEqual(keys.posts.detail(ORG, "p1"));
    expect(hashKey(keys.posts.range(ORG, range))).toBe(hashKey(keys.posts.range(ORG, range)));
  });

  it("puts the organization in every key", () => {
    const all: QueryKey[] = [
      keys.accounts.list(ORG),
      keys.accounts.labels(ORG),
      keys.posts.range(ORG, range),
      keys.posts.list(ORG, { status: ["failed"] }),
      keys.posts.detail(ORG, "p1"),
      keys.preview.schedule(ORG, { accountId: null, imageUrls: ["https://example.com/1.jpg"] }),
      keys.sounds.library(ORG, { search: "rain" }),
    ];
    for (const key of all) expect(key.slice(0, 2)).toEqual(["org", ORG]);
    expect(keys.posts.detail(ORG, "p1")).not.toEqual(keys.posts.detail(OTHER, "p1"));
  });

  it("makes equal filters equal keys, whatever their order, blanks or instant spelling", () => {
    const a = keys.posts.range(ORG, { ...range, accountIds: ["b", "a", "a"], status: ["failed", "scheduled"], tag: " spring " });
    const b = keys.posts.range(ORG, {
      from: new Date("2026-12-06T23:00:00Z"),
      to: "2026-12-13T23:00:00.000Z",
      status: ["scheduled", "failed"],
      accountIds: ["a", "b"],
      tag: "spring",
      userGroup: "",
      orgGroup: undefined,
      platform: undefined,
    });
    expect(hashKey(a)).toBe(hashKey(b));
    expect(keys.accounts.list(ORG, { search: "  ", status: [] })).toEqual(keys.accounts.list(ORG));
    expect(keys.sounds.library(ORG, { search: " rain" })).toEqual(keys.sounds.library(ORG, { search: "rain" }));
  });

  it("keeps filters that differ apart", () => {
    expect(hashKey(keys.posts.range(ORG, range))).not.toBe(hashKey(keys.posts.range(ORG, { ...range, platform: "tiktok" })));
    expect(hashKey(keys.posts.list(ORG, { sort: "scheduled_asc" }))).not.toBe(hashKey(keys.posts.list(ORG, { sort: "scheduled_desc" })));
    expect(keys.sounds.library(ORG, { search: "rain" })).not.toEqual(keys.sounds.library(ORG, { search: "Rain" }));
  });

  it("nests ranges, lists and details under the posts root, and labels under accounts", () => {
    const root = keys.posts.all(ORG);
    expect(startsWith(keys.posts.detail(ORG, "p1"), root)).toBe(true);
    expect(startsWith(keys.posts.detail(ORG, "p1"), keys.posts.details(ORG))).toBe(true);
    expect(startsWith(keys.posts.list(ORG, { search: "x" }), keys.posts.lists(ORG))).toBe(true);
    expect(startsWith(keys.posts.range(ORG, range), keys.posts.ranges(ORG))).toBe(true);
    expect(startsWith(keys.accounts.labels(ORG), keys.accounts.all(ORG))).toBe(true);
    expect(startsWith(keys.posts.all(ORG), keys.org(ORG))).toBe(true);
  });

  it("invalidating the posts root hits ranges, lists and details of that organization only", async () => {
    const qc = new QueryClient();
    const hit = [keys.posts.range(ORG, range), keys.posts.list(ORG, { status: ["failed"] }), keys.posts.detail(ORG, "p1")];
    const missed = [keys.posts.detail(OTHER, "p1"), keys.accounts.list(ORG), keys.sounds.library(ORG)];
    for (const key of [...hit, ...missed]) qc.setQueryData(key, { any: "data" });

    await qc.invalidateQueries({ queryKey: keys.posts.all(ORG) });

    for (const key of hit) expect(qc.getQueryState(key)?.isInvalidated).toBe(true);
    for (const key of missed) expect(qc.getQueryState(key)?.isInvalidated).toBe(false);
  });

  it("a post write makes posts, previews and account rows stale, but not labels or sounds", async () => {
    const qc = new QueryClient();
    const stale = [keys.posts.detail(ORG, "p1"), keys.preview.schedule(ORG, { accountId: null, imageUrls: [] }), keys.accounts.list(ORG)];
    const fresh = [keys.accounts.labels(ORG), keys.sounds.library(ORG)];
    for (const key of [...stale, ...fresh]) qc.setQueryData(key, 1);

    await Promise.all(keys.afterPostWrite(ORG).map((queryKey) => qc.invalidateQueries({ queryKey })));

    for (const key of stale) expect(qc.getQueryState(key)?.isInvalidated).toBe(true);
    for (const key of fresh) expect(qc.getQueryState(key)?.isInvalidated).toBe(false);
  });
});
