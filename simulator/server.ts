// The simulator's HTTP server: one port, a path prefix per platform host (/tiktok,
// /instagram/www, /instagram/api, /instagram/graph), the admin API and the feed.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { adminRoutes } from "./admin";
import { feedRoutes } from "./feed";
import { json, mediaType, readBody, type Reply, type Req } from "./http";
import { graphError } from "./instagram/errors";
import type { Route } from "./route";
import { platformRoutes } from "./routes";
import type { Settings } from "./settings";
import { SimState } from "./state";
import { ttError } from "./tiktok/envelope";
import type { Fault } from "./faults";

export type Simulator = { url: string; close(): Promise<void>; state: SimState };

export type SimulatorOptions = { port?: number; host?: string; settings?: Partial<Settings> };

const ROUTES: Route[] = [...adminRoutes, ...feedRoutes, ...platformRoutes];
const REQUEST_LOG_LIMIT = 2_000;

export async function createSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const state = new SimState(opts.settings);
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      console.error("[simulator]", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "simulator crashed", detail: String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? "127.0.0.1";
  state.baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: state.baseUrl,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(state: SimState, incoming: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(incoming.url ?? "/", state.baseUrl);
  const method = (incoming.method ?? "GET").toUpperCase();
  const raw = await readBody(incoming);
  let match: RegExpExecArray | null = null;
  const route = ROUTES.find((r) => r.method === method && (match = r.pattern.exec(url.pathname)) !== null);
  if (!route || !match) return send(res, json(404, { error: `No simulated endpoint for ${method} ${url.pathname}` }));

  const req: Req = { method, url, headers: incoming.headers, contentType: mediaType(incoming.headers["content-type"]), raw, match: [...(match as RegExpExecArray)] };
  const fault = route.platform ? state.faults.take(route.name) : undefined;
  if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  const reply = fault?.status !== undefined ? faultReply(state, route, fault) : await route.handle(req, state);

  if (route.platform) {
    const body = method === "POST" && raw.length > 0 ? raw.subarray(0, 2000).toString("utf8") : undefined;
    state.requests.push({ method, path: url.pathname, route: route.name, status: reply.status, time: new Date(state.now()).toISOString(), ...(body ? { body } : {}) });
    if (state.requests.length > REQUEST_LOG_LIMIT) state.requests.shift();
  }
  if (route.name.startsWith("instagram.") && url.pathname.startsWith("/instagram/graph")) {
    reply.headers = { ...reply.headers, "x-app-usage": appUsage(state) };
  }
  send(res, reply);
}

function faultReply(state: SimState, route: Route, fault: Fault): Reply {
  const status = fault.status ?? 500;
  if (typeof fault.body === "string") {
    const type = fault.body.trimStart().startsWith("<") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
    return { status, headers: { "content-type": type }, body: fault.body };
  }
  if (fault.body !== undefined) return json(status, fault.body);
  if (fault.code === undefined) return { status, body: "" };
  if (route.platform === "tiktok") return ttError(state, status, String(fault.code), fault.message ?? "");
  return graphError(status, {
    code: Number(fault.code), subcode: fault.subcode, message: fault.message ?? "An unexpected error has occurred. Please retry your request later.",
    transient: [1, 2, -1, 4, 17, 32, 613, 80002].includes(Number(fault.code)),
  });
}

/** Meta's usage header: percentages of the app's hourly budget, derived from the request log. */
function appUsage(state: SimState): string {
  const hourAgo = new Date(state.now() - 3_600_000).toISOString();
  const calls = state.requests.filter((r) => r.route.startsWith("instagram.") && r.time > hourAgo).length;
  const percent = Math.min(100, Math.floor(calls / 2));
  return JSON.stringify({ call_count: percent, total_cputime: Math.floor(percent / 2), total_time: Math.floor(percent / 2) });
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body ?? "");
}
