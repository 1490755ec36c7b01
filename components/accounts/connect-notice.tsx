// The outcome of an OAuth connection, from the callback's redirect back to the Accounts page.
// Everything shown is a React text child: the message is one of ours (mapped from the error
// code on the server), and the platform's own words, taken from the URL, are only ever text.
const PLATFORM_NAMES: Record<string, string> = { tiktok: "TikTok", instagram: "Instagram" };

export function ConnectNotice({ connected, error }: { connected?: string; error: { message: string; detail: string | null } | null }) {
  const platform = connected ? PLATFORM_NAMES[connected] : undefined;
  return (
    <>
      {platform ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          Connected a {platform} account.
        </p>
      ) : null}
      {error ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          <p>{error.message}</p>
          {error.detail ? <p className="mt-1 break-words text-red-700">Details: {error.detail}</p> : null}
        </div>
      ) : null}
    </>
  );
}
