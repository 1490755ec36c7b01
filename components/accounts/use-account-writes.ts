"use client";
// Account changes from the Accounts page (bulk bar, settings dialog): the update-info use-case
// through its server action, then the summary in the status region and every view that shows
// accounts (their rows, labels, posts, previews) marked stale. A refusal is thrown as ActionError
// for the caller to show next to its field.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAnnounce } from "@/components/shell/announcer";
import { updateAccountsAction } from "@/lib/actions/accounts";
import { unwrapAction } from "@/lib/client/action-result";
import { queryKeys } from "@/lib/client/query-keys";
import { describeAccountChange } from "@/lib/domain/account-table";
import type { UpdateAccountsInput } from "@/lib/domain/accounts";

const update = unwrapAction(updateAccountsAction);

export type AccountChange = Omit<UpdateAccountsInput, "accountIds" | "accountId">;

export function useInvalidateAccounts(organizationId: string) {
  const client = useQueryClient();
  return () => Promise.all(queryKeys.afterAccountWrite(organizationId).map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useUpdateAccounts(organizationId: string) {
  const announce = useAnnounce();
  const invalidate = useInvalidateAccounts(organizationId);
  return useMutation({
    mutationFn: ({ accountIds, change }: { accountIds: string[]; change: AccountChange }) => update({ accountIds, ...change }),
    onSuccess: (rows, { change }) => announce.status(describeAccountChange(change, rows.length)),
    onSettled: () => invalidate(),
  });
}
