import type { Metadata } from "next";
import { InvitationsList } from "@/components/team/invitations-list";
import { InviteMember } from "@/components/team/invite-member";
import { MembersTable } from "@/components/team/members-table";
import { ROLES, can } from "@/lib/domain/roles";
import { ROLE_LABEL, ROLE_SUMMARY } from "@/lib/domain/team";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";
import { listTeam } from "@/lib/server/identity/team";

export const metadata: Metadata = { title: "Team" };
export const dynamic = "force-dynamic";

export default async function TeamPage() {
  const member = await requireMember();
  const ctx = await getAppContext();
  const canManage = can(member.role, "member:write");
  // Invitation links let someone in: only those who manage members get them.
  const team = await listTeam(ctx, member.organizationId, new Date(), { withLinks: canManage });
  return (
    <section className="max-w-4xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Team</h1>
          <p className="text-sm text-slate-600">Who works in {member.organizationName}, and what each of them may do.</p>
        </div>
        <InviteMember canInvite={canManage} reason={`Only owners can invite members. Your role: ${member.role}.`} />
      </div>
      <MembersTable members={team.members} viewerUserId={member.userId} viewerRole={member.role} canManage={canManage} organizationName={member.organizationName} />
      <InvitationsList invitations={team.invitations} canManage={canManage} />
      <section aria-labelledby="roles-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="roles-heading" className="mb-2 text-base font-semibold">
          Roles
        </h2>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          {ROLES.map((r) => (
            <div key={r} className="contents">
              <dt className="font-medium text-slate-900">{ROLE_LABEL[r]}</dt>
              <dd className="mb-1 text-slate-600 sm:mb-0">{ROLE_SUMMARY[r]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </section>
  );
}
