/**
 * What the comments specs read back from the e2e database (rows, reports,
 * stored counts). Articles and comments are made in ./content.ts.
 */
import { e2eDb } from "./users";

function client() {
  return e2eDb().$client;
}

export function getCommentRow(id: number) {
  return client()
    .prepare(
      `select id, body, status, deleted_at, like_count, report_count, reply_count, parent_id, depth from comments where id = ?`,
    )
    .get(id) as
    | {
        id: number;
        body: string;
        status: string;
        deleted_at: number | null;
        like_count: number;
        report_count: number;
        reply_count: number;
        parent_id: number | null;
        depth: number;
      }
    | undefined;
}

export function findCommentIdByBody(articleId: number, body: string): number {
  const row = client().prepare(`select id from comments where article_id = ? and body = ?`).get(articleId, body) as
    { id: number } | undefined;
  if (!row) throw new Error(`No comment with body ${JSON.stringify(body)}`);
  return row.id;
}

export function listReports(commentId: number) {
  return client().prepare(`select user_id, reason, note from comment_reports where comment_id = ?`).all(commentId) as {
    user_id: string;
    reason: string;
    note: string | null;
  }[];
}

export function commentCount(articleId: number): number {
  return (client().prepare(`select comment_count as n from articles where id = ?`).get(articleId) as { n: number }).n;
}
