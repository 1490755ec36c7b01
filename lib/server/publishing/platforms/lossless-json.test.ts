import { describe, expect, it } from "vitest";
import { parseJsonLossless } from "./lossless-json";

describe("parseJsonLossless", () => {
  it("keeps a 19-digit TikTok post id exact, as a string", () => {
    const text = '{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[7448335796416843051]},"error":{"code":"ok"}}';
    // What a plain JSON.parse would have done: rounded to the nearest double.
    expect(String((JSON.parse(text) as { data: { publicaly_available_post_id: number[] } }).data.publicaly_available_post_id[0])).not.toBe("7448335796416843051");
    expect(parseJsonLossless(text)).toEqual({
      data: { status: "PUBLISH_COMPLETE", publicaly_available_post_id: ["7448335796416843051"] },
      error: { code: "ok" },
    });
  });

  it("leaves safe numbers, decimals, exponents and strings alone", () => {
    expect(parseJsonLossless('{"a":12,"b":-3.5,"c":1e21,"d":"99999999999999999999","e":9007199254740991}')).toEqual({
      a: 12,
      b: -3.5,
      c: 1e21,
      d: "99999999999999999999",
      e: 9007199254740991,
    });
  });

  it("does not touch digits inside strings, even with escaped quotes", () => {
    expect(parseJsonLossless('{"s":"say \\"12345678901234567890\\" now","n":-12345678901234567890}')).toEqual({
      s: 'say "12345678901234567890" now',
      n: "-12345678901234567890",
    });
  });

  it("still rejects invalid JSON", () => {
    expect(() => parseJsonLossless("{nope")).toThrow();
  });
});
