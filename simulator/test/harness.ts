// Shared test setup: a simulator and an image server on loopback, plus small HTTP helpers.
import { createSimulator, type Simulator } from "../server";
import type { Settings } from "../settings";
import { startImageServer, type ImageServer } from "./fixture-images";

export type Harness = {
  sim: Simulator;
  images: ImageServer;
  admin(path: string, body?: unknown): Promise<Response>;
  adminJson<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
};

export async function startHarness(settings: Partial<Settings> = {}): Promise<Harness> {
  const sim = await createSimulator({ settings });
  const images = await startImageServer();
  const admin = (path: string, body?: unknown) =>
    fetch(`${sim.url}/__admin${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return {
    sim,
    images,
    admin,
    adminJson: async <T>(path: string, body?: unknown) => (await (await admin(path, body)).json()) as T,
    close: async () => {
      await sim.close();
      await images.close();
    },
  };
}

/** Polls `check` until it returns a value, failing after `timeoutMs` of real time. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("waitFor timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The hidden and text inputs of an HTML form, as a scripted browser would post them. */
export function formFields(page: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const tag of page.match(/<input[^>]*>/g) ?? []) {
    if (/type="checkbox"/.test(tag)) continue;
    const name = /name="([^"]*)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? "";
    if (name) fields.set(name, value.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))));
  }
  return fields;
}

export function form(fields: Record<string, string>): RequestInit {
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() };
}
