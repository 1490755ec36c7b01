// GET /api/oauth/:platform/callback — where TikTok and Instagram send the browser after consent
import { NextResponse } from "next/server";
import { PLATFORMS, type Platform } from "@/lib/domain/accounts";
import { completeConnect } from "@/lib/server/accounts/connect";
import { getAppContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ platform: string }> }): Promise<Response> {
  const { platform } = await params;
  const ctx = await getAppContext();
  const back = new URL("/accounts", ctx.config.publicBaseUrl);
  if (!(PLATFORMS as readonly string[]).includes(platform)) {
    back.searchParams.set("error", "Unknown platform");
    return NextResponse.redirect(back, 303);
  }
  const q = new URL(req.url).searchParams;
  const result = await completeConnect(ctx, {
    platform: platform as Platform,
    state: q.get("state"),
    code: q.get("code"),
    error: q.get("error_description") ?? q.get("error"),
    now: new Date(),
  });
  if (result.ok) back.searchParams.set("connected", platform);
  else back.searchParams.set("error", result.error.message);
  return NextResponse.redirect(back, 303);
}
