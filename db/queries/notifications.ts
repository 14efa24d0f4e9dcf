import "server-only";
import { getDb, type Db } from "@/db";
import { readUserForWrite } from "@/db/queries/users";
import { queueReplyMailIn } from "@/db/queries/reply-mail";
import { shouldNotify } from "@/lib/notification-rules";
import type { NotificationKind } from "@/lib/vocabulary";

/**
 * Tells `userId` about a comment event, unless lib/notification-rules.ts says
 * not to. Call inside the write transaction of the event itself, so the
 * notification exists exactly when the event does.
 */
export function notifyIn(
  db: Db,
  n: {
    userId: string | null;
    actorId: string | null;
    kind: NotificationKind;
    commentId: number;
    reason?: string | null;
    now: Date;
  },
): void {
  if (!n.userId) return;
  if (!shouldNotify(readUserForWrite(db, n.userId), n.actorId, n.now)) return;
  // A reply names who wrote it; a decision names nobody (moderators act for the site).
  const actorName =
    n.kind === "reply" && n.actorId
      ? ((db.$client.prepare("select name from users where id = ?").get(n.actorId) as { name: string } | undefined)
          ?.name ?? null)
      : null;
  db.$client
    .prepare(
      `insert into notifications (user_id, kind, comment_id, actor_name, reason, created_at) values (?, ?, ?, ?, ?, ?)`,
    )
    .run(n.userId, n.kind, n.commentId, actorName, n.reason ?? null, n.now.getTime());
  // A reply may also be mailed (the reader's choice; gathered per thread). The caller wakes the sender after commit.
  if (n.kind === "reply") queueReplyMailIn(db, { recipientId: n.userId, replyId: n.commentId, now: n.now });
}

/** The unread count the header shows. One indexed count. */
export function countUnreadNotifications({ userId }: { userId: string }): number {
  return (
    getDb()
      .$client.prepare("select count(*) as n from notifications where user_id = ? and read_at is null")
      .get(userId) as { n: number }
  ).n;
}

export type NotificationItem = {
  id: number;
  kind: NotificationKind;
  commentId: number;
  actorName: string | null;
  reason: string | null;
  createdAt: Date;
  read: boolean;
  articleSlug: string;
  articleTitle: string;
  excerpt: string;
};

/** A reader's notifications, newest first, with the comment's article and opening words. */
export function listNotifications({ userId, limit = 100 }: { userId: string; limit?: number }): NotificationItem[] {
  const rows = getDb()
    .$client.prepare(
      `select n.id, n.kind, n.comment_id, n.actor_name, n.reason, n.created_at, n.read_at,
              a.slug, a.title, substr(c.body, 1, 160) as excerpt
       from notifications n join comments c on c.id = n.comment_id join articles a on a.id = c.article_id
       where n.user_id = ? order by n.id desc limit ?`,
    )
    .all(userId, limit) as {
    id: number;
    kind: NotificationKind;
    comment_id: number;
    actor_name: string | null;
    reason: string | null;
    created_at: number;
    read_at: number | null;
    slug: string;
    title: string;
    excerpt: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    commentId: r.comment_id,
    actorName: r.actor_name,
    reason: r.reason,
    createdAt: new Date(r.created_at),
    read: r.read_at !== null,
    articleSlug: r.slug,
    articleTitle: r.title,
    excerpt: r.excerpt,
  }));
}

/** `Mark all as read`. */
export function markAllNotificationsRead({ userId, now }: { userId: string; now: Date }): number {
  return getDb()
    .$client.prepare("update notifications set read_at = ? where user_id = ? and read_at is null")
    .run(now.getTime(), userId).changes;
}
