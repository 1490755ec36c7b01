"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { connectAccountAction } from "@/lib/actions/accounts";

export function ConnectButtons({ simulated }: { simulated: { tiktok: boolean; instagram: boolean } }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const connect = (platform: "tiktok" | "instagram") =>
    start(async () => {
      const r = await connectAccountAction(platform);
      if (r?.error) setError(r.error);
    });
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <Button type="button" disabled={pending} onClick={() => connect("tiktok")}>
          Connect TikTok{simulated.tiktok ? " (simulated)" : ""}
        </Button>
        <Button type="button" disabled={pending} onClick={() => connect("instagram")}>
          Connect Instagram{simulated.instagram ? " (simulated)" : ""}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
