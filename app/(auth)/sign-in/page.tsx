import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentMember } from "@/lib/server/identity/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await currentMember()) redirect("/compose");
  return (
    <AuthCard
      title="Sign in to Postdeck"
      footer={
        <>
          New here?{" "}
          <Link className="font-medium text-indigo-700 underline" href="/sign-up">
            Create an organization
          </Link>
        </>
      }
    >
      <SignInForm />
    </AuthCard>
  );
}
