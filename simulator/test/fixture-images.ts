// A tiny static image server for tests: good and bad fixtures on 127.0.0.1, generated with sharp.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";

export type ImageServer = { url: string; close(): Promise<void>; hits: string[] };

function solid(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });
}

/** A valid JPEG followed by padding: decoders ignore bytes after the end marker, size checks do not. */
async function paddedJpeg(totalBytes: number): Promise<Buffer> {
  const jpeg = await solid(1080, 1080).jpeg().toBuffer();
  return Buffer.concat([jpeg, Buffer.alloc(totalBytes - jpeg.length)]);
}

export async function startImageServer(): Promise<ImageServer> {
  const files: Record<string, { type: string; bytes: Buffer }> = {
    "/portrait.jpg": { type: "image/jpeg", bytes: await solid(1080, 1350).jpeg().toBuffer() },
    "/square.jpg": { type: "image/jpeg", bytes: await solid(1080, 1080).jpeg().toBuffer() },
    "/square.webp": { type: "image/webp", bytes: await solid(1080, 1080).webp().toBuffer() },
    "/tall.jpg": { type: "image/jpeg", bytes: await solid(1080, 1920).jpeg().toBuffer() },
    "/wide.jpg": { type: "image/jpeg", bytes: await solid(1920, 900).jpeg().toBuffer() },
    "/huge.jpg": { type: "image/jpeg", bytes: await solid(2400, 2400).jpeg().toBuffer() },
    "/landscape.jpg": { type: "image/jpeg", bytes: await solid(1600, 900).jpeg().toBuffer() },
    // One column wider than square: rounding, which a carousel crop should not count.
    "/almost-square.jpg": { type: "image/jpeg", bytes: await solid(1081, 1080).jpeg().toBuffer() },
    // Served as image/jpeg on purpose: the format must be judged from the bytes.
    "/disguised.jpg": { type: "image/jpeg", bytes: await solid(1080, 1080).png().toBuffer() },
    "/heavy-21mb.jpg": { type: "image/jpeg", bytes: await paddedJpeg(21_000_000) },
    "/heavy-9mib.jpg": { type: "image/jpeg", bytes: await paddedJpeg(9 * 1024 * 1024) },
  };
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits.push(path);
    if (path === "/redirect.jpg") return void res.writeHead(302, { location: "/square.jpg" }).end();
    if (path === "/slow.jpg") return void setTimeout(() => res.writeHead(200, { "content-type": "image/jpeg" }).end(files["/square.jpg"]!.bytes), 3_000);
    const file = files[path];
    if (!file) return void res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": file.type, "content-length": file.bytes.length }).end(file.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
