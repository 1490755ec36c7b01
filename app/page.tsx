// / — signed-in members go to Compose; a fresh install offers sign-up, others sign-in.
import { redirect } from "next/navigation";
import { homePath } from "@/lib/server/identity/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect(await homePath());
}
