/**
 * The account mails: a password reset, an address to confirm, a change of
 * address. Plain strings in, rendered (and escaped) by lib/mail/render.ts.
 */
import { SITE_NAME } from "@/lib/site";
import type { MailContent } from "./render";

export function passwordResetMail({ name, url }: { name: string; url: string }): MailContent {
  return {
    subject: `Reset your ${SITE_NAME} password`,
    paragraphs: [
      `Hello ${name},`,
      `Someone (we hope you) asked to reset the password of your ${SITE_NAME} account. The link works once, for one hour.`,
      "Setting a new password signs you out everywhere else.",
    ],
    action: { label: "Set a new password", url },
    footer: "If you did not ask for this, ignore this mail: your password stays as it is.",
  };
}

export function confirmEmailMail({ name, url }: { name: string; url: string }): MailContent {
  return {
    subject: `Confirm your email for ${SITE_NAME}`,
    paragraphs: [`Hello ${name},`, `Please confirm that this is your address for your ${SITE_NAME} account.`],
    action: { label: "Confirm my email", url },
    footer: "If you did not create an account, ignore this mail.",
  };
}

export function changeEmailMail({ name, url }: { name: string; url: string }): MailContent {
  return {
    subject: `Confirm your new email for ${SITE_NAME}`,
    paragraphs: [
      `Hello ${name},`,
      `You asked to use this address for your ${SITE_NAME} account. It takes effect when you confirm it.`,
    ],
    action: { label: "Confirm my new email", url },
    footer: "If you did not ask for this, ignore this mail: nothing changes.",
  };
}

export function emailChangeNoticeMail({ name, newEmail }: { name: string; newEmail: string }): MailContent {
  return {
    subject: `Your ${SITE_NAME} email is being changed`,
    paragraphs: [
      `Hello ${name},`,
      `Someone signed in to your ${SITE_NAME} account asked to change its email to ${newEmail}. It changes only when that address is confirmed.`,
      "If this was not you, sign in and change your password: that signs out everyone else.",
    ],
  };
}
