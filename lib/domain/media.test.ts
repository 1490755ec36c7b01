import { describe, expect, it } from "vitest";
import {
  addressRefusal,
  aspectRatioWarning,
  classifyAddress,
  isForbiddenHostname,
  notAnImageReason,
  parseByteRange,
  parseIpv4Literal,
  sizeRefusal,
  sniffImage,
  urlRefusal,
} from "./media";

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (s: string) => new TextEncoder().encode(s);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("sniffImage", () => {
  it.each([
    ["a JPEG", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), "image/jpeg"],
    ["a PNG", bytes(...PNG_SIGNATURE, 0, 0, 0, 13), "image/png"],
    ["a truncated PNG signature", bytes(...PNG_SIGNATURE.slice(0, 7)), null],
    ["two JPEG bytes", bytes(0xff, 0xd8), null],
    ["a GIF", text("GIF89a...."), null],
    ["HTML", text("<!doctype html><title>x</title>"), null],
    ["nothing", bytes(), null],
  ])("%s → %s", (_label, input, expected) => {
    expect(sniffImage(input)).toBe(expected);
  });
});

describe("notAnImageReason", () => {
  it.each([
    ["HTML", text("  <!DOCTYPE html><html>"), "not a JPEG or PNG image (looks like HTML)"],
    ["HTML after a BOM", text("\uFEFF<html><body>"), "not a JPEG or PNG image (looks like HTML)"],
    ["a GIF", text("GIF89a\x01\x00"), "not a JPEG or PNG image (looks like GIF)"],
    ["a WebP", text("RIFF\x00\x00\x00\x00WEBPVP8 "), "not a JPEG or PNG image (looks like WebP)"],
    ["a HEIC", text("\x00\x00\x00\x18ftypheic"), "not a JPEG or PNG image (looks like HEIC, AVIF or MP4)"],
    ["an SVG", text('<?xml version="1.0"?><svg xmlns="x">'), "not a JPEG or PNG image (looks like SVG)"],
    ["a PDF", text("%PDF-1.7"), "not a JPEG or PNG image (looks like PDF)"],
    ["JSON", text('{"error":"nope"}'), "not a JPEG or PNG image (looks like JSON)"],
    ["noise", bytes(1, 2, 3, 4), "not a JPEG or PNG image"],
    ["nothing", bytes(), "empty response, not an image"],
  ])("describes %s", (_label, input, expected) => {
    expect(notAnImageReason(input)).toBe(expected);
  });
});

describe("aspectRatioWarning", () => {
  it.each([
    [1080, 1920],
    [720, 1280],
    [1000, 1777],
    [1089, 1920], // +0.8%: inside the 1% tolerance
    [1071, 1920], // -0.8%
  ])("accepts %ix%i as 9:16", (w, h) => {
    expect(aspectRatioWarning(w, h)).toBeNull();
  });

  it.each([
    [1080, 1080, "image is 1080x1080 (1:1); 9:16 (e.g. 1080x1920) is recommended"],
    [1080, 1350, "image is 1080x1350 (4:5); 9:16 (e.g. 1080x1920) is recommended"],
    [1920, 1080, "image is 1920x1080 (16:9); 9:16 (e.g. 1080x1920) is recommended"],
    [1100, 1920, "image is 1100x1920 (0.57:1); 9:16 (e.g. 1080x1920) is recommended"],
    [1179, 2556, "image is 1179x2556 (0.46:1); 9:16 (e.g. 1080x1920) is recommended"],
  ])("warns about %ix%i", (w, h, message) => {
    expect(aspectRatioWarning(w, h)).toBe(message);
  });
});

describe("parseIpv4Literal", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["2130706433", "127.0.0.1"],
    ["0177.0.0.1", "127.0.0.1"],
    ["0x7f000001", "127.0.0.1"],
    ["0X7F.0.0.1", "127.0.0.1"],
    ["0x7f.1", "127.0.0.1"],
    ["127.1", "127.0.0.1"],
    ["127.0.1", "127.0.0.1"],
    ["10.0.0.1.", "10.0.0.1"],
    ["0", "0.0.0.0"],
    ["0x", "0.0.0.0"],
    ["4294967295", "255.255.255.255"],
    ["169.254.43518", "169.254.169.254"],
    ["0251.0376.0251.0376", "169.254.169.254"],
    ["8.8.8.8", "8.8.8.8"],
  ])("reads %s as %s", (input, expected) => {
    expect(parseIpv4Literal(input)).toBe(expected);
  });

  it.each([
    "",
    "example.com",
    "1.2.3.4.5",
    "256.0.0.1",
    "1.2.3.256",
    "4294967296",
    "127.16777216",
    "08.0.0.1",
    "0x1g.0.0.1",
    "1..1",
    "-1.0.0.1",
    "::1",
    "127.0.0.1.nip.io",
  ])("refuses %j", (input) => {
    expect(parseIpv4Literal(input)).toBeNull();
  });
});

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.255.254", "a loopback address"],
    ["2130706433", "a loopback address"],
    ["0x7f.1", "a loopback address"],
    ["10.1.2.3", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.1.1", "a private address"],
    ["100.64.0.1", "a carrier-grade NAT address"],
    ["100.127.255.255", "a carrier-grade NAT address"],
    ["169.254.169.254", "a cloud metadata address"],
    ["169.254.1.1", "a link-local address"],
    ["0.0.0.0", "an unspecified address"],
    ["0.1.2.3", "an unspecified address"],
    ["224.0.0.1", "a multicast address"],
    ["239.255.255.250", "a multicast address"],
    ["240.0.0.1", "a reserved address"],
    ["255.255.255.255", "a broadcast address"],
    ["198.18.0.1", "a benchmarking address"],
    ["198.19.255.255", "a benchmarking address"],
    ["192.0.2.1", "a documentation address"],
    ["198.51.100.7", "a documentation address"],
    ["203.0.113.9", "a documentation address"],
    ["192.0.0.8", "a reserved address"],
    ["::1", "a loopback address"],
    ["[::1]", "a loopback address"],
    ["0:0:0:0:0:0:0:1", "a loopback address"],
    ["::", "an unspecified address"],
    ["::ffff:127.0.0.1", "a loopback address (IPv4-mapped 127.0.0.1)"],
    ["::ffff:7f00:1", "a loopback address (IPv4-mapped 127.0.0.1)"],
    ["[::ffff:a9fe:a9fe]", "a cloud metadata address (IPv4-mapped 169.254.169.254)"],
    ["0:0:0:0:0:ffff:10.0.0.1", "a private address (IPv4-mapped 10.0.0.1)"],
    ["::127.0.0.1", "a loopback address (IPv4-compatible 127.0.0.1)"],
    ["64:ff9b::7f00:1", "a loopback address (NAT64 127.0.0.1)"],
    ["64:ff9b::192.168.0.1", "a private address (NAT64 192.168.0.1)"],
    ["64:ff9b:1::1", "a private NAT64 address"],
    ["2002:7f00:1::", "a loopback address (6to4 127.0.0.1)"],
    ["2002:a00:1::1", "a private address (6to4 10.0.0.1)"],
    ["fc00::1", "a unique-local address"],
    ["fd12:3456:789a::1", "a unique-local address"],
    ["fd00:ec2::254", "a unique-local address"],
    ["fe80::1", "a link-local address"],
    ["febf::1", "a link-local address"],
    ["fec0::1", "a site-local address"],
    ["ff02::1", "a multicast address"],
    ["2001:db8::1", "a documentation address"],
    ["3fff::1", "a documentation address"],
    ["2001:0:4136:e378::1", "a Teredo tunnel address"],
    ["2001:2::1", "a benchmarking address"],
    ["100::1", "a discard-only address"],
    ["4000::1", "a reserved address"],
    ["example.com", "not an IP address"],
    ["1::2::3", "not an IP address"],
    ["12345::1", "not an IP address"],
    ["::ffff:300.0.0.1", "not an IP address"],
    ["", "not an IP address"],
  ])("refuses %s as %s", (ip, reason) => {
    expect(classifyAddress(ip)).toBe(reason);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.32.0.1",
    "100.128.0.1",
    "198.20.0.1",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("allows the public address %s", (ip) => {
    expect(classifyAddress(ip)).toBeNull();
  });
});

describe("addressRefusal", () => {
  it.each([
    ["127.0.0.1", 80, "127.0.0.1 is a loopback address"],
    ["10.0.0.1", 8080, "10.0.0.1 is a private address"],
    ["8.8.8.8", 8080, "port 8080 is not allowed (only 80 and 443)"],
    ["8.8.8.8", 22, "port 22 is not allowed (only 80 and 443)"],
    ["8.8.8.8", 80, null],
    ["2606:4700:4700::1111", 443, null],
  ])("%s:%i → %s", (ip, port, expected) => {
    expect(addressRefusal(ip, port)).toBe(expected);
  });
});

describe("isForbiddenHostname", () => {
  it.each([
    "localhost",
    "LOCALHOST.",
    "x.localhost",
    "metadata",
    "metadata.google.internal",
    "instance-data",
    "printer.local",
    "db.internal",
    "router.home.arpa",
    "intranet",
    "api.default.svc",
  ])("refuses %s", (host) => {
    expect(isForbiddenHostname(host)).toBe(true);
  });

  it.each(["example.com", "cdn.example.org", "localhost.example.com", "images.internal-cdn.com"])(
    "allows %s",
    (host) => {
      expect(isForbiddenHostname(host)).toBe(false);
    },
  );
});

describe("urlRefusal", () => {
  it.each([
    ["http://example.com/a.jpg", null],
    ["https://example.com:8443/a.jpg", null],
    ["ftp://example.com/a.jpg", "not an http(s) URL"],
    ["file:///etc/passwd", "not an http(s) URL"],
    ["gopher://example.com/", "not an http(s) URL"],
    ["data:image/png;base64,AAAA", "not an http(s) URL"],
    ["javascript:alert(1)", "not an http(s) URL"],
    ["http://user:pass@example.com/a.jpg", "credentials in the URL are not allowed"],
    ["http://user@example.com/a.jpg", "credentials in the URL are not allowed"],
  ])("%s → %s", (url, expected) => {
    expect(urlRefusal(new URL(url))).toBe(expected);
  });
});

describe("parseByteRange", () => {
  it.each([
    [null, 100, null],
    ["bytes=0-9", 100, { start: 0, end: 9 }],
    ["bytes=90-", 100, { start: 90, end: 99 }],
    ["bytes=-10", 100, { start: 90, end: 99 }],
    ["bytes=-1000", 100, { start: 0, end: 99 }],
    ["bytes=50-5000", 100, { start: 50, end: 99 }],
    ["bytes=99-99", 100, { start: 99, end: 99 }],
    ["bytes=100-", 100, "unsatisfiable"],
    ["bytes=100-200", 100, "unsatisfiable"],
    ["bytes=-0", 100, "unsatisfiable"],
    ["bytes=0-", 0, "unsatisfiable"],
    ["bytes=9-0", 100, null],
    ["bytes=0-1,5-6", 100, null],
    ["bytes=-", 100, null],
    ["items=0-9", 100, null],
    ["bytes=a-b", 100, null],
  ])("%j of %i bytes → %j", (header, size, expected) => {
    expect(parseByteRange(header, size)).toEqual(expected);
  });
});

describe("sizeRefusal", () => {
  it.each([
    [5 * 1024 * 1024, undefined, null],
    [5 * 1024 * 1024 + 1, undefined, "larger than 5 MB"],
    [1001, 1000, "larger than 1000 bytes"],
    [70_000, 64 * 1024, "larger than 64 KB"],
    [3 * 1024 * 1024, 2.5 * 1024 * 1024, "larger than 2.5 MB"],
  ])("%i bytes (limit %s) → %s", (bytes, limit, expected) => {
    expect(sizeRefusal(bytes, limit)).toBe(expected);
  });
});
