import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "@/lib/server/context";
import { installAppContext, openTestContext } from "@/test/db";
import { POST } from "./route";

let ctx: AppContext;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
});
afterAll(async () => {
  await ctx.close();
});

const call = (authorization?: string) =>
  POST(new Request("http://test/api/worker/tick", { method: "POST", headers: authorization ? { authorization } : {} }));

describe("POST /api/worker/tick", () => {
  it.each([[undefined], ["Bearer wrong"], [`Bearer ${"x".repeat(40)}`], ["Basic abc"]])("refuses %s with 401", async (auth) => {
    const res = await call(auth);
    expect(res.status).toBe(401);
  });

  it("runs a tick with the worker secret and returns its summary", async () => {
    const res = await call(`Bearer ${ctx.config.workerSecret}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, summary: { claimed: expect.any(Number), polled: expect.any(Number) } });
  });
});
