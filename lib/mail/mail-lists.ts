/**
 * The notification mails a person can turn on and off (issue 14): replies to
 * them, for everyone; reported comments and an overdue review queue, for
 * staff who moderate (opt-in). Every such mail carries a one-click
 * unsubscribe link naming its list.
 */
export const MAIL_LISTS = ["replies", "reports", "queue"] as const;
export type MailList = (typeof MAIL_LISTS)[number];

/** A held comment waiting longer than this is overdue for review (moderators who opted in get a mail). */
export const QUEUE_OVERDUE_MS = 30 * 60_000;

export const MAIL_LIST_COPY: Record<MailList, { checkbox: string; about: string }> = {
  replies: { checkbox: "Email me when someone replies to me", about: "when someone replies to a comment" },
  reports: { checkbox: "Email me when a comment is reported", about: "when a comment is reported" },
  queue: {
    checkbox: "Email me when a comment has waited more than 30 minutes for review",
    about: "when a held comment has waited more than 30 minutes for review",
  },
};

export function parseMailList(value: string | null | undefined): MailList {
  return MAIL_LISTS.find((list) => list === value) ?? "replies";
}
