import "server-only";
import { writeTransaction } from "@/db";
import { canLike, NOT_FOUND_MESSAGE } from "@/lib/permissions";
import { claimAccountAction } from "./account-actions";
import { readCommentForReaction, readUserForWrite } from "./comments";
import type { WriteResult } from "./comments";

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
    const allowed = canLike(user, target.comment, now, target.article);
    if (!allowed.ok) return { ok: false, message: allowed.message };
    // Liking and unliking both count: each one changes what the article's pages show.
    const limit = claimAccountAction(db, { userId, action: "like", now });
    if (!limit.ok) return { ok: false, message: limit.message };
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
