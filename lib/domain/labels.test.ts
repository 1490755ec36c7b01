import { describe, expect, it } from "vitest";
import { renameLabelSchema, renamePlan } from "./labels";

describe("renaming a label", () => {
  it("says it renames, or that it merges into a label that exists", () => {
    expect(renamePlan("tag", "food", "cooking", { from: 3, to: 0 })).toEqual({ accounts: 3, merged: false, message: "Renamed tag “food” to “cooking” on 3 accounts." });
    expect(renamePlan("user_group", "eu", "europe", { from: 1, to: 4 })).toEqual({
      accounts: 1,
      merged: true,
      message: "Merged user group “eu” into “europe”: 1 account moved, 5 accounts now have “europe”.",
    });
  });

  it("names the field at fault", () => {
    expect(renameLabelSchema.safeParse({ kind: "tag", from: "a", to: "a" }).error?.issues[0]).toMatchObject({ path: ["to"] });
    expect(renameLabelSchema.safeParse({ kind: "colour", from: "a", to: "b" }).error?.issues[0]?.path).toEqual(["kind"]);
    expect(renameLabelSchema.safeParse({ kind: "tag", from: " ", to: "b" }).error?.issues[0]?.path).toEqual(["from"]);
    expect(renameLabelSchema.parse({ kind: "org_group", from: " a ", to: "b" })).toEqual({ kind: "org_group", from: "a", to: "b" });
  });
});
