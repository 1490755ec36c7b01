// Local HTTP servers with good, bad and hostile images for the media tests. They listen on
// 127.0.0.1 only; the fetcher reaches them through allowPrivate or the allowAddress seam.
import { spawn } from "node:child_process";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import net, { type AddressInfo, isIP } from "node:net";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { vi } from "vitest";

export type FixtureImages = {
  portraitJpeg: Buffer;
  portraitPng: Buffer;
  squareJpeg: Buffer;
  /** A valid JPEG padded past 5 MB (decoders ignore bytes after the end marker). */
  bigJpeg: Buffer;
  gif: Buffer;
  /** 10000x10000: 100 megapixels, over our limit but under sharp's own default. */
  hugePng: Buffer;
};

let images: Promise<FixtureImages> | undefined;

/** The fixture images, made once per test file. */
export function fixtureImages(): Promise<FixtureImages> {
  images ??= (async () => {
    const solid = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } });
    const portraitJpeg = await solid(1080, 1920).jpeg().toBuffer();
    return {
      portraitJpeg,
      portraitPng: await solid(1080, 1920).png().toBuffer(),
      squareJpeg: await solid(1080, 1080).jpeg().toBuffer(),
      bigJpeg: Buffer.concat([portraitJpeg, Buffer.alloc(6 * 1024 * 1024 - portraitJpeg.length)]),
      gif: await solid(16, 16).gif().toBuffer(),
      hugePng: solidPng(10_000, 10_000),
    };
  })();
  return images;
}

/** A black 1-bit PNG built by hand: sharp would have to push every pixel through its pipeline. */
function solidPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc32(typed), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth 1, colour type 0 (grey), default compression, filter, no interlace
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 + zero pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export type MediaFixture = {
  origin: string;
  port: number;
  url: (path: string) => string;
  /** Requests the fixture has received, by path. */
  hits: Map<string, number>;
  /** Requests a second server (the target of /to-other-port) has received. */
  decoyHits: () => number;
  decoyPort: number;
  /** The most /delay/<ms>/<portrait|square>.jpg requests that were in flight at once. */
  maxInFlight: () => number;
  /** The allowAddress seam that lets exactly this fixture through. */
  allowFixture: (ip: string, port: number) => boolean;
  images: FixtureImages;
  close: () => Promise<void>;
};

/** Starts the fixture and its decoy on random 127.0.0.1 ports. */
export async function startMediaFixture(): Promise<MediaFixture> {
  const imgs = await fixtureImages();
  const hits = new Map<string, number>();
  let decoyCount = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const decoy = await listen((_req, res) => {
    decoyCount += 1;
    sendImage(res, imgs.portraitJpeg, "image/jpeg");
  });
  const decoyPort = portOf(decoy);
  let port = 0;

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    "/portrait.jpg": (_q, res) => sendImage(res, imgs.portraitJpeg, "image/jpeg"),
    "/portrait.png": (_q, res) => sendImage(res, imgs.portraitPng, "image/png"),
    // Content-Type is never trusted: a PNG labelled as text is still a PNG.
    "/mislabelled.png": (_q, res) => sendImage(res, imgs.portraitPng, "text/plain"),
    "/square.jpg": (_q, res) => sendImage(res, imgs.squareJpeg, "image/jpeg"),
    "/big.jpg": (_q, res) => sendImage(res, imgs.bigJpeg, "image/jpeg"),
    "/big-chunked.jpg": (_q, res) => sendChunked(res, imgs.bigJpeg),
    "/anim.gif": (_q, res) => sendImage(res, imgs.gif, "image/gif"),
    "/page.jpg": (_q, res) => sendImage(res, Buffer.from("<!doctype html><title>Not an image</title>"), "image/jpeg"),
    "/huge.png": (_q, res) => sendImage(res, imgs.hugePng, "image/png"),
    "/slow.jpg": () => {}, // never answers; close() drops the connection
    "/redirect": (_q, res) => redirect(res, "/portrait.jpg"),
    "/redirect-absolute": (_q, res) => redirect(res, `http://127.0.0.1:${port}/portrait.jpg`),
    "/to-other-port": (_q, res) => redirect(res, `http://127.0.0.1:${decoyPort}/portrait.jpg`),
    "/to-private": (_q, res) => redirect(res, "http://10.0.0.1/portrait.jpg"),
    "/to-v6-loopback": (_q, res) => redirect(res, `http://[::1]:${port}/portrait.jpg`),
    "/to-metadata": (_q, res) => redirect(res, "http://169.254.169.254/latest/meta-data/"),
    "/to-localhost": (_q, res) => redirect(res, `http://localhost:${port}/portrait.jpg`),
    "/to-file": (_q, res) => redirect(res, "file:///etc/passwd"),
    "/no-location": (_q, res) => res.writeHead(302).end(),
    // Promises 100 kB, sends 1 kB, hangs up.
    "/short-body.jpg": (req) => rawResponse(req, "Content-Length: 100000", imgs.portraitJpeg.subarray(0, 1000)),
    // Claims 1000 bytes and sends 6 MB: the client must stop at the declared length.
    "/understated.jpg": (req) => rawResponse(req, "Content-Length: 1000", imgs.bigJpeg),
  };

  const server = await listen((req, res) => {
    const path = new URL(req.url ?? "/", "http://fixture").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const chain = path.match(/^\/chain\/(\d+)$/);
    const delay = path.match(/^\/delay\/(\d+)\/(portrait|square)\.jpg$/);
    if (chain) {
      const left = Number(chain[1]);
      return left === 0 ? sendImage(res, imgs.portraitJpeg, "image/jpeg") : redirect(res, `/chain/${left - 1}`);
    }
    if (delay) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        sendImage(res, delay[2] === "square" ? imgs.squareJpeg : imgs.portraitJpeg, "image/jpeg");
      }, Number(delay[1]));
      return;
    }
    const route = routes[path];
    if (route) return route(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  port = portOf(server);

  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    decoyHits: () => decoyCount,
    decoyPort,
    maxInFlight: () => maxInFlight,
    allowFixture: (ip, p) => ip === "127.0.0.1" && p === port,
    images: imgs,
    close: async () => {
      await Promise.all([stop(server), stop(decoy)]);
    },
  };
}

function sendImage(res: ServerResponse, body: Buffer, contentType: string): void {
  res.writeHead(200, { "content-type": contentType, "content-length": body.length }).end(body);
}

function sendChunked(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { "content-type": "image/jpeg" }); // no Content-Length: chunked
  for (let i = 0; i < body.length; i += 64 * 1024) res.write(body.subarray(i, i + 64 * 1024));
  res.end();
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location }).end();
}

function rawResponse(req: IncomingMessage, lengthHeader: string, body: Buffer): void {
  const head = `HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n${lengthHeader}\r\nConnection: close\r\n\r\n`;
  req.socket.end(Buffer.concat([Buffer.from(head, "latin1"), body]));
}

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function stop(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}

/**
 * A 127.0.0.1 port where connecting hangs: a child process listens with a backlog of 1 and never
 * accepts, and two connections fill that backlog, so the kernel drops any further SYN.
 */
export async function startUnresponsiveListener(): Promise<{ port: number; close: () => void }> {
  // Writes to a pipe are synchronous, so the port is out before the thread blocks, and it blocks
  // before its event loop could accept anything.
  const script = `const s = require("net").createServer().listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => {
    console.log(s.address().port);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
    process.exit(0);
  });`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => child.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
  const fillers = Array.from({ length: 3 }, () => net.connect(port, "127.0.0.1").on("error", () => {}));
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    port,
    close: () => {
      fillers.forEach((s) => s.destroy());
      child.kill();
    },
  };
}

/**
 * Makes every outgoing http(s) request in this process fail unless it targets 127.0.0.1, so a
 * broken guard cannot send test traffic anywhere else. `violations` lists what was blocked.
 */
export function blockNonLoopbackRequests(): { violations: string[]; restore: () => void } {
  const violations: string[] = [];
  const spies = [http, https].map((mod) => {
    const original = mod.request.bind(mod) as (options: http.RequestOptions) => http.ClientRequest;
    return vi.spyOn(mod, "request").mockImplementation(((options: http.RequestOptions) => {
      const bad = targetAddresses(options).filter((ip) => ip !== "127.0.0.1");
      if (bad.length) {
        violations.push(...bad);
        throw new Error(`test guard: blocked a request to ${bad.join(", ")}`);
      }
      return original(options);
    }) as typeof mod.request);
  });
  return { violations, restore: () => spies.forEach((s) => s.mockRestore()) };
}

/** The addresses a request would connect to: its host if an IP, else what its lookup answers. */
function targetAddresses(options: http.RequestOptions): string[] {
  const host = options.hostname ?? options.host ?? "localhost";
  if (isIP(host) || !options.lookup) return [host];
  let answers: string[] = [host];
  options.lookup(host, { all: true }, (_err, address) => {
    answers = Array.isArray(address) ? address.map((a) => a.address) : [address];
  });
  return answers;
}
