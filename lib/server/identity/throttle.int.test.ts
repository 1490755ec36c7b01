// The sign-in throttle in the database: failures recorded through one connection pool (one app
// instance) block the email on another pool (another instance) on the same database; a success
// clears them; old failures stop counting and are pruned; emails do not affect each other, and
// the table holds hashes, not addresses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { signInFailures } from "@/db/schema";
import { openTestDatabase, testDbKind, uniqueEmail } from "@/test/db";
import { clearSignInFailures, recordSignInFailure, signInBlockedUntil } from "./throttle";

const rule = { max: 3, windowMs: 60_000 };
const at = (s: number) => new Date(Date.UTC(2030, 0, 1) + s * 1000);

let one: Database;
let other: Database;
beforeAll(async () => {
  one = await openTestDatabase();
  // On Postgres a second pool is a second instance; PGlite has one connection, so it is the same.
  other = testDbKind === "postgres" ? await openTestDatabase() : one;
});
afterAll(async () => {
  if (other !== one) await other.close();
  await one.close();
});

describe("the sign-in throttle across instances", () => {
  it("blocks an email on every instance after max failures on any of them, until the window passes", async () => {
    const email = uniqueEmail("throttle");
    await recordSignInFailure(one.db, email, at(0), rule);
    await recordSignInFailure(other.db, email, at(10), rule);
    expect(await signInBlockedUntil(one.db, email, at(11), rule)).toBeNull();
    await recordSignInFailure(one.db, email.toUpperCase(), at(20), rule);
    expect(await signInBlockedUntil(other.db, email, at(21), rule)).toEqual(at(60));
    expect(await signInBlockedUntil(one.db, uniqueEmail("someone-else"), at(21), rule)).toBeNull();
    expect(await signInBlockedUntil(one.db, email, at(60), rule)).toBeNull();
  });

  it("clears on success, prunes failures that left the window, and stores no address", async () => {
    const email = uniqueEmail("cleared");
    for (const s of [0, 1, 2]) await recordSignInFailure(one.db, email, at(s), rule);
    expect(await signInBlockedUntil(other.db, email, at(3), rule)).not.toBeNull();
    await clearSignInFailures(other.db, email);
    expect(await signInBlockedUntil(one.db, email, at(3), rule)).toBeNull();

    const later = uniqueEmail("pruned");
    const atZero = async () => (await one.db.select().from(signInFailures)).filter((r) => r.failedAt.getTime() === at(0).getTime()).length;
    await recordSignInFailure(one.db, later, at(0), rule);
    const before = await atZero();
    await recordSignInFailure(one.db, later, at(100), rule);
    // Its failure at 0 s left the window when the one at 100 s was recorded: gone; others' stay.
    expect(await atZero()).toBe(before - 1);
    const rows = await one.db.select().from(signInFailures);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.keyHash) && !r.keyHash.includes("@"))).toBe(true);
  });
});
