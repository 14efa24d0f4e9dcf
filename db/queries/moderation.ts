import "server-only";
import { getDb } from "@/db";
import type { CommentStatus, ReportReason, Role, UserStatus } from "@/lib/vocabulary";

export const QUEUES = ["pending", "reported", "approved", "rejected"] as const;
export type Queue = (typeof QUEUES)[number];

export type QueueCounts = Record<Queue, number>;

// Raw prepared statements: the queue screens run a handful of small indexed
// queries and the SQL reads more plainly than the builder would here.
function client() {
  return getDb().$client;
}

const QUEUE_WHERE: Record<Queue, string> = {
  pending: "c.status = 'pending' and c.deleted_at is null",
  // A report keeps a comment public until someone decides; a rejection settles it.
  reported: "c.report_count > 0 and c.status != 'rejected' and c.deleted_at is null",
  approved: "c.status = 'approved' and c.deleted_at is null",
  rejected: "c.status = 'rejected' and c.deleted_at is null",
};

export function getQueueCounts(): QueueCounts {
  const db = client();
  const count = (q: Queue) =>
    (db.prepare(`select count(*) as n from comments c where ${QUEUE_WHERE[q]}`).get() as { n: number }).n;
  return {
    pending: count("pending"),
    reported: count("reported"),
    approved: count("approved"),
    rejected: count("rejected"),
  };
}

export type QueueReport = { reason: ReportReason; note: string | null; createdAt: Date };

export type QueueItem = {
  id: number;
  body: string;
  status: CommentStatus;
  statusReason: string | null;
  createdAt: Date;
  editedAt: Date | null;
  moderatedAt: Date | null;
  moderatorName: string | null;
  reportCount: number;
  replyCount: number;
  isReply: boolean;
  /** Deleted by its author (moderation queues never show these; search does). */
  deleted: boolean;
  article: { slug: string; title: string };
  author: {
    id: string;
    name: string;
    role: Role;
    status: UserStatus;
    createdAt: Date;
    approvedCount: number;
    rejectedCount: number;
  } | null;
  reports: QueueReport[];
};

type QueueRow = {
  id: number;
  body: string;
  status: CommentStatus;
  status_reason: string | null;
  created_at: number;
  edited_at: number | null;
  moderated_at: number | null;
  moderator_name: string | null;
  report_count: number;
  reply_count: number;
  parent_id: number | null;
  deleted_at: number | null;
  slug: string;
  title: string;
  author_id: string | null;
  author_name: string | null;
  author_role: Role | null;
  author_status: UserStatus | null;
  author_created_at: number | null;
};

const QUEUE_SELECT = `
  select c.id, c.body, c.status, c.status_reason, c.created_at, c.edited_at, c.moderated_at,
         m.name as moderator_name, c.report_count, c.reply_count, c.parent_id, c.deleted_at,
         a.slug, a.title,
         c.author_id, u.name as author_name, u.role as author_role, u.status as author_status,
         u.created_at as author_created_at
  from comments c
  join articles a on a.id = c.article_id
  left join users u on u.id = c.author_id
  left join users m on m.id = c.moderated_by`;

export type QueueCursor = { createdAt: number; id: number };

export function encodeQueueCursor(item: { createdAt: Date; id: number }): string {
  return `${item.createdAt.getTime()}_${item.id}`;
}

export function parseQueueCursor(raw: string | undefined): QueueCursor | null {
  const m = /^(\d{1,15})_(\d{1,12})$/.exec(raw ?? "");
  return m ? { createdAt: Number(m[1]), id: Number(m[2]) } : null;
}

/** One page of a queue, newest first, with what a moderator needs to decide. */
export function listQueueItems({
  queue,
  cursor = null,
  limit = 25,
}: {
  queue: Queue;
  cursor?: QueueCursor | null;
  limit?: number;
}): { items: QueueItem[]; nextCursor: string | null } {
  const db = client();
  const params: (number | string)[] = [];
  let where = QUEUE_WHERE[queue];
  if (cursor) {
    where += " and (c.created_at, c.id) < (?, ?)";
    params.push(cursor.createdAt, cursor.id);
  }
  params.push(limit + 1);
  const rows = db
    .prepare(`${QUEUE_SELECT} where ${where} order by c.created_at desc, c.id desc limit ?`)
    .all(...params) as QueueRow[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const items = hydrate(page);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeQueueCursor(last) : null };
}

/**
 * Comments whose text and author's name together hold every term of an FTS5
 * expression (always one built by lib/search-query.ts), in any state — held,
 * published, removed, deleted by their author — newest first, a page at a time.
 * The index is comments_fts (db/migrations/0005_search_index.sql).
 */
export function searchComments({
  match,
  cursor = null,
  limit = 25,
}: {
  match: string;
  cursor?: QueueCursor | null;
  limit?: number;
}): { items: QueueItem[]; nextCursor: string | null } {
  const params: (number | string)[] = [match];
  let where = "c.id in (select rowid from comments_fts where comments_fts match ?)";
  if (cursor) {
    where += " and (c.created_at, c.id) < (?, ?)";
    params.push(cursor.createdAt, cursor.id);
  }
  params.push(limit + 1);
  const rows = client()
    .prepare(`${QUEUE_SELECT} where ${where} order by c.created_at desc, c.id desc limit ?`)
    .all(...params) as QueueRow[];
  const more = rows.length > limit;
  const items = hydrate(more ? rows.slice(0, limit) : rows);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeQueueCursor(last) : null };
}

function hydrate(rows: QueueRow[]): QueueItem[] {
  const db = client();
  const authorIds = [...new Set(rows.map((r) => r.author_id).filter((id): id is string => !!id))];
  const stats = new Map<string, { approved: number; rejected: number }>();
  if (authorIds.length) {
    const statRows = db
      .prepare(
        `select author_id, sum(status = 'approved') as approved, sum(status = 'rejected') as rejected
         from comments where author_id in (${authorIds.map(() => "?").join(",")}) and deleted_at is null
         group by author_id`,
      )
      .all(...authorIds) as { author_id: string; approved: number; rejected: number }[];
    for (const s of statRows) stats.set(s.author_id, { approved: s.approved, rejected: s.rejected });
  }
  const reports = new Map<number, QueueReport[]>();
  const reportedIds = rows.filter((r) => r.report_count > 0).map((r) => r.id);
  if (reportedIds.length) {
    const reportRows = db
      .prepare(
        `select comment_id, reason, note, created_at from comment_reports
         where comment_id in (${reportedIds.map(() => "?").join(",")}) and resolved_at is null
         order by created_at, id`,
      )
      .all(...reportedIds) as { comment_id: number; reason: ReportReason; note: string | null; created_at: number }[];
    for (const r of reportRows) {
      const list = reports.get(r.comment_id) ?? [];
      list.push({ reason: r.reason, note: r.note, createdAt: new Date(r.created_at) });
      reports.set(r.comment_id, list);
    }
  }
  return rows.map((r) => {
    const s = r.author_id ? stats.get(r.author_id) : undefined;
    return {
      id: r.id,
      body: r.body,
      status: r.status,
      statusReason: r.status_reason,
      createdAt: new Date(r.created_at),
      editedAt: r.edited_at === null ? null : new Date(r.edited_at),
      moderatedAt: r.moderated_at === null ? null : new Date(r.moderated_at),
      moderatorName: r.moderator_name,
      reportCount: r.report_count,
      replyCount: r.reply_count,
      isReply: r.parent_id !== null,
      deleted: r.deleted_at !== null,
      article: { slug: r.slug, title: r.title },
      author:
        r.author_id && r.author_name
          ? {
              id: r.author_id,
              name: r.author_name,
              role: r.author_role ?? "reader",
              status: r.author_status ?? "active",
              createdAt: new Date(r.author_created_at ?? 0),
              approvedCount: s?.approved ?? 0,
              rejectedCount: s?.rejected ?? 0,
            }
          : null,
      reports: reports.get(r.id) ?? [],
    };
  });
}

/** What a decision needs to know about a comment before changing it. */
export type CommentForDecision = {
  id: number;
  status: CommentStatus;
  deleted: boolean;
  reportCount: number;
  body: string;
  articleSlug: string;
  articleSection: string;
};

export function getCommentForDecision({ commentId }: { commentId: number }): CommentForDecision | null {
  const row = client()
    .prepare(
      `select c.id, c.status, c.deleted_at, c.report_count, c.body, a.slug, a.section
       from comments c join articles a on a.id = c.article_id where c.id = ?`,
    )
    .get(commentId) as
    | {
        id: number;
        status: CommentStatus;
        deleted_at: number | null;
        report_count: number;
        body: string;
        slug: string;
        section: string;
      }
    | undefined;
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    deleted: row.deleted_at !== null,
    reportCount: row.report_count,
    body: row.body,
    articleSlug: row.slug,
    articleSection: row.section,
  };
}

/**
 * Settles a comment's open reports. Approving a reported comment clears them
 * (it leaves the Reported queue); rejecting marks them dealt with too.
 * Call inside the decision's writeTransaction.
 */
export function resolveCommentReports({
  commentId,
  now,
  clearCount,
}: {
  commentId: number;
  now: Date;
  clearCount: boolean;
}): void {
  const db = client();
  db.prepare("update comment_reports set resolved_at = ? where comment_id = ? and resolved_at is null").run(
    now.getTime(),
    commentId,
  );
  if (clearCount) db.prepare("update comments set report_count = 0 where id = ?").run(commentId);
}

export type DashboardFigures = {
  pending: number;
  reported: number;
  commentsToday: number;
  mostDiscussed: { slug: string; title: string; recentComments: number; commentCount: number; commentsOpen: boolean }[];
};

/** The dashboard: what waits, today's volume, and where the conversation is. */
export function getDashboardFigures({ now, days = 7 }: { now: Date; days?: number }): DashboardFigures {
  const db = client();
  const counts = getQueueCounts();
  const startOfDay = new Date(now);
  startOfDay.setHours(0, 0, 0, 0);
  // status in (...) lets SQLite walk comments_status_idx for each status.
  const today = db
    .prepare(
      "select count(*) as n from comments where status in ('pending', 'approved', 'rejected') and created_at >= ?",
    )
    .get(startOfDay.getTime()) as { n: number };
  const since = now.getTime() - days * 24 * 60 * 60 * 1000;
  const mostDiscussed = db
    .prepare(
      `select a.slug, a.title, a.comment_count, a.comments_open, t.n
       from (select article_id, count(*) as n from comments
             where status in ('pending', 'approved', 'rejected') and created_at >= ?
             group by article_id order by n desc limit 10) t
       join articles a on a.id = t.article_id
       order by t.n desc, a.published_at desc`,
    )
    .all(since) as { slug: string; title: string; comment_count: number; comments_open: number; n: number }[];
  return {
    pending: counts.pending,
    reported: counts.reported,
    commentsToday: today.n,
    mostDiscussed: mostDiscussed.map((r) => ({
      slug: r.slug,
      title: r.title,
      recentComments: r.n,
      commentCount: r.comment_count,
      commentsOpen: r.comments_open === 1,
    })),
  };
}
