"use client";
// The organization's members (dashboard.md §5 "table Members"): name, email, role, joined.
// Owners change roles and remove members; everyone else reads it, told why it is read-only.
import { isRole } from "@/lib/domain/roles";
import { type MemberChange, ROLE_LABEL, memberChangeRefusal } from "@/lib/domain/team";
import { RemoveMember, RoleSelect } from "./member-controls";
import type { MemberRow } from "./types";
import { JoinedOn } from "./when";

type Props = { members: readonly MemberRow[]; viewerUserId: string; viewerRole: string; canManage: boolean; organizationName: string };

export function MembersTable({ members, viewerUserId, viewerRole, canManage, organizationName }: Props) {
  const ownerCount = members.filter((m) => m.role === "owner").length;
  const refusal = (m: MemberRow, change: MemberChange) => memberChangeRefusal({ actorRole: viewerRole, target: m, ownerCount, change })?.message ?? null;
  return (
    <section aria-labelledby="members-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="members-heading" className="text-base font-semibold">
          Members <span className="font-normal text-slate-500">({members.length})</span>
        </h2>
        {canManage ? null : (
          <p className="text-slate-600">
            Your role ({viewerRole}) can see the team. Only owners change roles, remove members and invite.
          </p>
        )}
      </div>
      <div className="-mx-4 overflow-x-auto px-4">
        <table aria-label="Members" className="w-full border-collapse">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-2 pr-3 font-medium">
                Name
              </th>
              <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">
                Email
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Role
              </th>
              <th scope="col" className="hidden py-2 pr-3 font-medium md:table-cell">
                Joined
              </th>
              {canManage ? (
                <th scope="col" className="py-2 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const isSelf = m.userId === viewerUserId;
              // A role other than owner stands for "any demotion" of an owner.
              const roleRefusal = refusal(m, { kind: "role", role: m.role === "owner" ? "admin" : "owner" });
              return (
                <tr key={m.id} data-member-id={m.id} className="border-b border-slate-100 last:border-0">
                  {/* Narrow on a phone (long names and emails truncate) so the controls fit beside it. */}
                  <td className="max-w-36 py-2 pr-2 sm:max-w-none sm:pr-3">
                    <span className="block truncate" title={m.name}>
                      <span className="font-medium text-slate-900">{m.name}</span>
                      {isSelf ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
                    </span>
                    {/* On a phone the email column is hidden; keep the address under the name. */}
                    <span className="block truncate text-xs text-slate-500 sm:hidden" title={m.email}>
                      {m.email}
                    </span>
                  </td>
                  <td className="hidden py-2 pr-3 text-slate-700 sm:table-cell">{m.email}</td>
                  <td className="py-2 pr-2 sm:pr-3">
                    {canManage ? <RoleSelect member={m} refusal={roleRefusal} /> : <span>{isRole(m.role) ? ROLE_LABEL[m.role] : m.role}</span>}
                  </td>
                  <td className="hidden py-2 pr-3 text-slate-600 md:table-cell">
                    <JoinedOn iso={m.joinedAt} />
                  </td>
                  {canManage ? (
                    <td className="py-2 text-right">
                      <RemoveMember member={m} organizationName={organizationName} isSelf={isSelf} refusal={refusal(m, { kind: "remove" })} />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
