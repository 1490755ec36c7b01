// /invite/<id>: what an invitation is for, and the way in (dashboard.md §5). Signed out: sign up
// with the invited email (no organization of one's own) or sign in, then back here to join.
// Signed in as the invitee: "Join <org>". Unusable invitations say why in plain words.
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { JoinButton } from "@/components/team/join-button";
import { Button } from "@/components/ui/button";
import { signOutForInvitationAction, signUpToJoinAction } from "@/lib/actions/team-join";
import { isRole } from "@/lib/domain/roles";
import { ROLE_LABEL, ROLE_SUMMARY, invitationProblem, timeFromNow } from "@/lib/domain/team";
import { getAppContext } from "@/lib/server/context";
import { type InvitationView, invitationForPage, isMemberOf } from "@/lib/server/identity/team";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const linkClass = "font-medium text-indigo-700 underline";

export default async function InvitePage({ params, searchParams }: Props) {
  const { id } = await params;
  const as = (await searchParams).as;
  const ctx = await getAppContext();
  const now = new Date();
  const invitation = await invitationForPage(ctx.db, id, now);
  if (!invitation) {
    return (
      <AuthCard title="Invitation not found" footer={<Link className={linkClass} href="/sign-in">Sign in to Postdeck</Link>}>
        <p className="text-sm text-slate-700">This invitation link does not match any invitation. Check that you copied all of it, or ask the person who invited you for a new one.</p>
      </AuthCard>
    );
  }
  if (invitation.state !== "pending") {
    const problem = invitationProblem(invitation.state, invitation.organizationName);
    return (
      <AuthCard title={problem.title} footer={<Link className={linkClass} href="/sign-in">Sign in to Postdeck</Link>}>
        <p data-testid="invitation-problem" className="text-sm text-slate-700">
          {problem.message}
        </p>
      </AuthCard>
    );
  }

  const self = `/invite/${encodeURIComponent(invitation.id)}`;
  const title = `Join ${invitation.organizationName} on Postdeck`;
  const session = await ctx.auth.api.getSession({ headers: await headers() });

  if (!session) {
    const signIn = as === "sign-in" || (as !== "sign-up" && invitation.hasAccount);
    return (
      <AuthCard
        title={title}
        footer={
          signIn ? (
            <>
              New to Postdeck?{" "}
              <Link className={linkClass} href={`${self}?as=sign-up`}>
                Create an account
              </Link>
            </>
          ) : (
            <>
              Already have an account?{" "}
              <Link className={linkClass} href={`${self}?as=sign-in`}>
                Sign in
              </Link>
            </>
          )
        }
      >
        <Summary invitation={invitation} now={now} />
        <p className="mb-4 text-sm font-medium text-slate-800">{signIn ? `Sign in as ${invitation.email} to join.` : "Create your account to join."}</p>
        {signIn ? (
          <SignInForm next={self} email={invitation.email} />
        ) : (
          <SignUpForm join={{ invitationId: invitation.id, email: invitation.email, action: signUpToJoinAction }} />
        )}
      </AuthCard>
    );
  }

  const footer = (
    <Link className={linkClass} href="/compose">
      Go to Postdeck
    </Link>
  );
  if (session.user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <AuthCard title={title} footer={footer}>
        <Summary invitation={invitation} now={now} />
        <p className="mb-4 text-sm text-slate-700">
          You are signed in as <strong>{session.user.email}</strong>. Sign out, then sign in or sign up as <strong>{invitation.email}</strong> to accept it.
        </p>
        <form action={signOutForInvitationAction.bind(null, invitation.id)}>
          <Button type="submit" variant="secondary" className="w-full">
            Sign out
          </Button>
        </form>
      </AuthCard>
    );
  }
  if (await isMemberOf(ctx.db, invitation.organizationId, session.user.id)) {
    return (
      <AuthCard title={`You are already in ${invitation.organizationName}`} footer={footer}>
        <p className="text-sm text-slate-700">Your account is a member of {invitation.organizationName} already; this invitation is not needed.</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title} footer={footer}>
      <Summary invitation={invitation} now={now} />
      <JoinButton invitationId={invitation.id} organizationName={invitation.organizationName} />
    </AuthCard>
  );
}

function Summary({ invitation: i, now }: { invitation: InvitationView; now: Date }): ReactNode {
  const role = isRole(i.role) ? i.role : null;
  const expires = new Date(i.expiresAt);
  return (
    <div className="mb-4 space-y-1 rounded-md bg-slate-50 p-3 text-sm text-slate-700">
      <p>
        <strong>{i.inviterName}</strong> invited <strong>{i.email}</strong> to join <strong data-testid="invitation-org">{i.organizationName}</strong> as{" "}
        <strong data-testid="invitation-role">{role ? ROLE_LABEL[role] : i.role}</strong>
        {role ? ` (${ROLE_SUMMARY[role]})` : ""}.
      </p>
      <p className="text-xs text-slate-500">
        The invitation expires {timeFromNow(expires, now)} (<time dateTime={i.expiresAt}>{i.expiresAt.slice(0, 16).replace("T", " ")} UTC</time>).
      </p>
    </div>
  );
}
