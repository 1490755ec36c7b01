import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentMember } from "@/lib/server/identity/session";

export const metadata: Metadata = { title: "Sign up" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await currentMember()) redirect("/compose");
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
      <SignUpForm />
    </AuthCard>
  );
}
