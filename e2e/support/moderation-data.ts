/**
 * Reports, and what the moderation specs read back, written and read straight
 * in the e2e database (the UI path is not what those tests are about). Articles
 * and comments are made in ./content.ts.
 */
import type { CommentStatus } from "@/lib/vocabulary";
import { e2eDb } from "./users";

function client() {
  return e2eDb().$client;
}

export function insertReport(options: {
  commentId: number;
  userId: string;
  reason: "spam" | "abuse" | "off-topic" | "other";
  note?: string | null;
}): void {
  const db = client();
  db.prepare("insert into comment_reports (user_id, comment_id, reason, note) values (?, ?, ?, ?)").run(
    options.userId,
    options.commentId,
    options.reason,
    options.note ?? null,
  );
  db.prepare("update comments set report_count = report_count + 1 where id = ?").run(options.commentId);
}

export type CommentRow = {
  status: CommentStatus;
  status_reason: string | null;
  report_count: number;
  moderated_by: string | null;
};

export function readComment(id: number): CommentRow {
  return client()
    .prepare("select status, status_reason, report_count, moderated_by from comments where id = ?")
    .get(id) as CommentRow;
}

export function openReports(commentId: number): number {
  return (
    client()
      .prepare("select count(*) as n from comment_reports where comment_id = ? and resolved_at is null")
      .get(commentId) as {
      n: number;
    }
  ).n;
}

export function readArticle(id: number): {
  comment_count: number;
  comments_open: number;
  premod_override: string | null;
} {
  return client()
    .prepare("select comment_count, comments_open, premod_override from articles where id = ?")
    .get(id) as {
    comment_count: number;
    comments_open: number;
    premod_override: string | null;
  };
}

export function readUser(id: string): {
  role: string;
  status: string;
  suspended_until: number | null;
  status_reason: string | null;
} {
  return client().prepare("select role, status, suspended_until, status_reason from users where id = ?").get(id) as {
    role: string;
    status: string;
    suspended_until: number | null;
    status_reason: string | null;
  };
}

export type LogRow = {
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
};

export function logFor(targetType: string, targetId: string | number): LogRow[] {
  return client()
    .prepare(
      "select actor_id, action, target_type, target_id, reason from moderation_log where target_type = ? and target_id = ? order by id desc",
    )
    .all(targetType, String(targetId)) as LogRow[];
}

export function countPending(): number {
  return (
    client().prepare("select count(*) as n from comments where status = 'pending' and deleted_at is null").get() as {
      n: number;
    }
  ).n;
}

export function countReported(): number {
  return (
    client()
      .prepare(
        "select count(*) as n from comments where report_count > 0 and status != 'rejected' and deleted_at is null",
      )
      .get() as { n: number }
  ).n;
}
