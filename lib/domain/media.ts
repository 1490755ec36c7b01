// Media rules: what the fetcher may connect to, what counts as an acceptable image, the 9:16
// advice and byte ranges for serving. Pure: the fetcher, store and routes only apply these.
// DESIGN.md §5.

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Decoding cost grows with pixels, not bytes: a tiny PNG can claim 20000x20000. */
export const MAX_IMAGE_PIXELS = 50_000_000;
export const MAX_REDIRECTS = 3;
export const CONNECT_TIMEOUT_MS = 5_000;
export const TOTAL_TIMEOUT_MS = 20_000;
export const FETCH_CONCURRENCY = 8;
/** Ports a fetched URL may use; anything else is more likely an internal service than a CDN. */
export const ALLOWED_PORTS: readonly number[] = [80, 443];

export type ImageMimeType = "image/jpeg" | "image/png";

/** Why a body of `bytes` bytes is refused ("larger than 5 MB"), or null when it fits. */
export function sizeRefusal(bytes: number, maxBytes = MAX_IMAGE_BYTES): string | null {
  return bytes > maxBytes ? `larger than ${formatSize(maxBytes)}` : null;
}

function formatSize(bytes: number): string {
  const round = (n: number) => Math.round(n * 100) / 100;
  if (bytes >= 1024 * 1024) return `${round(bytes / 1024 / 1024)} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Why an image whose header claims more than MAX_IMAGE_PIXELS is refused. */
export const PIXEL_LIMIT_REASON = `more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`;

/** The image type from the first bytes only (never from a Content-Type header or file name). */
export function sniffImage(bytes: Uint8Array): ImageMimeType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  return null;
}

/** Why bytes that are not a JPEG or PNG were refused, naming what they look like when known. */
export function notAnImageReason(bytes: Uint8Array): string {
  if (bytes.length === 0) return "empty response, not an image";
  const kind = guessContentKind(bytes);
  return kind ? `not a JPEG or PNG image (looks like ${kind})` : "not a JPEG or PNG image";
}

function guessContentKind(bytes: Uint8Array): string | null {
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const head = ascii(bytes.subarray(bom, 512)).trimStart().toLowerCase();
  if (head.startsWith("gif8")) return "GIF";
  if (head.startsWith("riff") && ascii(bytes.subarray(8, 12)) === "WEBP") return "WebP";
  if (ascii(bytes.subarray(4, 8)) === "ftyp") return "HEIC, AVIF or MP4";
  if (head.startsWith("%pdf")) return "PDF";
  if (head.startsWith("bm")) return "BMP";
  if (head.startsWith("ii*\0") || head.startsWith("mm\0*")) return "TIFF";
  if (head.includes("<svg")) return "SVG";
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")) return "HTML";
  if (head.startsWith("<")) return "HTML or XML";
  if (head.startsWith("{") || head.startsWith("[")) return "JSON";
  return null;
}

const NINE_BY_SIXTEEN = 9 / 16;
const RATIO_TOLERANCE = 0.01;

/** A warning when width:height (pixels, as displayed) is more than 1% away from 9:16. */
export function aspectRatioWarning(width: number, height: number): string | null {
  if (width > 0 && height > 0 && Math.abs(width / height / NINE_BY_SIXTEEN - 1) <= RATIO_TOLERANCE) {
    return null;
  }
  return `image is ${width}x${height} (${ratioLabel(width, height)}); 9:16 (e.g. 1080x1920) is recommended`;
}

/** A width×height (pixels) ratio as people read it: "9:16", "4:5", or "1.91:1" when the terms get long. */
export function ratioLabel(width: number, height: number): string {
  if (width <= 0 || height <= 0) return "no ratio";
  const d = gcd(width, height);
  const [w, h] = [width / d, height / d];
  // 131:284 tells a reader nothing; a decimal does.
  return w <= 50 && h <= 50 ? `${w}:${h}` : `${(width / height).toFixed(2)}:1`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

// ---------------------------------------------------------------------------------------------
// Where the fetcher may connect.

/** Why a URL may not be fetched whatever it points at (scheme, credentials), or null. */
export function urlRefusal(url: URL): string | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return "not an http(s) URL";
  if (!url.hostname) return "not an http(s) URL";
  if (url.username || url.password) return "credentials in the URL are not allowed";
  return null;
}

/** Why connecting to `ip`:`port` is refused ("127.0.0.1 is a loopback address"), or null. */
export function addressRefusal(ip: string, port: number): string | null {
  const why = classifyAddress(ip);
  if (why) return `${ip} is ${why}`;
  if (!ALLOWED_PORTS.includes(port)) return `port ${port} is not allowed (only 80 and 443)`;
  return null;
}

const INTERNAL_NAMES = new Set([
  "localhost",
  "metadata",
  "metadata.google.internal",
  "instance-data",
  "instance-data.ec2.internal",
  "kubernetes.default",
]);
const INTERNAL_SUFFIXES = [".localhost", ".local", ".localdomain", ".internal", ".home.arpa", ".svc", ".cluster.local"];

/**
 * True for host names that name this machine or its private network: localhost, cloud metadata
 * names, mDNS and private-use suffixes, and single-label names (they resolve through the
 * resolver's search domains, i.e. inside the network). For names only; IP literals go to
 * classifyAddress.
 */
export function isForbiddenHostname(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (!name.includes(".")) return true;
  return INTERNAL_NAMES.has(name) || INTERNAL_SUFFIXES.some((s) => name.endsWith(s));
}

/**
 * The dotted quad of an IPv4 literal in any form inet_aton and URL parsers accept: decimal
 * (2130706433), octal (0177.0.0.1), hex (0x7f000001, 0x7f.0.0.1) and short (127.1); else null.
 */
export function parseIpv4Literal(host: string): string | null {
  const parts = host.replace(/\.$/, "").split(".");
  if (parts.length > 4) return null;
  const nums = parts.map(parseIpv4Part);
  if (nums.some((n) => n === null)) return null;
  const values = nums as number[];
  const last = values.pop() ?? 0;
  // The last part fills every byte the earlier parts left: 127.1 is 127.0.0.1.
  if (values.some((n) => n > 255) || last >= 256 ** (4 - values.length)) return null;
  const value = values.reduce((acc, n, i) => acc + n * 256 ** (3 - i), 0) + last;
  return formatIpv4(value);
}

function parseIpv4Part(part: string): number | null {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return parseInt(part, 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return null;
}

function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

type V4Rule = [cidr: string, reason: string];
const V4_RULES: V4Rule[] = [
  ["0.0.0.0/8", "an unspecified address"],
  ["10.0.0.0/8", "a private address"],
  ["100.64.0.0/10", "a carrier-grade NAT address"],
  ["127.0.0.0/8", "a loopback address"],
  ["169.254.169.254/32", "a cloud metadata address"],
  ["169.254.0.0/16", "a link-local address"],
  ["172.16.0.0/12", "a private address"],
  ["192.0.0.0/24", "a reserved address"],
  ["192.0.2.0/24", "a documentation address"],
  ["192.88.99.0/24", "a reserved address"],
  ["192.168.0.0/16", "a private address"],
  ["198.18.0.0/15", "a benchmarking address"],
  ["198.51.100.0/24", "a documentation address"],
  ["203.0.113.0/24", "a documentation address"],
  ["224.0.0.0/4", "a multicast address"],
  ["255.255.255.255/32", "a broadcast address"],
  ["240.0.0.0/4", "a reserved address"],
];

type V6Rule = [cidr: string, verdict: string | ((embedded: string) => string | null)];
const V6_RULES: V6Rule[] = [
  ["::/128", "an unspecified address"],
  ["::1/128", "a loopback address"],
  // These carry an IPv4 address; connecting to them reaches that address.
  ["::ffff:0:0/96", (v4) => embedded(v4, "IPv4-mapped")],
  ["::/96", (v4) => embedded(v4, "IPv4-compatible")],
  ["64:ff9b::/96", (v4) => embedded(v4, "NAT64")],
  ["64:ff9b:1::/48", "a private NAT64 address"],
  ["100::/64", "a discard-only address"],
  ["2001::/32", "a Teredo tunnel address"],
  ["2001:2::/48", "a benchmarking address"],
  ["2001:db8::/32", "a documentation address"],
  ["2001::/23", "a reserved address"],
  ["2002::/16", (v4) => embedded(v4, "6to4")],
  ["3fff::/20", "a documentation address"],
  ["fc00::/7", "a unique-local address"],
  ["fe80::/10", "a link-local address"],
  ["fec0::/10", "a site-local address"],
  ["ff00::/8", "a multicast address"],
];
/** Global unicast: anything else in IPv6 is not a public internet address. */
const V6_GLOBAL = "2000::/3";

function embedded(v4: string, how: string): string | null {
  const why = classifyIpv4(ipv4ToNumber(v4));
  return why ? `${why} (${how} ${v4})` : null;
}

/**
 * Why an IP literal (IPv4 in any numeric form, or IPv6 with or without brackets) must not be
 * connected to, as a phrase like "a loopback address"; null when it is a public address.
 * Anything unparsable is refused.
 */
export function classifyAddress(ip: string): string | null {
  const v4 = parseIpv4Literal(ip);
  if (v4 !== null) return classifyIpv4(ipv4ToNumber(v4));
  const v6 = parseIpv6(ip.replace(/^\[(.*)\]$/, "$1"));
  if (v6 === null) return "not an IP address";
  for (const [cidr, verdict] of V6_RULES) {
    const { base, bits } = v6Cidr(cidr);
    if (!inV6(v6, base, bits)) continue;
    if (typeof verdict === "string") return verdict;
    return verdict(embeddedIpv4(v6, cidr));
  }
  const global = v6Cidr(V6_GLOBAL);
  return inV6(v6, global.base, global.bits) ? null : "a reserved address";
}

function classifyIpv4(value: number): string | null {
  for (const [cidr, reason] of V4_RULES) {
    const [base = "", bits = "32"] = cidr.split("/");
    const size = 2 ** (32 - Number(bits));
    if (Math.floor(value / size) === Math.floor(ipv4ToNumber(base) / size)) return reason;
  }
  return null;
}

function ipv4ToNumber(dotted: string): number {
  return dotted.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** 6to4 keeps the IPv4 address in bits 16–47; the other forms keep it in the last 32 bits. */
function embeddedIpv4(v6: bigint, cidr: string): string {
  const shift = cidr.startsWith("2002:") ? 80n : 0n;
  return formatIpv4(Number((v6 >> shift) & 0xffffffffn));
}

function v6Cidr(cidr: string): { base: bigint; bits: number } {
  const [addr = "", bits = "128"] = cidr.split("/");
  return { base: parseIpv6(addr) ?? 0n, bits: Number(bits) };
}

function inV6(value: bigint, base: bigint, bits: number): boolean {
  const shift = BigInt(128 - bits);
  return value >> shift === base >> shift;
}

/** An IPv6 address as a 128-bit integer, accepting `::` and a trailing dotted quad; else null. */
function parseIpv6(text: string): bigint | null {
  if (!text.includes(":") || /[^0-9a-f:.]/i.test(text)) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = halves.map((h) => (h === "" ? [] : h.split(":")));
  const tail = groups[groups.length - 1]!;
  const lastGroup = tail[tail.length - 1];
  if (lastGroup?.includes(".")) {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(lastGroup) || lastGroup.split(".").some((p) => Number(p) > 255)) {
      return null;
    }
    const n = ipv4ToNumber(lastGroup);
    tail.splice(-1, 1, Math.floor(n / 65536).toString(16), (n % 65536).toString(16));
  }
  const [head = [], rest = []] = groups;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill("0"), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

// ---------------------------------------------------------------------------------------------
// Serving.

export type ByteRange = { start: number; end: number };

/**
 * The one byte range (inclusive offsets) a `Range` header asks of a `size`-byte file:
 * null to send the whole file (no header, or one we ignore, e.g. several ranges), or
 * "unsatisfiable" (416).
 */
export function parseByteRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== "" && Number(last) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
