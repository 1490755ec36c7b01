import { describe, expect, it } from "vitest";
import { bulkRefusal, isFailuresView, postsQuery, readPostsParams, tableInputOf } from "./posts-table";

const ACC = "3f1c2b9e-6a8d-4c1e-9b7a-2d5e8f0a1b2c";

describe("the Posts page's URL", () => {
  it("round-trips filters, drops what it cannot read, and leaves the default sort out", () => {
    const p = readPostsParams(new URLSearchParams(`status=failed&status=bogus&account=${ACC}&account=nope&tag=fit&platform=myspace&from=2026-03-29&to=2026-02-30&q=%20sale%20&sort=scheduled_desc`));
    expect(p).toEqual({ status: ["failed"], accountIds: [ACC], tag: "fit", userGroup: undefined, orgGroup: undefined, platform: undefined, from: "2026-03-29", to: undefined, search: "sale", sort: "scheduled_desc" });
    expect(readPostsParams(new URLSearchParams(postsQuery(p)))).toEqual(p);
    expect(postsQuery({ ...p, sort: "scheduled_asc", status: [] })).not.toContain("sort");
    expect(isFailuresView(p)).toBe(true);
    expect(isFailuresView({ status: ["failed", "retrying"] })).toBe(false);
  });

  it("reads the date range in the viewer's zone, the `to` day included, across a DST change", () => {
    const p = readPostsParams(new URLSearchParams("from=2026-03-29&to=2026-03-29"));
    // Berlin goes to summer time on 29 March 2026: that day is 23 hours long.
    expect(tableInputOf(p, "Europe/Berlin")).toMatchObject({ from: "2026-03-28T23:00:00.000Z", to: "2026-03-29T22:00:00.000Z" });
    expect(tableInputOf(p, "America/Los_Angeles")).toMatchObject({ from: "2026-03-29T07:00:00.000Z", to: "2026-03-30T07:00:00.000Z" });
  });
});

describe("bulkRefusal", () => {
  it("allows what the API allows and says why otherwise", () => {
    expect(bulkRefusal("retry", [{ status: "failed" }])).toBeNull();
    expect(bulkRefusal("move", [{ status: "scheduled" }, { status: "failed" }])).toBeNull();
    expect(bulkRefusal("delete", [])).toBe("Select posts first.");
    expect(bulkRefusal("retry", [{ status: "failed" }, { status: "scheduled" }])).toBe("1 of the selected posts is not failed; only failed posts can be retried.");
    expect(bulkRefusal("delete", [{ status: "complete" }, { status: "pending" }])).toMatch(/^2 of the selected posts are not scheduled or failed/);
    expect(bulkRefusal("move", Array.from({ length: 101 }, () => ({ status: "scheduled" as const })))).toMatch(/At most 100/);
  });
});
