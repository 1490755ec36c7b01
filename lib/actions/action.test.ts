// authedAction without a request: the session and app context are stubbed, the rest is real.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, err, ok } from "@/lib/domain/errors";
import type { Role } from "@/lib/domain/roles";
import type { Member } from "@/lib/server/identity/session";

const session = vi.hoisted(() => ({ member: null as Member | null }));
const logged = vi.hoisted(() => [] as unknown[][]);

vi.mock("@/lib/server/context", () => ({ getAppContext: async () => ({ db: "test-db" }) }));
vi.mock("@/lib/server/identity/session", () => ({ currentMember: async () => session.member }));
vi.mock("@/lib/server/logger", () => ({ logger: { error: (...args: unknown[]) => logged.push(args) } }));

const { authedAction } = await import("./action");

function signIn(role: Role) {
  session.member = {
    userId: "u1",
    userName: "Eve",
    email: "eve@example.test",
    organizationId: "org-1",
    organizationName: "Org",
    organizationSlug: "org",
    role,
  };
}

beforeEach(() => {
  session.member = null;
  logged.length = 0;
});

describe("authedAction", () => {
  const echo = authedAction("post:write", async (input: { n: number }, { member, now }) =>
    ok({ doubled: input.n * 2, organizationId: member.organizationId, now }),
  );

  it("runs the handler for a role that may, with the session's organization and the clock", async () => {
    signIn("editor");
    const result = await echo({ n: 21 });
    expect(result).toMatchObject({ ok: true, data: { doubled: 42, organizationId: "org-1" } });
    expect(result.ok && result.data.now).toBeInstanceOf(Date);
  });

  it("refuses a role below the permission with the 403 shape, naming who may", async () => {
    signIn("viewer");
    const handler = vi.fn(async () => ok(1));
    const result = await authedAction("account:write", handler)(undefined);
    expect(result).toEqual({
      ok: false,
      error: { status: 403, type: "forbidden", message: "Your role (viewer) can't do this. Ask an owner or admin.", details: [] },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 401 when nobody is signed in", async () => {
    expect(await echo({ n: 1 })).toMatchObject({ ok: false, error: { status: 401, type: "unauthorized" } });
  });

  it("parses with the schema first: a bad field is the API's 400 with its path", async () => {
    signIn("owner");
    const handler = vi.fn(async (input: { caption: string }) => ok(input.caption));
    const action = authedAction("post:write", z.strictObject({ caption: z.string().max(3, "too long") }), handler);
    expect(await action({ caption: "abcd" })).toEqual({
      ok: false,
      error: { status: 400, type: "validation_error", message: "caption: too long", details: [{ path: "caption", message: "too long" }] },
    });
    expect(await action({ caption: "ok" })).toEqual({ ok: true, data: "ok" });
  });

  it("maps a use-case's error Result, and a thrown AppError, to the same shape", async () => {
    signIn("admin");
    const conflict = new AppError("conflict", "postTime: the slot is taken", [{ path: "postTime", message: "the slot is taken" }]);
    const expected = { ok: false, error: { status: 409, type: "conflict", message: conflict.message, details: conflict.details } };
    expect(await authedAction("post:write", async () => err(conflict))(undefined)).toEqual(expected);
    expect(await authedAction("post:write", async () => Promise.reject(conflict))(undefined)).toEqual(expected);
  });

  it("turns an unexpected throw into a bare 500 and logs it", async () => {
    signIn("owner");
    const boom = new Error('relation "posts" does not exist at 10.0.0.5');
    const result = await authedAction("post:write", async () => Promise.reject(boom))(undefined);
    expect(result).toMatchObject({ ok: false, error: { status: 500, type: "internal_error", details: [] } });
    expect(JSON.stringify(result)).not.toMatch(/relation|10\.0\.0\.5/);
    expect(logged).toEqual([["server action (post:write) failed", boom]]);
  });

  it("lets Next.js redirects through", async () => {
    signIn("owner");
    const { redirect } = await import("next/navigation");
    const action = authedAction("post:write", async () => redirect("/calendar"));
    await expect(action(undefined)).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});
