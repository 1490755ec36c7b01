import { expect, test } from "./fixtures";
import { runCli, uniqueEmail } from "./helpers";

test("GET /api/health reports the embedded database with current migrations", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true, db: "pglite", migrations: "current" });
});

test.describe("API authentication", () => {
  // Without a key the request itself breaks the document (bearer auth is required), so it goes
  // straight to the app; a key that is malformed or unknown is a well-formed request.
  for (const [label, headers, direct] of [
    ["no key", {}, true],
    ["a malformed key", { Authorization: "Bearer 12345" }, false],
    ["an unknown key", { Authorization: `Bearer pdk_00000000_${"a".repeat(40)}` }, false],
  ] as const) {
    test(`${label} gets the 401 envelope`, async ({ api, request }) => {
      const res = await (direct ? request : api).post("/api/v1/accounts", { headers, data: {} });
      expect(res.status()).toBe(401);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ ok: false, code: 401, data: null, error: { type: "unauthorized" } });
      expect(typeof body.message).toBe("string");
    });
  }
});

test("the CLI works while the app owns the embedded database", async ({ api }) => {
  const org = await runCli([
    "org", "create", "--name", "CLI While Running", "--owner-email", uniqueEmail("cli"), "--password", "running-pass-1",
  ]);
  expect(org.stderr).toBe("");
  expect(org.code).toBe(0);
  const { slug } = JSON.parse(org.stdout) as { slug: string };

  const key = await runCli(["api-key", "create", "--org", slug]);
  expect(key.code).toBe(0);
  const res = await api.post("/api/v1/accounts", {
    headers: { Authorization: `Bearer ${key.stdout.trim()}` },
    data: {},
  });
  expect(res.status()).toBe(200);

  const usage = await runCli(["api-key", "create"]);
  expect(usage.code).toBe(2);
});
