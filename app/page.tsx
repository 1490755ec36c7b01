// / — signed-in members go to Compose; a fresh install offers sign-up, others sign-in.
import { redirect } from "next/navigation";
import { hasAnyUser } from "@/db/queries/organizations";
import { getAppContext } from "@/lib/server/context";
import { currentMember } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  const ctx = await getAppContext();
  if (await currentMember(ctx)) redirect("/compose");
  redirect((await hasAnyUser(ctx.db)) ? "/sign-in" : "/sign-up");
}
