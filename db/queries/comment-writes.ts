import { notifyIn } from "@/db/queries/notifications";
import "server-only";
import type Database from "better-sqlite3";
import { getDb, writeTransaction, type Db } from "@/db";
import type { CommentStatus, PremodMode } from "@/lib/vocabulary";
import { decideDelete, decideEdit, decidePost, NOT_FOUND_MESSAGE, type CommentThread } from "@/lib/comment-policy";
import { PER_DAY } from "@/lib/rate-limits";
import { readRecentActions, recordAccountAction } from "./account-actions";
import { MAX_DEPTH } from "./comment-threads";
import {
  getAutoCloseDaysIn,
  getModerationSettingsIn,
  getRequireConfirmedEmailIn,
  isRateLimitExemptIn,
} from "./settings";
import { readUserForWrite } from "./users";

/*
 * One comment as the policy sees it (getCommentRecord), and the writes. Each
 * write is one BEGIN IMMEDIATE transaction that re-reads what it decides on
 * (the user's standing, the article, the parent, the settings) and asks
 * lib/comment-policy.ts; it then keeps the stored counts right.
 */

// Prepared statements are reused per SQL text by the connection itself (db/index.ts).
function stmt(db: Db, sql: string): Database.Statement {
  return db.$client.prepare(sql);
}

export type CommentRecord = {
  id: number;
  articleId: number;
  articleSlug: string;
  articleSection: string;
  articleCommentsOpen: boolean;
  articleStatus: "draft" | "published";
  articlePublishedAt: Date;
  parentId: number | null;
  depth: number;
  authorId: string | null;
  body: string;
  status: CommentStatus;
  createdAt: Date;
  deletedAt: Date | null;
};

const RECORD_SQL = `select c.id, c.article_id, a.slug, a.section, a.comments_open, a.status as article_status, a.published_at, c.parent_id, c.depth,
  c.author_id, c.body, c.status, c.created_at, c.deleted_at
  from comments c join articles a on a.id = c.article_id where c.id = ?`;

type RecordRow = {
  id: number;
  article_id: number;
  slug: string;
  section: string;
  comments_open: number;
  article_status: "draft" | "published";
  published_at: number;
  parent_id: number | null;
  depth: number;
  author_id: string | null;
  body: string;
  status: CommentStatus;
  created_at: number;
  deleted_at: number | null;
};

function readRecord(db: Db, commentId: number): CommentRecord | null {
  const r = stmt(db, RECORD_SQL).get(commentId) as RecordRow | undefined;
  if (!r) return null;
  return {
    id: r.id,
    articleId: r.article_id,
    articleSlug: r.slug,
    articleSection: r.section,
    articleCommentsOpen: r.comments_open === 1,
    articleStatus: r.article_status,
    articlePublishedAt: new Date(r.published_at),
    parentId: r.parent_id,
    depth: r.depth,
    authorId: r.author_id,
    body: r.body,
    status: r.status,
    createdAt: new Date(r.created_at),
    deletedAt: r.deleted_at === null ? null : new Date(r.deleted_at),
  };
}

/** A comment with what permission checks need to know about it and its article. */
export function getCommentRecord({ commentId }: { commentId: number }): CommentRecord | null {
  return readRecord(getDb(), commentId);
}

// ---------------------------------------------------------------------------
// Writing.

type ArticleRow = {
  id: number;
  slug: string;
  comments_open: number;
  status: "draft" | "published";
  premod_override: PremodMode | null;
  published_at: number;
};

function readArticle(db: Db, articleId: number): ArticleRow | null {
  return (
    (stmt(db, `select id, slug, comments_open, status, premod_override, published_at from articles where id = ?`).get(
      articleId,
    ) as ArticleRow | undefined) ?? null
  );
}

/** The conversation a comment belongs to, as lib/comment-policy.ts weighs it (auto-close included). */
export function threadOfComment(
  record: CommentRecord,
  settings: { autoCloseDays: number; requireConfirmedEmail: boolean },
): CommentThread {
  return {
    commentsOpen: record.articleCommentsOpen,
    status: record.articleStatus,
    publishedAt: record.articlePublishedAt,
    ...settings,
  };
}

/** The site settings a thread is weighed with, read through the caller's connection. */
function threadSettingsIn(db: Db) {
  return { autoCloseDays: getAutoCloseDaysIn(db), requireConfirmedEmail: getRequireConfirmedEmailIn(db) };
}

function threadOfArticle(a: ArticleRow, db: Db): CommentThread {
  return {
    commentsOpen: a.comments_open === 1,
    status: a.status,
    publishedAt: new Date(a.published_at),
    ...threadSettingsIn(db),
  };
}

/**
 * A comment and its thread as the like and report decisions need them, read
 * inside the caller's write transaction.
 */
export function readCommentForReaction(db: Db, commentId: number) {
  const record = readRecord(db, commentId);
  if (!record) return null;
  return { articleSlug: record.articleSlug, comment: record, thread: threadOfComment(record, threadSettingsIn(db)) };
}

/** Keeps `articles.comment_count` and the parent's `reply_count` in step with one comment's visibility. */
function adjustCounts(db: Db, comment: { articleId: number; parentId: number | null }, delta: 1 | -1): void {
  stmt(db, `update articles set comment_count = max(0, comment_count + ?) where id = ?`).run(delta, comment.articleId);
  if (comment.parentId !== null) {
    stmt(db, `update comments set reply_count = max(0, reply_count + ?) where id = ?`).run(delta, comment.parentId);
  }
}

const isVisible = (c: { status: CommentStatus; deletedAt: Date | null }) => c.status === "approved" && !c.deletedAt;

/** Counts the author's approved comments, stopping at `cap` (all the rules need to know). */
function countApproved(db: Db, authorId: string, cap: number, exceptId?: number): number {
  // `+status`: keeps SQLite on comments_author_idx; on comments_status_idx it scanned every approved comment on the site.
  const row = stmt(
    db,
    `select count(*) as n from (select 1 from comments where author_id = ? and +status = 'approved' and deleted_at is null and id != ? limit ?)`,
  ).get(authorId, exceptId ?? -1, cap) as { n: number };
  return row.n;
}

export type WriteResult<T = object> = ({ ok: true } & T) | { ok: false; message: string };

export type CreateCommentResult = WriteResult<{
  id: number;
  status: "approved" | "pending";
  reason: string | null;
  articleSlug: string;
}>;

/**
 * Posts a comment or reply, all in one immediate transaction: the author's
 * standing, the article, the parent, the rate limits and the initial status are
 * decided on what the database holds at this moment.
 */
export function createComment({
  articleId,
  authorId,
  parentId = null,
  body,
  now = new Date(),
}: {
  articleId: number;
  authorId: string;
  parentId?: number | null;
  body: string;
  now?: Date;
}): CreateCommentResult {
  return writeTransaction((db) => {
    const user = readUserForWrite(db, authorId);
    if (!user) return { ok: false, message: "Sign in to comment." };
    const article = readArticle(db, articleId);
    if (!article) return { ok: false, message: NOT_FOUND_MESSAGE };
    const parent = parentId === null ? null : readRecord(db, parentId);
    if (parentId !== null && (!parent || parent.articleId !== articleId)) {
      return { ok: false, message: NOT_FOUND_MESSAGE };
    }
    const recent = stmt(
      db,
      `select created_at, body from comments where author_id = ? and created_at > ? order by created_at desc limit ?`,
      // PER_DAY rows: the most the daily check needs to see.
    ).all(authorId, now.getTime() - 24 * 60 * 60_000, PER_DAY) as { created_at: number; body: string }[];
    const settings = getModerationSettingsIn(db);
    const decision = decidePost({
      author: user,
      thread: threadOfArticle(article, db),
      parent,
      now,
      recent: recent.map((r) => ({ createdAt: new Date(r.created_at), body: r.body })),
      unlimited: isRateLimitExemptIn(db, authorId),
      text: body,
      approvedCount: countApproved(db, authorId, Math.max(settings.premodNewThreshold, 1)),
      articlePremod: article.premod_override,
      settings,
    });
    if (!decision.ok) return { ok: false, message: decision.message };

    const depth = parent ? Math.min(parent.depth + 1, MAX_DEPTH) : 0;
    const rootId = parent
      ? (stmt(db, `select coalesce(root_id, id) as r from comments where id = ?`).get(parent.id) as { r: number }).r
      : null;

    const inserted = stmt(
      db,
      `insert into comments (article_id, parent_id, root_id, depth, author_id, body, status, status_reason, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    ).get(articleId, parentId, rootId, depth, authorId, body, decision.status, decision.reason, now.getTime()) as {
      id: number;
    };
    if (rootId === null) stmt(db, `update comments set root_id = id where id = ?`).run(inserted.id);
    if (decision.status === "approved") {
      adjustCounts(db, { articleId, parentId }, 1);
      if (parent)
        notifyIn(db, { userId: parent.authorId, actorId: authorId, kind: "reply", commentId: inserted.id, now });
    }
    return { ok: true, id: inserted.id, status: decision.status, reason: decision.reason, articleSlug: article.slug };
  });
}

/**
 * Edits one's own comment within the edit window. The new text passes the same
 * word rules: a banned word refuses the edit; a reason to hold it sends a
 * published comment back to review. Edits are limited per account.
 */
export function editComment({
  commentId,
  userId,
  body,
  now = new Date(),
}: {
  commentId: number;
  userId: string;
  body: string;
  now?: Date;
}): WriteResult<{ articleSlug: string; status: CommentStatus }> {
  return writeTransaction((db) => {
    const user = readUserForWrite(db, userId);
    const comment = readRecord(db, commentId);
    if (!user || !comment) return { ok: false, message: NOT_FOUND_MESSAGE };
    const article = readArticle(db, comment.articleId)!;
    const settings = getModerationSettingsIn(db);
    const edits = readRecentActions(db, { userId, action: "edit", now });
    const decision = decideEdit({
      author: user,
      comment,
      thread: threadOfArticle(article, db),
      now,
      recentEdits: edits.recent,
      unlimited: edits.unlimited,
      text: body,
      approvedCount: countApproved(db, userId, Math.max(settings.premodNewThreshold, 1), commentId),
      articlePremod: article.premod_override,
      settings,
    });
    if (!decision.ok) return { ok: false, message: decision.message };
    recordAccountAction(db, { userId, action: "edit", now });
    const { status, hold } = decision;
    stmt(
      db,
      `update comments set body = ?, edited_at = ?, status = ?, status_reason = case when ? then ? else status_reason end where id = ?`,
    ).run(body, now.getTime(), status, hold ? 1 : 0, decision.reason, commentId);
    if (hold) adjustCounts(db, comment, -1);
    return { ok: true, articleSlug: comment.articleSlug, status };
  });
}

/** Soft-deletes one's own comment: it leaves the counts, and leaves a placeholder only while it has replies. */
export function deleteComment({
  commentId,
  userId,
  now = new Date(),
}: {
  commentId: number;
  userId: string;
  now?: Date;
}): WriteResult<{ articleSlug: string; hadReplies: boolean }> {
  return writeTransaction((db) => {
    const user = readUserForWrite(db, userId);
    const comment = readRecord(db, commentId);
    if (!user || !comment) return { ok: false, message: NOT_FOUND_MESSAGE };
    const allowed = decideDelete({
      author: user,
      comment,
      thread: threadOfComment(comment, threadSettingsIn(db)),
      now,
    });
    if (!allowed.ok) return { ok: false, message: allowed.message };
    stmt(db, `update comments set deleted_at = ? where id = ?`).run(now.getTime(), commentId);
    if (isVisible(comment)) adjustCounts(db, comment, -1);
    const replies = (stmt(db, `select reply_count as n from comments where id = ?`).get(commentId) as { n: number }).n;
    return { ok: true, articleSlug: comment.articleSlug, hadReplies: replies > 0 };
  });
}

/**
 * A moderator's decision on a comment (approve, reject, hold). Keeps the article's
 * count and the parent's reply count right in the same transaction; safe to call
 * inside the caller's own writeTransaction (it nests as a savepoint).
 * Returns null when the comment does not exist.
 */
export function setCommentStatus({
  commentId,
  status,
  reason = null,
  moderatorId,
  now = new Date(),
}: {
  commentId: number;
  status: CommentStatus;
  reason?: string | null;
  moderatorId: string | null;
  now?: Date;
}): { articleSlug: string; articleId: number; previousStatus: CommentStatus } | null {
  return writeTransaction((db) => {
    const comment = readRecord(db, commentId);
    if (!comment) return null;
    const before = isVisible(comment);
    const after = isVisible({ status, deletedAt: comment.deletedAt });
    stmt(db, `update comments set status = ?, status_reason = ?, moderated_at = ?, moderated_by = ? where id = ?`).run(
      status,
      reason,
      now.getTime(),
      moderatorId,
      commentId,
    );
    if (before !== after) adjustCounts(db, comment, after ? 1 : -1);
    if (comment.status === "pending" && (status === "approved" || status === "rejected") && !comment.deletedAt) {
      notifyIn(db, { userId: comment.authorId, actorId: moderatorId, kind: status, commentId, reason, now });
      // A held reply reaches the person it answers once it is published.
      const parent = status === "approved" && comment.parentId ? readRecord(db, comment.parentId) : null;
      if (parent) notifyIn(db, { userId: parent.authorId, actorId: comment.authorId, kind: "reply", commentId, now });
    }
    return { articleSlug: comment.articleSlug, articleId: comment.articleId, previousStatus: comment.status };
  });
}

/** Re-derives an article's stored counts from its rows (repair tool and test oracle; reads the whole thread). */
export function recountArticleComments({ articleId }: { articleId: number }): void {
  writeTransaction((db) => {
    db.$client
      .prepare(
        `update comments set reply_count = (select count(*) from comments r where r.parent_id = comments.id and r.status = 'approved' and r.deleted_at is null)
         where article_id = ?`,
      )
      .run(articleId);
    db.$client
      .prepare(
        `update articles set comment_count = (select count(*) from comments c where c.article_id = articles.id and c.status = 'approved' and c.deleted_at is null)
         where id = ?`,
      )
      .run(articleId);
  });
}
