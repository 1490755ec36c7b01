// GET /api/oauth/:platform/callback — where TikTok and Instagram send the browser after consent.
// The flow must be finished by the signed-in member who began it (the state is bound to them);
// the Accounts page gets back only an error code of ours and the platform's words as a detail.
import { NextResponse } from "next/server";
import { PLATFORMS, type Platform } from "@/lib/domain/accounts";
import { completeConnect, trimDetail } from "@/lib/server/accounts/connect";
import { getAppContext } from "@/lib/server/context";
import { memberOfRequest } from "@/lib/server/identity/session";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ platform: string }> }): Promise<Response> {
  const { platform } = await params;
  const ctx = await getAppContext();
  const back = new URL("/accounts", ctx.config.publicBaseUrl);
  if (!(PLATFORMS as readonly string[]).includes(platform)) {
    back.searchParams.set("error", "unknown_platform");
    return NextResponse.redirect(back, 303);
  }
  const q = new URL(req.url).searchParams;
  const result = await completeConnect(ctx, {
    platform: platform as Platform,
    state: q.get("state"),
    code: q.get("code"),
    error: q.get("error_description") ?? q.get("error"),
    now: new Date(),
    caller: { kind: "browser", member: await memberOfRequest(ctx, req.headers) },
  });
  if (result.ok) {
    back.searchParams.set("connected", platform);
  } else {
    back.searchParams.set("error", result.error.code);
    back.searchParams.set("platform", platform);
    const detail = trimDetail(result.error.detail);
    if (detail) back.searchParams.set("detail", detail);
  }
  return NextResponse.redirect(back, 303);
}
