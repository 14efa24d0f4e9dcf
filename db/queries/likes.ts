import "server-only";
import { writeTransaction } from "@/db";
import { canLike, NOT_FOUND_MESSAGE } from "@/lib/permissions";
import { readUserForWrite } from "./comments";
import type { WriteResult } from "./comments";

/**
 * Likes or unlikes someone else's published comment, once per reader, keeping
 * the stored like count right in the same transaction.
 */
export function toggleLike({
  commentId,
  userId,
  now = new Date(),
}: {
  commentId: number;
  userId: string;
  now?: Date;
}): WriteResult<{ liked: boolean; likeCount: number; articleSlug: string }> {
  return writeTransaction((db) => {
    const sqlite = db.$client;
    const user = readUserForWrite(db, userId);
    const comment = sqlite
      .prepare(
        `select c.author_id, c.created_at, c.deleted_at, c.status, a.slug, a.comments_open, a.status as article_status
         from comments c join articles a on a.id = c.article_id where c.id = ?`,
      )
      .get(commentId) as
      | {
          author_id: string | null;
          created_at: number;
          deleted_at: number | null;
          status: "pending" | "approved" | "rejected";
          slug: string;
          comments_open: number;
          article_status: "draft" | "published";
        }
      | undefined;
    if (!user || !comment) return { ok: false, message: NOT_FOUND_MESSAGE };
    const allowed = canLike(
      user,
      {
        authorId: comment.author_id,
        createdAt: new Date(comment.created_at),
        deletedAt: comment.deleted_at === null ? null : new Date(comment.deleted_at),
        status: comment.status,
      },
      now,
      { commentsOpen: comment.comments_open === 1, status: comment.article_status },
    );
    if (!allowed.ok) return { ok: false, message: allowed.message };
    const removed = sqlite.prepare(`delete from comment_likes where user_id = ? and comment_id = ?`).run(userId, commentId);
    const liked = removed.changes === 0;
    if (liked) {
      sqlite
        .prepare(`insert into comment_likes (user_id, comment_id, created_at) values (?, ?, ?)`)
        .run(userId, commentId, now.getTime());
    }
    const row = sqlite
      .prepare(`update comments set like_count = max(0, like_count + ?) where id = ? returning like_count`)
      .get(liked ? 1 : -1, commentId) as { like_count: number };
    return { ok: true, liked, likeCount: row.like_count, articleSlug: comment.slug };
  });
}
