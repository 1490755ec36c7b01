// The e2e suite's contract proxy: once the app is healthy, fetches the OpenAPI document the app
// serves and runs Prism in front of the app with it (`prism proxy --errors`), so every API
// request the specs make through it, and every response, is checked against the document. A
// request or response that differs comes back as Prism's problem+json error instead.
//
//   tsx scripts/contract-proxy.ts <app origin> <proxy port>
//
// Prism matches request paths against the document's `paths` alone and ignores the server's
// base path, so the copy it reads has the base path (/api/v1) moved onto every path: the same
// URLs, spelt so that clients keep calling /api/v1/... on the proxy.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const [appOriginArg, portArg] = process.argv.slice(2);
if (!appOriginArg || !portArg) {
  console.error("usage: tsx scripts/contract-proxy.ts <app origin> <proxy port>");
  process.exit(2);
}
const appOrigin: string = appOriginArg;
const port = Number(portArg);

async function waitForApp(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${appOrigin}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the app at ${appOrigin} did not become healthy`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

type Doc = { servers?: { url: string }[]; paths: Record<string, unknown> };

/** The served document with the server's base path moved onto each path, served by the proxy. */
function forProxy(doc: Doc): Doc {
  const base = new URL(doc.servers?.[0]?.url ?? appOrigin).pathname.replace(/\/$/, "");
  return {
    ...doc,
    servers: [{ url: `http://127.0.0.1:${port}` }],
    paths: Object.fromEntries(Object.entries(doc.paths).map(([p, item]) => [`${base}${p}`, item])),
  };
}

async function main() {
  await waitForApp(300_000);
  const res = await fetch(`${appOrigin}/api/v1/openapi.json`);
  if (!res.ok) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "postdeck-contract-")), "openapi.json");
  writeFileSync(file, JSON.stringify(forProxy((await res.json()) as Doc), null, 2));

  const prism = require.resolve("@stoplight/prism-cli/dist/index.js");
  // --errors: a violation becomes an error response; warn level: Prism logs violations, not every request.
  const args = [prism, "proxy", file, appOrigin, "--errors", "--host", "127.0.0.1", "--port", String(port), "--verboseLevel", "warn"];
  const child = spawn(process.execPath, args, { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(`contract proxy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
