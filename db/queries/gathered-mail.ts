import "server-only";
import type { Db } from "@/db";
import { enqueueMailIn } from "@/db/queries/mail-outbox";
import type { RenderedMail } from "@/lib/mail/render";
import { messageIdDomain } from "@/lib/mail/transport";

/*
 * Notification mails that gather (issue 14): at most one mail per `key` (a
 * reader and thread, a moderator and queue) per `windowMs`. The first event
 * is mailed at once; events within the window after it are gathered into one
 * mail sent when the window ends. The gathering mail is an outbox row with
 * that key, rewritten in the transaction of each event until its time comes;
 * a row the sender may already be sending is never rewritten: the next event
 * opens a new window.
 */

/**
 * Queues or gathers one mail inside the event's write transaction.
 * `compose(since)` renders the mail about every event from `since` on (ms),
 * or null when there is nothing left to tell.
 */
export function gatherMailIn(
  db: Db,
  {
    key,
    windowMs,
    eventAt,
    now,
    to,
    userId,
    headers,
    compose,
  }: {
    key: string;
    windowMs: number;
    /** When this event happened (a held reply approved now is older than now). */
    eventAt: number;
    now: Date;
    to: string;
    userId: string;
    headers: Record<string, string>;
    compose: (since: number) => RenderedMail | null;
  },
): void {
  const last = db.$client
    .prepare(
      "select id, status, attempts, next_attempt_at, created_at from mail_outbox where gather_key = ? order by id desc limit 1",
    )
    .get(key) as
    { id: number; status: string; attempts: number; next_attempt_at: number; created_at: number } | undefined;

  // Still waiting for its time and never tried: gather this event into it.
  if (last && last.status === "queued" && last.attempts === 0 && last.next_attempt_at > now.getTime()) {
    const mail = compose(Math.min(last.created_at, eventAt));
    if (!mail) return;
    db.$client
      .prepare("update mail_outbox set subject = ?, text_body = ?, html_body = ?, headers = ? where id = ?")
      .run(mail.subject, mail.text, mail.html, JSON.stringify(headers), last.id);
    return;
  }
  // A mail with this key went out (or is going) within the window: the next one waits for its end.
  const sendAt = last ? Math.max(now.getTime(), last.next_attempt_at + windowMs) : now.getTime();
  const mail = compose(eventAt);
  if (!mail) return;
  enqueueMailIn(db, {
    to,
    mail,
    headers,
    userId,
    domain: messageIdDomain(),
    now,
    sendAt: new Date(sendAt),
    gatherKey: key,
  });
}
