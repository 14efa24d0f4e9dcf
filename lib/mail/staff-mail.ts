/**
 * The moderators' opt-in mails (issue 14): a comment was reported; held
 * comments have waited too long for review. Plain strings in;
 * lib/mail/render.ts escapes them.
 */
import { SITE_NAME } from "@/lib/site";
import { excerpt, plural } from "@/lib/text";
import type { MailContent } from "./render";
import { MAIL_EXCERPT } from "./reply-mail";

/** At most one mail of each kind per moderator in this long; later events are gathered into it. */
export const STAFF_MAIL_WINDOW_MS = 15 * 60_000;
/** A mail lists this many comments, then says how many more. */
export const LISTED = 10;

export type MailedComment = { author: string; body: string; articleTitle: string };

function listComments(comments: MailedComment[], total: number): string[] {
  const lines = comments
    .slice(0, LISTED)
    .map((c) => `${c.author} on “${c.articleTitle}”: “${excerpt(c.body, MAIL_EXCERPT)}”`);
  const shown = Math.min(comments.length, LISTED);
  if (total > shown) lines.push(`And ${plural(total - shown, "more comment")}.`);
  return lines;
}

export type StaffList = "reports" | "queue";

const COPY: Record<
  StaffList,
  {
    subject: (comments: MailedComment[], total: number) => string;
    intro: (n: number) => string;
    action: string;
    why: string;
  }
> = {
  reports: {
    subject: (c, total) =>
      total === 1
        ? `A comment was reported on “${c[0]!.articleTitle}”`
        : `${total} comments were reported at ${SITE_NAME}`,
    intro: (n) =>
      n === 1
        ? `A reader reported this comment at ${SITE_NAME}:`
        : `Readers reported these ${n} comments at ${SITE_NAME}:`,
    action: "Review reported comments",
    why: "you asked for an email when a comment is reported",
  },
  queue: {
    subject: (_c, total) =>
      total === 1
        ? "A comment has waited more than 30 minutes for review"
        : `${total} comments have waited more than 30 minutes for review`,
    intro: (n) =>
      n === 1
        ? `This comment at ${SITE_NAME} has been held for review for more than 30 minutes:`
        : `These ${n} comments at ${SITE_NAME} have been held for review for more than 30 minutes:`,
    action: "Open the pending queue",
    why: "you asked for an email when the review queue falls behind",
  },
};

/** The mail to one moderator about `total` comments, the first of them listed (at least one), oldest first. */
export function staffMail(
  list: StaffList,
  {
    name,
    comments,
    total = comments.length,
    url,
    unsubscribeUrl,
  }: { name: string; comments: MailedComment[]; total?: number; url: string; unsubscribeUrl: string },
): MailContent {
  const copy = COPY[list];
  return {
    subject: copy.subject(comments, total),
    paragraphs: [`Hello ${name},`, copy.intro(total), ...listComments(comments, total)],
    action: { label: copy.action, url },
    footer: `You get this because ${copy.why} (at most one every 15 minutes). Stop these mails: ${unsubscribeUrl}`,
  };
}
