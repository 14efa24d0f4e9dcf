import "server-only";
import { writeTransaction } from "@/db";
import { decideLike, NOT_FOUND_MESSAGE } from "@/lib/comment-policy";
import { readRecentActions, recordAccountAction } from "./account-actions";
import { readCommentForReaction, type WriteResult } from "./comment-writes";
import { readUserForWrite } from "./users";

/**
 * Likes or unlikes someone else's published comment, once per reader, keeping
 * the stored like count right in the same transaction; at most the per-account
 * like limit of times (lib/rate-limits.ts).
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
    const target = readCommentForReaction(db, commentId);
    if (!user || !target) return { ok: false, message: NOT_FOUND_MESSAGE };
    const likes = readRecentActions(db, { userId, action: "like", now });
    const allowed = decideLike({
      author: user,
      comment: target.comment,
      thread: target.thread,
      now,
      recentLikes: likes.recent,
      unlimited: likes.unlimited,
    });
    if (!allowed.ok) return { ok: false, message: allowed.message };
    recordAccountAction(db, { userId, action: "like", now });
    const removed = sqlite
      .prepare(`delete from comment_likes where user_id = ? and comment_id = ?`)
      .run(userId, commentId);
    const liked = removed.changes === 0;
    if (liked) {
      sqlite
        .prepare(`insert into comment_likes (user_id, comment_id, created_at) values (?, ?, ?)`)
        .run(userId, commentId, now.getTime());
    }
    const row = sqlite
      .prepare(`update comments set like_count = max(0, like_count + ?) where id = ? returning like_count`)
      .get(liked ? 1 : -1, commentId) as { like_count: number };
    return { ok: true, liked, likeCount: row.like_count, articleSlug: target.articleSlug };
  });
}
