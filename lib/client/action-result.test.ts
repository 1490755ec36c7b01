import { describe, expect, it, vi } from "vitest";
import { AppError, err, invalid, ok } from "@/lib/domain/errors";
import {
  ActionError,
  type ActionResult,
  actionFailure,
  fieldErrors,
  indexedErrors,
  messageOf,
  toActionResult,
  unwrapAction,
  unwrapResult,
} from "./action-result";

describe("toActionResult", () => {
  it("passes a value through as data", () => {
    expect(toActionResult(ok({ id: "p1" }))).toEqual({ ok: true, data: { id: "p1" } });
  });

  it("keeps an AppError's status, type, message and field details, as the API envelope does", () => {
    const result = toActionResult(err(invalid([{ path: "imageUrls[1]", message: "must be an absolute http(s) URL" }])));
    expect(result).toEqual({
      ok: false,
      error: {
        status: 400,
        type: "validation_error",
        message: "imageUrls[1]: must be an absolute http(s) URL",
        details: [{ path: "imageUrls[1]", message: "must be an absolute http(s) URL" }],
      },
    });
  });

  it.each([
    ["forbidden", 403],
    ["not_found", 404],
    ["conflict", 409],
    ["rate_limited", 429],
    ["internal_error", 500],
  ] as const)("maps %s to %i", (kind, status) => {
    const result = toActionResult(err(new AppError(kind, "no")));
    expect(result).toEqual({ ok: false, error: { status, type: kind, message: "no", details: [] } });
  });
});

describe("actionFailure", () => {
  it("builds the 403 the role check returns", () => {
    expect(actionFailure("forbidden", "Only owners and admins can do this.")).toEqual({
      ok: false,
      error: { status: 403, type: "forbidden", message: "Only owners and admins can do this.", details: [] },
    });
  });
});

describe("unwrapAction", () => {
  const failed: ActionResult<never> = actionFailure("conflict", "That slot is taken", [{ path: "postTime", message: "taken" }]);

  it("resolves with the data of a successful action", async () => {
    await expect(unwrapAction(async (n: number) => ({ ok: true as const, data: n * 2 }))(21)).resolves.toBe(42);
  });

  it("rejects with an ActionError carrying status, type and details", async () => {
    const error: unknown = await unwrapAction(async () => failed)(undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({ status: 409, type: "conflict", message: "That slot is taken", details: [{ path: "postTime", message: "taken" }] });
  });

  it("forwards only the input, never TanStack's second (context) argument", async () => {
    const action = vi.fn(async (_input: string) => ({ ok: true as const, data: null }));
    const mutationFn = unwrapAction(action) as (input: string, context: unknown) => Promise<null>;
    await mutationFn("x", { client: {} });
    expect(action.mock.calls).toEqual([["x"]]);
  });

  it("unwrapResult throws the same way for a result in hand", () => {
    expect(() => unwrapResult(failed)).toThrow(ActionError);
    expect(unwrapResult({ ok: true, data: "yes" })).toBe("yes");
  });
});

describe("fieldErrors", () => {
  it("maps paths to their first message, and a pathless issue to `form`", () => {
    expect(
      fieldErrors([
        { path: "caption", message: "too long" },
        { path: "caption", message: "second" },
        { path: "imageUrls[0]", message: "bad URL" },
        { path: "", message: "No account can take this post" },
      ]),
    ).toEqual({ caption: "too long", "imageUrls[0]": "bad URL", form: "No account can take this post" });
  });
});

describe("indexedErrors", () => {
  it("keys a list field's item messages by index and leaves the field's own and other fields' out", () => {
    const errors = { imageUrls: "at most 35", "imageUrls[2]": "not an image", "imageUrls[10]": "too big", "imageUrls[3].x": "nested", caption: "too long", "imageUrlsX[1]": "other" };
    expect(indexedErrors(errors, "imageUrls")).toEqual({ 2: "not an image", 10: "too big" });
    expect(indexedErrors({}, "imageUrls")).toEqual({});
  });
});

describe("messageOf", () => {
  it("shows the server's message, and never the text of an unexpected error", () => {
    expect(messageOf(new ActionError({ status: 409, type: "conflict", message: "Taken", details: [] }))).toBe("Taken");
    expect(messageOf(new Error("ECONNRESET at 10.0.0.3"))).not.toContain("10.0.0.3");
  });
});
