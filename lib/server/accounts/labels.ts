// Groups (dashboard.md §4): renaming a label on every account that has it, in one transaction;
// renaming onto a label in use merges the two groups and says so.
import "server-only";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/accounts";
import { AppError, type Result, resultOf } from "@/lib/domain/errors";
import { type RenamePlan, renameLabelSchema, renamePlan } from "@/lib/domain/labels";
import { parseOrThrow as parse } from "../http/envelope";

export function renameLabel(db: Db, organizationId: string, body: unknown, now: Date): Promise<Result<RenamePlan>> {
  return resultOf(async () => {
    const { kind, from, to } = parse(renameLabelSchema, body);
    return db.transaction(async (tx) => {
      const counts = { from: await q.countWithLabel(tx, { organizationId, kind, value: from }), to: await q.countWithLabel(tx, { organizationId, kind, value: to }) };
      if (counts.from === 0) throw new AppError("not_found", `from: no account has the ${kind.replace("_", " ")} “${from}”`, [{ path: "from", message: "no account has it" }]);
      const plan = renamePlan(kind, from, to, counts);
      const changed = await q.relabel(tx, { organizationId, kind, from, to, now });
      return { ...plan, accounts: changed };
    });
  });
}
