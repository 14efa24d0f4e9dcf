/**
 * Articles and comments written straight into the e2e database, for specs
 * whose subject is not how they are made (big threads, old comments, other
 * readers' comments, held comments). Stored counts are kept the way the app
 * keeps them, so the public pages agree with the rows.
 */
import type { ArticleStatus, CommentStatus } from "@/lib/vocabulary";
import { e2eDb, uniqueSuffix } from "./users";

function client() {
  return e2eDb().$client;
}

export type TestArticle = { id: number; slug: string; title: string; url: string; section: string };

/**
 * A published article of the test's own, so what the test does to it touches
 * no other spec. Back-dated by default (on a random day of 2019), so test
 * stories never push the seed stories off the front page or the feed.
 */
export function createArticle(
  options: {
    title?: string;
    section?: string;
    publishedAt?: Date;
    commentsOpen?: boolean;
    body?: string;
    /** Newsroom state (default published) and owner. */
    status?: ArticleStatus;
    authorId?: string;
    publishAt?: Date;
  } = {},
): TestArticle {
  const suffix = uniqueSuffix();
  const slug = `test-story-${suffix}`;
  const title = options.title ?? `Harbour ferry timetable changes ${suffix}`;
  const section = options.section ?? "Local";
  const when = (
    options.publishedAt ?? new Date(Date.parse("2019-03-01T09:00:00Z") + Math.floor(Math.random() * 300 * 86_400_000))
  ).getTime();
  const row = client()
    .prepare(
      `insert into articles (slug, title, dek, body, section, author, published_at, updated_at, status, comments_open, comment_count, author_id, publish_at)
       values (?, ?, ?, ?, ?, 'Test Desk', ?, ?, ?, ?, 0, ?, ?) returning id`,
    )
    .get(
      slug,
      title,
      "A story written by the end-to-end tests.",
      options.body ?? "The ferry will run every twenty minutes.\n\nCommuters welcomed the change.",
      section,
      when,
      when,
      options.status ?? "published",
      options.commentsOpen === false ? 0 : 1,
      options.authorId ?? null,
      options.publishAt?.getTime() ?? null,
    ) as { id: number };
  return { id: row.id, slug, title, url: `/articles/${slug}`, section: section.toLowerCase() };
}

/** One comment (approved unless `status` says otherwise), as a reply when `parentId` is given. */
export function insertComment(options: {
  articleId: number;
  authorId: string;
  body?: string;
  parentId?: number | null;
  status?: CommentStatus;
  statusReason?: string | null;
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
        `insert into comments (article_id, parent_id, root_id, depth, author_id, body, status, status_reason, created_at, like_count)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      )
      .get(
        options.articleId,
        options.parentId ?? null,
        parent?.root ?? null,
        parent ? Math.min(parent.depth + 1, 2) : 0,
        options.authorId,
        body,
        status,
        options.statusReason ?? null,
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

/**
 * Approved top-level comments, one second apart and all at least an hour old,
 * oldest first (`bodies`, or "Comment number 1…n"); returns their ids oldest first.
 */
export function insertManyComments(articleId: number, authorId: string, bodies: number | string[]): number[] {
  const texts =
    typeof bodies === "number" ? Array.from({ length: bodies }, (_, i) => `Comment number ${i + 1}`) : bodies;
  const db = client();
  const start = Date.now() - texts.length * 1000 - 3600_000;
  const insert = db.prepare(
    `insert into comments (article_id, author_id, body, status, created_at, depth) values (?, ?, ?, 'approved', ?, 0) returning id`,
  );
  return db.transaction(() => {
    const ids = texts.map((text, i) => (insert.get(articleId, authorId, text, start + i * 1000) as { id: number }).id);
    db.prepare(`update comments set root_id = id where article_id = ? and root_id is null`).run(articleId);
    db.prepare(`update articles set comment_count = comment_count + ? where id = ?`).run(texts.length, articleId);
    return ids;
  })();
}

export type StoryRow = {
  id: number;
  slug: string;
  title: string;
  body: string;
  status: ArticleStatus;
  version: number;
  author: string;
  author_id: string | null;
  correction: string | null;
  revised_at: number | null;
  publish_at: number | null;
  comments_open: number;
};

/** A story as the database holds it now, by id (slugs change). */
export function readStory(id: number): StoryRow {
  return client()
    .prepare(
      "select id, slug, title, body, status, version, author, author_id, correction, revised_at, publish_at, comments_open from articles where id = ?",
    )
    .get(id) as StoryRow;
}

/** A story by its current slug, or undefined. */
export function findStory(slug: string): StoryRow | undefined {
  return client()
    .prepare(
      "select id, slug, title, body, status, version, author, author_id, correction, revised_at, publish_at from articles where slug = ?",
    )
    .get(slug) as StoryRow | undefined;
}

/** How many saves History lists for a story. */
export function revisionCount(articleId: number): number {
  return (
    client().prepare("select count(*) as n from article_revisions where article_id = ?").get(articleId) as { n: number }
  ).n;
}
