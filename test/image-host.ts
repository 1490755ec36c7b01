// A tiny local image host for use-case tests: good 9:16 JPEGs, a square one and a 404.
// Contexts that fetch from it must allow private addresses (ALLOW_PRIVATE_MEDIA_URLS).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";

export type ImageHost = { url: (path: string) => string; hits: () => number; close: () => Promise<void> };

export async function startImageHost(): Promise<ImageHost> {
  const portrait = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#4f46e5" } }).jpeg().toBuffer();
  const square = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: "#16a34a" } }).jpeg().toBuffer();
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    const path = req.url ?? "/";
    const body = path.startsWith("/portrait/") ? portrait : path.startsWith("/square/") ? square : null;
    if (!body) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "image/jpeg", "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
