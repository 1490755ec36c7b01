// Fetches a user-given URL without letting it reach this machine or its private network
// (SSRF). The rules are lib/domain/media.ts's; this file applies them to every hop and pins
// each connection to the addresses it checked, so a DNS answer cannot change in between.
import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import {
  addressRefusal,
  CONNECT_TIMEOUT_MS,
  isForbiddenHostname,
  MAX_IMAGE_BYTES,
  MAX_REDIRECTS,
  parseIpv4Literal,
  sizeRefusal,
  TOTAL_TIMEOUT_MS,
  urlRefusal,
} from "@/lib/domain/media";
import { err, ok, type Result } from "@/lib/domain/errors";
import { logger } from "../logger";

export type SafeFetchOptions = {
  /** ALLOW_PRIVATE_MEDIA_URLS: skip the address, host name and port rules (development only). */
  allowPrivate: boolean;
  maxBytes?: number;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxRedirects?: number;
  /** Resolves a host name to all its addresses (test seam; default: the system resolver). */
  lookup?: (hostname: string) => Promise<string[]>;
  /** Test seam: lets exactly one fixture server through while every other rule still applies. */
  allowAddress?: (ip: string, port: number) => boolean;
};

export type MediaFetchError = { reason: string };
export type FetchedBody = { bytes: Buffer; contentType: string | null; finalUrl: string };

type Limits = Required<Omit<SafeFetchOptions, "allowAddress">> & Pick<SafeFetchOptions, "allowAddress">;
type Hop = { redirectTo: string } | { body: Buffer; contentType: string | null };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

let warnedAllowPrivate = false;

/** GETs `url` (following at most 3 checked redirects) into memory, or says why not. */
export async function safeFetch(url: string, opts: SafeFetchOptions): Promise<Result<FetchedBody, MediaFetchError>> {
  const limits: Limits = {
    allowPrivate: opts.allowPrivate,
    maxBytes: opts.maxBytes ?? MAX_IMAGE_BYTES,
    connectTimeoutMs: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    totalTimeoutMs: opts.totalTimeoutMs ?? TOTAL_TIMEOUT_MS,
    maxRedirects: opts.maxRedirects ?? MAX_REDIRECTS,
    lookup: opts.lookup ?? resolveAll,
    allowAddress: opts.allowAddress,
  };
  if (limits.allowPrivate && !warnedAllowPrivate) {
    warnedAllowPrivate = true;
    logger.warn(
      "ALLOW_PRIVATE_MEDIA_URLS is ON: image URLs may reach localhost and private networks. Never enable this in production.",
    );
  }
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.totalTimeoutMs);
  try {
    return await follow(url, limits, deadline.signal);
  } catch (error) {
    if (deadline.signal.aborted) return refuse(`timed out after ${seconds(limits.totalTimeoutMs)}`);
    return refuse(describeNetworkError(error, limits));
  } finally {
    clearTimeout(timer);
  }
}

async function follow(start: string, limits: Limits, signal: AbortSignal): Promise<Result<FetchedBody, MediaFetchError>> {
  let current = start;
  for (let redirects = 0; ; redirects++) {
    const target = await checkTarget(current, limits, signal);
    if (!target.ok) {
      const after = redirects ? ` (after ${plural(redirects, "redirect")})` : "";
      return refuse(target.error.reason + after);
    }
    const hop = await request(target.value, limits, signal);
    if (!hop.ok) return hop;
    if ("body" in hop.value) return ok({ bytes: hop.value.body, contentType: hop.value.contentType, finalUrl: current });
    if (redirects >= limits.maxRedirects) return refuse("too many redirects");
    current = hop.value.redirectTo;
  }
}

type Target = { url: URL; host: string; port: number; addresses: string[] };

/** Checks the URL, its host name and every address it resolves to. */
async function checkTarget(raw: string, limits: Limits, signal: AbortSignal): Promise<Result<Target, MediaFetchError>> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse("not a valid URL");
  }
  const shape = urlRefusal(url);
  if (shape) return refuse(shape);
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  const bracketless = url.hostname.replace(/^\[(.*)\]$/, "$1");
  // URL parsing already turns 0x7f.1 into 127.0.0.1; normalising again costs nothing.
  const literal = isIP(bracketless) ? bracketless : parseIpv4Literal(bracketless);
  if (!literal && !limits.allowPrivate && isForbiddenHostname(bracketless)) {
    return refuse(`refused: ${bracketless} is an internal host name`);
  }
  const addresses = literal ? ok([literal]) : await raceAbort(resolve(bracketless, limits), signal);
  if (!addresses.ok) return addresses;
  for (const ip of addresses.value) {
    if (limits.allowPrivate || limits.allowAddress?.(ip, port)) continue;
    const why = addressRefusal(ip, port);
    if (why) return refuse(`refused: ${why}`);
  }
  return ok({ url, host: literal ?? bracketless, port, addresses: addresses.value });
}

async function resolve(host: string, limits: Limits): Promise<Result<string[], MediaFetchError>> {
  try {
    const addresses = await limits.lookup(host);
    return addresses.length ? ok(addresses) : refuse(`could not resolve ${host}`);
  } catch {
    return refuse(`could not resolve ${host}`);
  }
}

async function resolveAll(host: string): Promise<string[]> {
  const answers = await dnsLookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

/** One GET to a checked target: a redirect to follow, or the body read up to the byte limit. */
async function request(target: Target, limits: Limits, signal: AbortSignal): Promise<Result<Hop, MediaFetchError>> {
  const res = await open(target, limits, signal);
  const status = res.statusCode ?? 0;
  if (REDIRECT_STATUSES.has(status)) {
    res.destroy();
    const location = res.headers.location;
    if (!location) return refuse(`HTTP ${status} without a Location header`);
    try {
      return ok({ redirectTo: new URL(location, target.url).href });
    } catch {
      return refuse(`HTTP ${status} to an invalid Location`);
    }
  }
  if (status < 200 || status > 299) {
    res.destroy();
    return refuse(`HTTP ${status}`);
  }
  const declared = sizeRefusal(Number(res.headers["content-length"] ?? 0), limits.maxBytes);
  if (declared) {
    res.destroy();
    return refuse(declared);
  }
  // Content-Length is only a claim; count what actually arrives.
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      total += chunk.length;
      const tooLarge = sizeRefusal(total, limits.maxBytes);
      if (tooLarge) {
        res.destroy();
        return refuse(tooLarge);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (signal.aborted) throw error;
  }
  // A body shorter than its Content-Length means the server hung up mid-way.
  if (!res.complete) return refuse("connection closed before the body was complete");
  return ok({ body: Buffer.concat(chunks, total), contentType: res.headers["content-type"] ?? null });
}

class ConnectTimeout extends Error {}

/** Sends the request over a socket that can only reach `target.addresses`. */
function open(target: Target, limits: Limits, signal: AbortSignal): Promise<IncomingMessage> {
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolvePromise, reject) => {
    const req = client.request({
      method: "GET",
      hostname: target.host,
      port: target.port,
      path: target.url.pathname + target.url.search,
      headers: { host: target.url.host, "user-agent": "Postdeck-media/1.0", accept: "image/jpeg,image/png;q=0.9,*/*;q=0.1" },
      lookup: pinnedLookup(target.addresses),
      // A fresh socket per hop: a pooled one could have been opened for another address.
      agent: false,
      signal,
    });
    req.on("socket", (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => req.destroy(new ConnectTimeout()), limits.connectTimeoutMs);
      socket.once("connect", () => clearTimeout(timer));
      socket.once("close", () => clearTimeout(timer));
    });
    req.once("response", resolvePromise);
    req.once("error", reject);
    req.end();
  });
}

/** A resolver that answers only with the addresses already checked. */
function pinnedLookup(addresses: string[]): LookupFunction {
  const answers = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const first = answers[0];
    if (options.all) callback(null, answers);
    else if (first) callback(null, first.address, first.family);
    else callback(new Error("no checked address"), "", 0);
  };
}

function describeNetworkError(error: unknown, limits: Limits): string {
  if (error instanceof ConnectTimeout) return `could not connect within ${seconds(limits.connectTimeoutMs)}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ECONNRESET") return "connection reset";
  if (code?.startsWith("ERR_TLS") || code?.includes("CERT")) return `TLS error (${code})`;
  return `fetch failed (${code ?? (error instanceof Error ? error.message : "unknown error")})`;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error("aborted"));
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolvePromise, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function refuse(reason: string): Result<never, MediaFetchError> {
  return err({ reason });
}

const seconds = (ms: number) => `${ms / 1000} s`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
