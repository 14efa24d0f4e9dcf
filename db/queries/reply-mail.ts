import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { enqueueMailIn } from "@/db/queries/mail-outbox";
import { articleViewHref } from "@/lib/article-view";
import { renderMail } from "@/lib/mail/render";
import { messageIdDomain } from "@/lib/mail/transport";
import { replyMail, REPLY_MAIL_WINDOW_MS, wantsReplyMail } from "@/lib/mail/reply-mail";
import { absoluteUrl } from "@/lib/site";

/*
 * Reply mails (issue 14): at most one mail per reader and thread per
 * REPLY_MAIL_WINDOW_MS. The first reply is mailed at once; replies within the
 * window after it are gathered into one mail sent when the window ends. The
 * gathering mail is an outbox row keyed by reader and thread, rewritten (in
 * the transaction of each reply) until its time comes; a row the sender may
 * already be sending is never rewritten: the next reply opens a new window.
 */

type Recipient = {
  id: string;
  name: string;
  email: string;
  confirmed: boolean;
  replyEmails: boolean | null;
  mailToken: string | null;
};

function readRecipient(db: Db, userId: string): Recipient | null {
  const row = db.$client
    .prepare(`select id, name, email, emailVerified, reply_emails, mail_token from users where id = ?`)
    .get(userId) as
    | {
        id: string;
        name: string;
        email: string;
        emailVerified: number | null;
        reply_emails: number | null;
        mail_token: string | null;
      }
    | undefined;
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    confirmed: row.emailVerified !== null,
    replyEmails: row.reply_emails === null ? null : row.reply_emails === 1,
    mailToken: row.mail_token,
  };
}

/** The reader's unsubscribe secret, made on first use (random; it can only turn mails off). */
function mailTokenIn(db: Db, recipient: Recipient): string {
  if (recipient.mailToken) return recipient.mailToken;
  const token = randomBytes(24).toString("base64url");
  db.$client.prepare("update users set mail_token = ? where id = ?").run(token, recipient.id);
  return token;
}

/** Replies by others to the reader's comments in this thread, published, since `since`. */
function repliesSince(db: Db, { userId, rootId, since }: { userId: string; rootId: number; since: number }) {
  return db.$client
    .prepare(
      `select r.id, r.body, coalesce(u.name, 'Deleted user') as author, a.slug, a.title
       from comments r join comments p on p.id = r.parent_id join articles a on a.id = r.article_id
       left join users u on u.id = r.author_id
       where r.root_id = ? and p.author_id = ? and (r.author_id is null or r.author_id != ?)
         and r.status = 'approved' and r.deleted_at is null and r.created_at >= ?
       order by r.id`,
    )
    .all(rootId, userId, userId, since) as { id: number; body: string; author: string; slug: string; title: string }[];
}

/**
 * Queues (or gathers) the mail for a reply to `recipientId`'s comment, inside
 * the reply's write transaction. Whether to tell the reader at all is the
 * caller's (lib/notification-rules.ts); this decides whether they want mail.
 */
export function queueReplyMailIn(
  db: Db,
  { recipientId, replyId, now }: { recipientId: string; replyId: number; now: Date },
): void {
  const recipient = readRecipient(db, recipientId);
  if (!recipient || !wantsReplyMail(recipient)) return;
  const reply = db.$client.prepare("select root_id, created_at from comments where id = ?").get(replyId) as
    { root_id: number; created_at: number } | undefined;
  if (!reply) return;
  const key = `reply:${recipientId}:${reply.root_id}`;
  const last = db.$client
    .prepare(
      "select id, status, attempts, next_attempt_at, created_at from mail_outbox where gather_key = ? order by id desc limit 1",
    )
    .get(key) as
    { id: number; status: string; attempts: number; next_attempt_at: number; created_at: number } | undefined;

  const token = mailTokenIn(db, recipient);
  const unsubscribeUrl = absoluteUrl(`/api/unsubscribe?t=${encodeURIComponent(token)}`);
  const compose = (since: number) => {
    const replies = repliesSince(db, { userId: recipientId, rootId: reply.root_id, since });
    const latest = replies[replies.length - 1];
    if (!latest) return null;
    return renderMail(
      replyMail({
        name: recipient.name,
        articleTitle: latest.title,
        replies: replies.map((r) => ({ author: r.author, body: r.body })),
        url: absoluteUrl(articleViewHref(latest.slug, { c: latest.id }, `comment-${latest.id}`)),
        unsubscribeUrl,
      }),
    );
  };
  const headers = { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };

  // Still waiting for its time and never tried: gather this reply into it.
  if (last && last.status === "queued" && last.attempts === 0 && last.next_attempt_at > now.getTime()) {
    const mail = compose(Math.min(last.created_at, reply.created_at));
    if (!mail) return;
    db.$client
      .prepare("update mail_outbox set subject = ?, text_body = ?, html_body = ?, headers = ? where id = ?")
      .run(mail.subject, mail.text, mail.html, JSON.stringify(headers), last.id);
    return;
  }
  // A mail for this thread went out (or is going) within the window: the next one waits for its end.
  const sendAt = last ? Math.max(now.getTime(), last.next_attempt_at + REPLY_MAIL_WINDOW_MS) : now.getTime();
  // From this reply on (a held reply approved later is older than now).
  const mail = compose(reply.created_at);
  if (!mail) return;
  enqueueMailIn(db, {
    to: recipient.email,
    mail,
    headers,
    userId: recipientId,
    domain: messageIdDomain(),
    now,
    sendAt: new Date(sendAt),
    gatherKey: key,
  });
}

/** The one-click unsubscribe: turns reply mails off for the reader whose link this is. */
export function unsubscribeByToken(db: Db, token: string): { email: string } | null {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = db.$client.prepare("select id, email from users where mail_token = ?").get(token) as
    { id: string; email: string } | undefined;
  if (!row) return null;
  db.$client.prepare("update users set reply_emails = 0 where id = ?").run(row.id);
  return { email: row.email };
}

/** Whose link this is (for the confirmation page), without changing anything. */
export function readerOfToken(db: Db, token: string): { email: string; replyEmails: boolean | null } | null {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = db.$client.prepare("select email, reply_emails from users where mail_token = ?").get(token) as
    { email: string; reply_emails: number | null } | undefined;
  return row ? { email: row.email, replyEmails: row.reply_emails === null ? null : row.reply_emails === 1 } : null;
}

/** Whether the reader gets reply mails now (their choice, else the default by confirmation). */
export function getReplyMailSetting(db: Db, userId: string): boolean {
  const r = readRecipient(db, userId);
  return r ? wantsReplyMail(r) : false;
}

/** `Email me when someone replies to me` on /account. */
export function setReplyMailSetting(db: Db, { userId, on }: { userId: string; on: boolean }): void {
  db.$client.prepare("update users set reply_emails = ? where id = ?").run(on ? 1 : 0, userId);
}
