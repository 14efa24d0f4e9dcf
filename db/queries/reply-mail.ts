import "server-only";
import type { Db } from "@/db";
import { gatherMailIn } from "@/db/queries/gathered-mail";
import { unsubscribeHeadersIn } from "@/db/queries/mail-lists";
import { articleViewHref } from "@/lib/article-view";
import { renderMail } from "@/lib/mail/render";
import { replyMail, REPLY_MAIL_WINDOW_MS, wantsReplyMail } from "@/lib/mail/reply-mail";
import { absoluteUrl } from "@/lib/site";

/*
 * Reply mails (issue 14): at most one mail per reader and thread per
 * REPLY_MAIL_WINDOW_MS, later replies gathered into it (db/queries/gathered-mail.ts).
 */

type Recipient = {
  id: string;
  name: string;
  email: string;
  confirmed: boolean;
  replyEmails: boolean | null;
};

function readRecipient(db: Db, userId: string): Recipient | null {
  const row = db.$client
    .prepare(`select id, name, email, emailVerified, reply_emails from users where id = ?`)
    .get(userId) as
    | {
        id: string;
        name: string;
        email: string;
        emailVerified: number | null;
        reply_emails: number | null;
      }
    | undefined;
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    confirmed: row.emailVerified !== null,
    replyEmails: row.reply_emails === null ? null : row.reply_emails === 1,
  };
}

/** How many replies a mail quotes (the latest); it counts the rest. */
const QUOTED = 10;

/**
 * Replies by others to the reader's comments in this thread, published, since
 * `since`: the latest QUOTED, oldest first, and how many in all. Read from the
 * reader's comments in the thread (comments_root_author_idx) to their replies
 * (comments_replies_idx): left to itself SQLite walked every comment posted
 * site-wide since `since`.
 */
function repliesSince(db: Db, { userId, rootId, since }: { userId: string; rootId: number; since: number }) {
  const rows = db.$client
    .prepare(
      `select r.id, r.body, coalesce(u.name, 'Deleted user') as author, a.slug, a.title, count(*) over () as total
       from comments p cross join comments r on r.parent_id = p.id and r.created_at >= ?
       join articles a on a.id = r.article_id left join users u on u.id = r.author_id
       where p.author_id = ? and p.root_id = ? and (r.author_id is null or r.author_id != ?)
         and +r.status = 'approved' and r.deleted_at is null
       order by r.id desc limit ${QUOTED}`,
    )
    .all(since, userId, rootId, userId) as {
    id: number;
    body: string;
    author: string;
    slug: string;
    title: string;
    total: number;
  }[];
  return { latest: rows.reverse(), total: rows[0]?.total ?? 0 };
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
  const { url: unsubscribeUrl, headers } = unsubscribeHeadersIn(db, { userId: recipientId, list: "replies" });
  gatherMailIn(db, {
    key: `reply:${recipientId}:${reply.root_id}`,
    windowMs: REPLY_MAIL_WINDOW_MS,
    eventAt: reply.created_at,
    now,
    to: recipient.email,
    userId: recipientId,
    headers,
    compose: (since) => {
      const replies = repliesSince(db, { userId: recipientId, rootId: reply.root_id, since });
      const latest = replies.latest[replies.latest.length - 1];
      if (!latest) return null;
      return renderMail(
        replyMail({
          name: recipient.name,
          articleTitle: latest.title,
          replies: replies.latest.map((r) => ({ author: r.author, body: r.body })),
          total: replies.total,
          url: absoluteUrl(articleViewHref(latest.slug, { c: latest.id }, `comment-${latest.id}`)),
          unsubscribeUrl,
        }),
      );
    },
  });
}

/** Whether the reader gets reply mails now (their choice, else the default by confirmation). */
export function getReplyMailSetting(db: Db, userId: string): boolean {
  const r = readRecipient(db, userId);
  return r ? wantsReplyMail(r) : false;
}
