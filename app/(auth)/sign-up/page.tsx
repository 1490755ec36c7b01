import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getAppContext } from "@/lib/server/context";
import { currentMember } from "@/lib/server/identity/session";
import { mayAnyoneSignUp } from "@/lib/server/identity/signup";

export const metadata: Metadata = { title: "Sign up" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await currentMember()) redirect("/compose");
  const { db, config } = await getAppContext();
  const invitationOnly = !(await mayAnyoneSignUp(db, config.signup));
  return (
    <AuthCard
      title="Create your organization"
      footer={
        <>
          Already have an account?{" "}
          <Link className="font-medium text-indigo-700 underline" href="/sign-in">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm invitationOnly={invitationOnly} />
    </AuthCard>
  );
}
