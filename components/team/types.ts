// What the Team page hands its client components (plain JSON: instants as ISO strings).
export type MemberRow = { id: string; userId: string; name: string; email: string; role: string; joinedAt: string };
export type InvitationRow = {
  id: string;
  email: string;
  role: string;
  state: "pending" | "expired";
  expiresAt: string;
  inviterName: string;
  /** Present only for those who manage members. */
  link: string | null;
};
