import "server-only";
import { writeTransaction } from "@/db";
import type { ReportReason } from "@/lib/vocabulary";
import { decideReport, NOT_FOUND_MESSAGE } from "@/lib/comment-policy";
import { readCommentForReaction, type WriteResult } from "./comment-writes";
import { readUserForWrite } from "./users";
import { queueReportMailIn } from "./staff-mail";

/**
 * Files a reader's report on someone else's published comment. One report per
 * reader and comment (the unique index decides); a first report bumps the
 * comment's report count, which puts it in the moderators' Reported queue.
 */
export function reportComment({
  commentId,
  userId,
  reason,
  note = null,
  now = new Date(),
}: {
  commentId: number;
  userId: string;
  reason: ReportReason;
  note?: string | null;
  now?: Date;
}): WriteResult<{ alreadyReported: boolean; articleSlug: string }> {
  return writeTransaction((db) => {
    const sqlite = db.$client;
    const user = readUserForWrite(db, userId);
    const target = readCommentForReaction(db, commentId);
    if (!user || !target) return { ok: false, message: NOT_FOUND_MESSAGE };
    const allowed = decideReport({ author: user, comment: target.comment, thread: target.thread, now });
    if (!allowed.ok) return { ok: false, message: allowed.message };
    const inserted = sqlite
      .prepare(
        `insert into comment_reports (user_id, comment_id, reason, note, created_at) values (?, ?, ?, ?, ?)
         on conflict (user_id, comment_id) do nothing`,
      )
      .run(userId, commentId, reason, note, now.getTime());
    if (inserted.changes > 0) {
      const counted = sqlite
        .prepare(`update comments set report_count = report_count + 1 where id = ? returning report_count`)
        .get(commentId) as { report_count: number };
      // The first open report puts the comment in the Reported queue: tell the moderators who asked.
      if (counted.report_count === 1) queueReportMailIn(db, { reporterId: userId, now });
    }
    return { ok: true, alreadyReported: inserted.changes === 0, articleSlug: target.articleSlug };
  });
}
