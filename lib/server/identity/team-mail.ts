// Invitation e-mails through nodemailer, when SMTP_URL is set (dashboard.md §5). Without it the
// Team page only shows the link to copy. The SMTP URL holds a password: it is never logged.
import "server-only";
import nodemailer from "nodemailer";
import type { Config } from "@/env";
import type { Role } from "@/lib/domain/roles";
import { invitationEmail } from "@/lib/domain/team";

export type InvitationMail = { to: string; organizationName: string; inviterName: string; role: Role; link: string; expiresAt: Date };
/** Sends one invitation e-mail; rejects when the server refuses it. */
export type InvitationMailer = (mail: InvitationMail) => Promise<void>;

/** The mailer SMTP_URL configures, or null when it is unset. */
export function invitationMailer(config: Pick<Config, "smtpUrl" | "smtpFrom">): InvitationMailer | null {
  if (!config.smtpUrl) return null;
  // Bounded waits (nodemailer's defaults are minutes): the owner is waiting on the dialog. Set as
  // URL options, which nodemailer reads, unless the URL sets its own.
  const parsed = new URL(config.smtpUrl);
  for (const [k, v] of [["connectionTimeout", "10000"], ["greetingTimeout", "10000"], ["socketTimeout", "20000"]] as const) {
    if (!parsed.searchParams.has(k)) parsed.searchParams.set(k, v);
  }
  const url = parsed.toString();
  // One transport per send: invitations are rare, and a pooled connection would outlive config.
  return async (mail) => {
    const transport = nodemailer.createTransport(url);
    try {
      const { subject, text, html } = invitationEmail(mail);
      await transport.sendMail({ from: config.smtpFrom, to: mail.to, subject, text, html });
    } finally {
      transport.close();
    }
  };
}
