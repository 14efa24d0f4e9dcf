/**
 * The reply mail: who wants it, how long replies are gathered, and what it
 * says. Plain strings in; lib/mail/render.ts escapes them (a reply's text is
 * never HTML in a mail).
 */
import { SITE_NAME } from "@/lib/site";
import { excerpt } from "@/lib/text";
import type { MailContent } from "./render";

/** At most one reply mail per reader and thread in this long; later replies are gathered. */
export const REPLY_MAIL_WINDOW_MS = 15 * 60_000;

/** `Email me when someone replies to me`: the reader's choice, else on once their address is confirmed. */
export function wantsReplyMail(reader: { replyEmails: boolean | null; confirmed: boolean }): boolean {
  return reader.replyEmails ?? reader.confirmed;
}

/** How much of a comment a notification mail quotes. */
export const MAIL_EXCERPT = 280;

export function replyMail({
  name,
  articleTitle,
  replies,
  total = replies.length,
  url,
  unsubscribeUrl,
}: {
  name: string;
  articleTitle: string;
  /** The latest replies, oldest first (a mail quotes at most a few). */
  replies: { author: string; body: string }[];
  /** How many replies the mail is about, quoted or not. */
  total?: number;
  url: string;
  unsubscribeUrl: string;
}): MailContent {
  const one = total === 1;
  return {
    subject: one
      ? `${replies[0]!.author} replied to you on “${articleTitle}”`
      : `${total} replies to you on “${articleTitle}”`,
    paragraphs: [
      `Hello ${name},`,
      one
        ? `${replies[0]!.author} replied to your comment on “${articleTitle}” at ${SITE_NAME}:`
        : `${total} replies to your comments on “${articleTitle}” at ${SITE_NAME}${total > replies.length ? `; the latest ${replies.length}` : ""}:`,
      ...replies.map((r) => `${r.author}: “${excerpt(r.body, MAIL_EXCERPT)}”`),
    ],
    action: { label: one ? "Read the reply" : "Read the replies", url },
    footer: `You get this because you asked to hear of replies (at most one mail per conversation every 15 minutes). Stop these mails: ${unsubscribeUrl}`,
  };
}
