/**
 * Rows for moderation specs, written straight into the e2e database (the UI
 * path is not what those tests are about). Counts are kept the way the app
 * keeps them, so the public pages agree with the rows.
 */
import { e2eDb, uniqueSuffix } from "./users";

export type CommentStatus = "pending" | "approved" | "rejected";

function client() {
  return e2eDb().$client;
}

/** A fresh published article of the test's own, so closing or pre-moderating it touches no one else. */
export function createArticle(options: { title?: string; publishedAt?: Date } = {}): {
  id: number;
  slug: string;
  title: string;
} {
  const suffix = uniqueSuffix();
  const slug = `moderation-test-${suffix}`;
  const title = options.title ?? `Council weighs new harbour plan ${suffix}`;
  // Back-dated (but well inside any auto-close window the specs set) so test
  // articles never push the seed stories off the front page or the feed.
  const when = (
    options.publishedAt ?? new Date(Date.parse("2020-01-15T09:00:00Z") + Math.floor(Math.random() * 86400_000))
  ).getTime();
  const row = client()
    .prepare(
      `insert into articles (slug, title, dek, body, section, author, published_at, updated_at, status, comments_open, comment_count)
       values (?, ?, ?, ?, 'Local', 'Test Desk', ?, ?, 'published', 1, 0) returning id`,
    )
    .get(slug, title, "A test article for moderation.", "The council met on Tuesday.\n\nIt talked.", when, when) as {
    id: number;
  };
  return { id: row.id, slug, title };
}

export function insertComment(options: {
  articleId: number;
  authorId: string;
  body?: string;
  status?: CommentStatus;
  statusReason?: string | null;
  parentId?: number | null;
  createdAt?: Date;
}): { id: number; body: string } {
  const body = options.body ?? `A considered view on the harbour ${uniqueSuffix()}`;
  const status = options.status ?? "pending";
  const db = client();
  const parent = options.parentId
    ? (db.prepare("select id, root_id, depth from comments where id = ?").get(options.parentId) as {
        id: number;
        root_id: number | null;
        depth: number;
      })
    : null;
  const row = db
    .prepare(
      `insert into comments (article_id, parent_id, root_id, depth, author_id, body, status, status_reason, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    )
    .get(
      options.articleId,
      parent?.id ?? null,
      parent ? (parent.root_id ?? parent.id) : null,
      parent ? Math.min(parent.depth + 1, 2) : 0,
      options.authorId,
      body,
      status,
      options.statusReason ?? null,
      (options.createdAt ?? new Date()).getTime(),
    ) as { id: number };
  if (!parent) db.prepare("update comments set root_id = id where id = ?").run(row.id);
  if (status === "approved") {
    db.prepare("update articles set comment_count = comment_count + 1 where id = ?").run(options.articleId);
    if (parent) db.prepare("update comments set reply_count = reply_count + 1 where id = ?").run(parent.id);
  }
  return { id: row.id, body };
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

export function countLog(): number {
  return (client().prepare("select count(*) as n from moderation_log").get() as { n: number }).n;
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

export function settingsSnapshot(): string {
  return JSON.stringify(client().prepare("select key, value from settings order by key").all());
}
