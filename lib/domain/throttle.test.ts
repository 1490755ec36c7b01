import { describe, expect, it } from "vitest";
import { type AttemptLog, blockedUntil, clearFailures, recordFailure } from "./throttle";

const rule = { max: 3, windowMs: 60_000 };
const at = (s: number) => new Date(Date.UTC(2030, 0, 1) + s * 1000);

describe("sign-in throttle", () => {
  it("refuses after max failures in the window, until the oldest leaves it", () => {
    const log: AttemptLog = new Map();
    for (const s of [0, 10, 20]) {
      expect(blockedUntil(log, "a@x.test", at(s), rule)).toBeNull();
      recordFailure(log, "a@x.test", at(s), rule);
    }
    expect(blockedUntil(log, "a@x.test", at(21), rule)).toEqual(at(60));
    expect(blockedUntil(log, "a@x.test", at(60), rule)).toBeNull();
    expect(blockedUntil(log, "b@x.test", at(21), rule)).toBeNull();
  });

  it("forgets failures outside the window and after a success", () => {
    const log: AttemptLog = new Map();
    recordFailure(log, "k", at(0), rule);
    recordFailure(log, "k", at(1), rule);
    recordFailure(log, "k", at(100), rule);
    expect(blockedUntil(log, "k", at(101), rule)).toBeNull();
    expect(log.get("k")).toHaveLength(1);
    recordFailure(log, "k", at(102), rule);
    recordFailure(log, "k", at(103), rule);
    expect(blockedUntil(log, "k", at(104), rule)).not.toBeNull();
    clearFailures(log, "k");
    expect(blockedUntil(log, "k", at(104), rule)).toBeNull();
  });
});
