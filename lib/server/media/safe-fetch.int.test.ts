import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  blockNonLoopbackRequests,
  type MediaFixture,
  startMediaFixture,
  startUnresponsiveListener,
} from "@/test/media-fixtures";
import { safeFetch, type SafeFetchOptions } from "./safe-fetch";

let fixture: MediaFixture;
let guard: ReturnType<typeof blockNonLoopbackRequests>;

beforeAll(async () => {
  fixture = await startMediaFixture();
  guard = blockNonLoopbackRequests();
});
afterAll(async () => {
  guard.restore();
  await fixture.close();
});
afterEach(() => {
  expect(guard.violations.splice(0), "requests to non-loopback addresses").toEqual([]);
});

/** The fixture is let through by the seam; every other address is judged by the real rules. */
const seam = (extra: Partial<SafeFetchOptions> = {}): SafeFetchOptions => ({
  allowPrivate: false,
  allowAddress: fixture.allowFixture,
  lookup: () => Promise.reject(new Error("no DNS in tests")),
  ...extra,
});

async function reasonFor(url: string, opts: SafeFetchOptions): Promise<string> {
  const result = await safeFetch(url, opts);
  if (result.ok) throw new Error(`expected ${url} to be refused`);
  return result.error.reason;
}

const totalHits = () => [...fixture.hits.values()].reduce((a, b) => a + b, 0);

describe("safeFetch through the allowAddress seam", () => {
  it("fetches an image with its bytes, content type and final URL", async () => {
    const result = await safeFetch(fixture.url("/portrait.jpg"), seam());
    expect(result).toEqual({
      ok: true,
      value: { bytes: fixture.images.portraitJpeg, contentType: "image/jpeg", finalUrl: fixture.url("/portrait.jpg") },
    });
  });

  it("connects to the address it checked, resolving the name only once (no rebinding window)", async () => {
    const lookups: string[] = [];
    // A rebinding server would answer differently the second time; there must be no second time.
    const answers = [["127.0.0.1"], ["10.0.0.1"]];
    const lookup = async (host: string) => {
      lookups.push(host);
      return answers[lookups.length - 1] ?? [];
    };
    const result = await safeFetch(`http://pinned.example:${fixture.port}/portrait.jpg`, seam({ lookup }));
    expect(result.ok && result.value.bytes.equals(fixture.images.portraitJpeg)).toBe(true);
    expect(lookups).toEqual(["pinned.example"]);
  });

  it.each(["/redirect", "/redirect-absolute", "/chain/3"])("follows %s to the image", async (path) => {
    const result = await safeFetch(fixture.url(path), seam());
    expect(result.ok && result.value.finalUrl).toBe(fixture.url(path === "/chain/3" ? "/chain/0" : "/portrait.jpg"));
  });

  it("refuses a fourth redirect without following it", async () => {
    const before = fixture.hits.get("/chain/0") ?? 0;
    expect(await reasonFor(fixture.url("/chain/4"), seam())).toBe("too many redirects");
    expect(fixture.hits.get("/chain/1")).toBeGreaterThan(0);
    expect(fixture.hits.get("/chain/0") ?? 0).toBe(before);
  });

  it("honours a smaller redirect limit", async () => {
    expect(await reasonFor(fixture.url("/redirect"), seam({ maxRedirects: 0 }))).toBe("too many redirects");
  });

  it.each([
    ["/missing.jpg", "HTTP 404"],
    ["/big.jpg", "larger than 5 MB"],
    ["/big-chunked.jpg", "larger than 5 MB"],
    ["/short-body.jpg", "connection closed before the body was complete"],
    ["/no-location", "HTTP 302 without a Location header"],
  ])("refuses %s: %s", async (path, reason) => {
    expect(await reasonFor(fixture.url(path), seam())).toBe(reason);
  });

  it("stops reading at the byte limit even without a Content-Length", async () => {
    const small = seam({ maxBytes: 100_000 });
    expect(await reasonFor(fixture.url("/big-chunked.jpg"), small)).toBe("larger than 97.66 KB");
    expect(await reasonFor(fixture.url("/portrait.jpg"), seam({ maxBytes: 1000 }))).toBe("larger than 1000 bytes");
  });

  it("never keeps more than a lying Content-Length promised", async () => {
    const result = await safeFetch(fixture.url("/understated.jpg"), seam());
    expect(result.ok && result.value.bytes.length).toBe(1000);
  });

  it("gives up on a server that does not answer within the total timeout", async () => {
    const started = performance.now();
    const reason = await reasonFor(fixture.url("/slow.jpg"), seam({ totalTimeoutMs: 300 }));
    expect(reason).toBe("timed out after 0.3 s");
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("gives up connecting after the connect timeout", async () => {
    const listener = await startUnresponsiveListener();
    try {
      const opts = seam({
        allowAddress: (ip, p) => ip === "127.0.0.1" && p === listener.port,
        connectTimeoutMs: 300,
        totalTimeoutMs: 10_000,
      });
      const started = performance.now();
      expect(await reasonFor(`http://127.0.0.1:${listener.port}/x.jpg`, opts)).toBe("could not connect within 0.3 s");
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      listener.close();
    }
  });

  it("reports a refused connection", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const opts = seam({ allowAddress: (ip, p) => ip === "127.0.0.1" && p === port });
    expect(await reasonFor(`http://127.0.0.1:${port}/x.jpg`, opts)).toBe("connection refused");
  });

  it.each([
    ["/to-other-port", /^refused: 127\.0\.0\.1 is a loopback address \(after 1 redirect\)$/],
    ["/to-private", /^refused: 10\.0\.0\.1 is a private address \(after 1 redirect\)$/],
    ["/to-v6-loopback", /^refused: ::1 is a loopback address \(after 1 redirect\)$/],
    ["/to-metadata", /^refused: 169\.254\.169\.254 is a cloud metadata address/],
    ["/to-localhost", /^refused: localhost is an internal host name/],
    ["/to-file", /^not an http\(s\) URL \(after 1 redirect\)$/],
  ])("re-checks the redirect hop %s", async (path, reason) => {
    expect(await reasonFor(fixture.url(path), seam())).toMatch(reason);
    expect(fixture.decoyHits()).toBe(0);
  });
});

describe("safeFetch with ALLOW_PRIVATE_MEDIA_URLS", () => {
  it("reaches the fixture without a seam and warns loudly once per process", async () => {
    vi.resetModules();
    const fresh = await import("./safe-fetch");
    const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const first = await fresh.safeFetch(fixture.url("/portrait.png"), { allowPrivate: true });
      const second = await fresh.safeFetch(fixture.url("/redirect"), { allowPrivate: true });
      expect(first.ok && first.value.bytes.equals(fixture.images.portraitPng)).toBe(true);
      expect(second.ok).toBe(true);
      const warnings = stderr.mock.calls.filter(([line]) => String(line).includes("ALLOW_PRIVATE_MEDIA_URLS"));
      expect(warnings).toHaveLength(1);
    } finally {
      stderr.mockRestore();
    }
  });

  it("still refuses non-http schemes and credentials", async () => {
    expect(await reasonFor("file:///etc/passwd", { allowPrivate: true })).toBe("not an http(s) URL");
    expect(await reasonFor(`http://a:b@127.0.0.1:${fixture.port}/portrait.jpg`, { allowPrivate: true })).toBe(
      "credentials in the URL are not allowed",
    );
  });
});

describe("hostile URLs, with private addresses off and no seam", () => {
  // Seam-injected DNS: the names an attacker controls, and what they answer.
  const dns: Record<string, string[]> = {
    "rebind.example": ["93.184.216.34", "10.0.0.1"],
    "v6rebind.example": ["2606:4700::1", "::1"],
    "loopback.example": ["127.0.0.1"],
    "127.0.0.1.nip.io": ["127.0.0.1"],
    "metadata-alias.example": ["169.254.169.254"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "public.example": ["93.184.216.34"],
  };
  const looked: string[] = [];
  const strict: SafeFetchOptions = {
    allowPrivate: false,
    lookup: async (host) => {
      looked.push(host);
      const answers = dns[host];
      if (!answers) throw new Error(`unexpected DNS lookup of ${host}`);
      return answers;
    },
  };
  const p = () => fixture.port;
  const corpus: [string, () => string, RegExp][] = [
    ["loopback", () => `http://127.0.0.1:${p()}/portrait.jpg`, /127\.0\.0\.1 is a loopback address/],
    ["loopback on port 80", () => "http://127.0.0.1/portrait.jpg", /127\.0\.0\.1 is a loopback address/],
    ["loopback elsewhere in 127/8", () => `http://127.9.9.9:${p()}/`, /127\.9\.9\.9 is a loopback address/],
    ["decimal loopback", () => `http://2130706433:${p()}/portrait.jpg`, /127\.0\.0\.1 is a loopback/],
    ["hex loopback", () => `http://0x7f000001:${p()}/portrait.jpg`, /127\.0\.0\.1 is a loopback/],
    ["dotted hex loopback", () => `http://0x7f.0.0.1:${p()}/portrait.jpg`, /127\.0\.0\.1 is a loopback/],
    ["octal loopback", () => `http://0177.0.0.1:${p()}/portrait.jpg`, /127\.0\.0\.1 is a loopback/],
    ["short loopback", () => `http://127.1:${p()}/portrait.jpg`, /127\.0\.0\.1 is a loopback/],
    ["trailing-dot loopback", () => `http://127.0.0.1.:${p()}/portrait.jpg`, /127\.0\.0\.1 is a loopback/],
    ["https loopback", () => "https://127.0.0.1/portrait.jpg", /loopback/],
    ["IPv6 loopback", () => `http://[::1]:${p()}/portrait.jpg`, /::1 is a loopback address/],
    ["IPv4-mapped, dotted", () => `http://[::ffff:127.0.0.1]:${p()}/`, /loopback address \(IPv4-mapped 127\.0\.0\.1\)/],
    ["IPv4-mapped, hex", () => `http://[0:0:0:0:0:ffff:7f00:1]:${p()}/`, /loopback address \(IPv4-mapped 127\.0\.0\.1\)/],
    ["NAT64 loopback", () => "http://[64:ff9b::7f00:1]/", /loopback address \(NAT64 127\.0\.0\.1\)/],
    ["6to4 private", () => "http://[2002:a00:1::1]/", /private address \(6to4 10\.0\.0\.1\)/],
    ["unspecified", () => `http://0.0.0.0:${p()}/portrait.jpg`, /0\.0\.0\.0 is an unspecified address/],
    ["bare zero", () => `http://0:${p()}/portrait.jpg`, /0\.0\.0\.0 is an unspecified address/],
    ["IPv6 unspecified", () => `http://[::]:${p()}/`, /:: is an unspecified address/],
    ["cloud metadata", () => "http://169.254.169.254/latest/meta-data/", /cloud metadata address/],
    ["mapped metadata", () => "http://[::ffff:a9fe:a9fe]/", /cloud metadata address \(IPv4-mapped/],
    ["GCP metadata name", () => "http://metadata.google.internal/computeMetadata/v1/", /internal host name/],
    ["bare metadata name", () => "http://metadata/", /internal host name/],
    ["10/8", () => "http://10.0.0.1/a.jpg", /10\.0\.0\.1 is a private address/],
    ["172.16/12", () => "http://172.16.0.1/a.jpg", /172\.16\.0\.1 is a private address/],
    ["172.31", () => "http://172.31.255.254/a.jpg", /private address/],
    ["192.168/16", () => "http://192.168.1.1/a.jpg", /192\.168\.1\.1 is a private address/],
    ["CGNAT", () => "http://100.64.0.1/a.jpg", /carrier-grade NAT address/],
    ["multicast", () => "http://224.0.0.1/a.jpg", /multicast address/],
    ["broadcast", () => "http://255.255.255.255/a.jpg", /broadcast address/],
    ["benchmarking", () => "http://198.18.0.1/a.jpg", /benchmarking address/],
    ["unique-local", () => "http://[fc00::1]/a.jpg", /unique-local address/],
    ["AWS IPv6 metadata", () => "http://[fd00:ec2::254]/", /unique-local address/],
    ["IPv6 link-local", () => "http://[fe80::1]/a.jpg", /link-local address/],
    ["localhost", () => `http://localhost:${p()}/portrait.jpg`, /localhost is an internal host name/],
    ["LOCALHOST.", () => `http://LOCALHOST.:${p()}/portrait.jpg`, /internal host name/],
    ["x.localhost", () => `http://x.localhost:${p()}/portrait.jpg`, /x\.localhost is an internal host name/],
    ["file:", () => "file:///etc/passwd", /^not an http\(s\) URL$/],
    ["ftp:", () => `ftp://127.0.0.1:${p()}/portrait.jpg`, /^not an http\(s\) URL$/],
    ["gopher:", () => `gopher://127.0.0.1:${p()}/_GET`, /^not an http\(s\) URL$/],
    ["data:", () => "data:image/png;base64,iVBORw0KGgo=", /^not an http\(s\) URL$/],
    ["credentials", () => "http://user:pass@public.example/a.jpg", /^credentials in the URL are not allowed$/],
    ["user only", () => `http://admin@127.0.0.1:${p()}/portrait.jpg`, /^credentials in the URL are not allowed$/],
    ["DNS answer with a private IP", () => "http://rebind.example/a.jpg", /10\.0\.0\.1 is a private address/],
    ["DNS answer with ::1", () => "http://v6rebind.example/a.jpg", /::1 is a loopback address/],
    ["DNS answer of loopback", () => `http://loopback.example:${p()}/portrait.jpg`, /127\.0\.0\.1 is a loopback/],
    ["nip.io-style name", () => `http://127.0.0.1.nip.io:${p()}/portrait.jpg`, /127\.0\.0\.1 is a loopback/],
    ["DNS answer of metadata", () => "http://metadata-alias.example/", /cloud metadata address/],
    ["DNS answer IPv4-mapped", () => "http://mapped.example/", /IPv4-mapped 127\.0\.0\.1/],
    ["a public host on another port", () => "http://public.example:8080/a.jpg", /^refused: port 8080 is not allowed/],
    ["not a URL", () => "http//nope", /^not a valid URL$/],
  ];

  it("has at least 25 cases", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
  });

  it.each(corpus)("refuses %s without connecting", async (_label, url, reason) => {
    const hitsBefore = totalHits();
    expect(await reasonFor(url(), strict)).toMatch(reason);
    expect(totalHits()).toBe(hitsBefore);
    expect(fixture.decoyHits()).toBe(0);
  });

  it("never asks DNS about names that are refused by name", () => {
    expect(looked.every((host) => host in dns)).toBe(true);
    expect(looked).not.toContain("localhost");
    expect(looked).not.toContain("metadata.google.internal");
  });
});
