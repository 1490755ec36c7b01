import { describe, expect, it } from "vitest";
import { installAppContext, openTestContext, testDbKind } from "@/test/db";
import { GET } from "./route";

describe("GET /api/health", () => {
  it("reports the database kind and current migrations, then 503 once the database is gone", async () => {
    const ctx = await openTestContext();
    installAppContext(ctx);
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: testDbKind, migrations: "current" });

    await ctx.close();
    const down = await GET();
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false, db: "unreachable" });
  });
});
