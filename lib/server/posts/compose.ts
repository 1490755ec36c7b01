// What the composer's first screen needs (dashboard.md §1): the organization's accounts with
// what the picker shows, the labels in use for the pool selectors, the sound library, and
// whether the member may schedule.
import "server-only";
import { type LabelCounts, labelsInUse } from "@/lib/domain/compose";
import { can } from "@/lib/domain/roles";
import { type AccountObject, listAccounts } from "../accounts/accounts";
import type { AppContext } from "../context";
import type { Member } from "../identity/session";
import { type SoundObject, listSoundLibrary } from "../sounds/sounds";

export type ComposerData = {
  accounts: AccountObject[];
  labels: LabelCounts;
  sounds: SoundObject[];
  canSchedule: boolean;
};

export async function composerData(ctx: AppContext, member: Member): Promise<ComposerData> {
  const [accounts, sounds] = await Promise.all([
    listAccounts(ctx.db, { organizationId: member.organizationId, filters: {} }),
    listSoundLibrary(ctx.db, member.organizationId, {}),
  ]);
  return { accounts, labels: labelsInUse(accounts), sounds: sounds.ok ? sounds.value.sounds : [], canSchedule: can(member.role, "post:write") };
}
