import { describe, expect, it } from "vitest";
import { blockedUntil, throttledMessage, windowStart } from "./throttle";

const rule = { max: 3, windowMs: 60_000 };
const at = (s: number) => new Date(Date.UTC(2030, 0, 1) + s * 1000);

describe("sign-in throttle", () => {
  it("refuses after max failures in the window, until the oldest of the last max leaves it", () => {
    expect(blockedUntil([at(0), at(10)], at(11), rule)).toBeNull();
    expect(blockedUntil([at(20), at(0), at(10)], at(21), rule)).toEqual(at(60));
    expect(blockedUntil([at(0), at(10), at(20)], at(60), rule)).toBeNull();
    expect(blockedUntil([at(0), at(10), at(20), at(30)], at(61), rule)).toEqual(at(70));
  });

  it("does not count failures outside the window", () => {
    expect(blockedUntil([at(0), at(1), at(100)], at(101), rule)).toBeNull();
    expect(windowStart(at(100), rule)).toEqual(at(40));
  });

  it("says how long to wait in whole minutes, at least one", () => {
    expect(throttledMessage(at(61), at(60))).toBe("Too many failed attempts. Try again in 1 minute.");
    expect(throttledMessage(at(60 * 14 + 1), at(0))).toBe("Too many failed attempts. Try again in 15 minutes.");
  });
});
