// Groups (dashboard.md §4 "Groups"): the labels in use and what renaming one does. A rename to a
// label that already exists merges the two groups; the plan says so before anything is written.
import { z } from "zod";
import { label } from "./posts";

export const LABEL_KINDS = ["tag", "user_group", "org_group"] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

const KIND_WORDS: Record<LabelKind, string> = { tag: "tag", user_group: "user group", org_group: "org group" };

export const renameLabelSchema = z
  .strictObject({
    kind: z.enum(LABEL_KINDS, { error: `must be one of ${LABEL_KINDS.join(", ")}` }),
    from: label,
    to: label,
  })
  .refine((v) => v.from !== v.to, { path: ["to"], message: "must differ from the current name" });
export type RenameLabelInput = z.infer<typeof renameLabelSchema>;

export type RenamePlan = { accounts: number; merged: boolean; message: string };

/** What renaming `from` to `to` does, given how many accounts carry each now. */
export function renamePlan(kind: LabelKind, from: string, to: string, counts: { from: number; to: number }): RenamePlan {
  const words = KIND_WORDS[kind];
  const n = counts.from === 1 ? "1 account" : `${counts.from} accounts`;
  if (counts.to > 0) {
    return { accounts: counts.from, merged: true, message: `Merged ${words} “${from}” into “${to}”: ${n} moved, ${counts.from + counts.to} accounts now have “${to}”.` };
  }
  return { accounts: counts.from, merged: false, message: `Renamed ${words} “${from}” to “${to}” on ${n}.` };
}
