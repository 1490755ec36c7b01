import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import type { ApiOptions } from "./e2e/fixtures";

// The app under test runs on its own port with a fresh embedded database, so the suite never
// touches a developer's .data. Workers inherit the directory through the environment.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "postdeck-e2e-"));
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
// The contract proxy (Prism with the document the app serves) in front of the app: the specs'
// `api` fixture goes through it, so a request or response that differs from the document fails.
const proxyPort = port + 1;
export const apiBaseURL = `http://127.0.0.1:${proxyPort}`;

function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => Boolean(p && existsSync(p)));
}

export default defineConfig<ApiOptions>({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    apiBaseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  // Started in order: the app, then the proxy, which waits for the app and reads its document.
  webServer: [
    {
      command: "npx tsx scripts/start.ts",
      url: `${baseURL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port),
        DATA_DIR: process.env.E2E_DATA_DIR,
        PUBLIC_BASE_URL: baseURL,
        DATABASE_URL: "",
        SIMULATOR_PORT: String(port + 1010),
        WORKER_TICK_MS: "1000",
        // The specs sign up many organizations through the form.
        SIGNUP: "open",
      },
    },
    {
      command: `npx tsx scripts/contract-proxy.ts ${baseURL} ${proxyPort}`,
      port: proxyPort,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
