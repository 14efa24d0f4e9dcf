/**
 * Articles and comments for the comments specs, written straight into the e2e
 * database (for big threads, old comments and other readers' comments), with
 * the stored counts kept the way the app keeps them.
 */
import { e2eDb, uniqueSuffix } from "./users";

function client() {
  return e2eDb().$client;
}

export type TestArticle = { id: number; slug: string; title: string; url: string };

export function createArticle(options: { commentsOpen?: boolean } = {}): TestArticle {
  const suffix = uniqueSuffix();
  const slug = `comments-test-${suffix}`;
  const title = `Harbour ferry timetable changes ${suffix}`;
  // Back-dated, so test stories never push the seed stories off the front page or the feed.
  const when = Date.parse("2019-03-01T09:00:00Z") + Math.floor(Math.random() * 86_400_000);
  const row = client()
    .prepare(
      `insert into articles (slug, title, dek, body, section, author, published_at, updated_at, status, comments_open, comment_count)
       values (?, ?, ?, ?, 'Local', 'Test Desk', ?, ?, 'published', ?, 0) returning id`,
    )
    .get(
      slug,
      title,
      "A story written by the comments tests.",
      "The ferry will run every twenty minutes.\n\nCommuters welcomed the change.",
      when,
      when,
      options.commentsOpen === false ? 0 : 1,
    ) as { id: number };
  return { id: row.id, slug, title, url: `/articles/${slug}` };
}

export function insertComment(options: {
  articleId: number;
  authorId: string;
  body?: string;
  parentId?: number | null;
  status?: "pending" | "approved" | "rejected";
  createdAt?: Date;
  likeCount?: number;
}): { id: number; body: string } {
  const db = client();
  const body = options.body ?? `A considered view ${uniqueSuffix()}`;
  const status = options.status ?? "approved";
  const parent = options.parentId
    ? (db.prepare(`select depth, coalesce(root_id, id) as root from comments where id = ?`).get(options.parentId) as {
        depth: number;
        root: number;
      })
    : null;
  return db.transaction(() => {
    const row = db
      .prepare(
        `insert into comments (article_id, parent_id, root_id, depth, author_id, body, status, created_at, like_count)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      )
      .get(
        options.articleId,
        options.parentId ?? null,
        parent?.root ?? null,
        parent ? Math.min(parent.depth + 1, 2) : 0,
        options.authorId,
        body,
        status,
        (options.createdAt ?? new Date()).getTime(),
        options.likeCount ?? 0,
      ) as { id: number };
    if (!parent) db.prepare(`update comments set root_id = id where id = ?`).run(row.id);
    if (status === "approved") {
      db.prepare(`update articles set comment_count = comment_count + 1 where id = ?`).run(options.articleId);
      if (options.parentId)
        db.prepare(`update comments set reply_count = reply_count + 1 where id = ?`).run(options.parentId);
    }
    return { id: row.id, body };
  })();
}

/** `n` approved top-level comments, one second apart (oldest first); returns their ids oldest first. */
export function insertManyComments(articleId: number, authorId: string, n: number): number[] {
  const db = client();
  const start = Date.now() - n * 1000 - 3600_000;
  const insert = db.prepare(
    `insert into comments (article_id, author_id, body, status, created_at, depth) values (?, ?, ?, 'approved', ?, 0) returning id`,
  );
  return db.transaction(() => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      ids.push((insert.get(articleId, authorId, `Comment number ${i + 1}`, start + i * 1000) as { id: number }).id);
    }
    db.prepare(`update comments set root_id = id where article_id = ? and root_id is null`).run(articleId);
    db.prepare(`update articles set comment_count = comment_count + ? where id = ?`).run(n, articleId);
    return ids;
  })();
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
