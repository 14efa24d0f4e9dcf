/**
 * Fills a fresh benchmark database: the seed article with 100 comments, two
 * copies of it with 10,000 and 100,000 comments, the commenters, one signed-in
 * bench reader and the posting readers, and the setting that lifts the rate
 * limits for exactly those bench accounts.
 *
 * Bulk inserts go through raw prepared statements in one transaction per
 * article (100,000 comments take about a second); the stored counters
 * (`articles.comment_count`, `comments.reply_count`) are computed here so the
 * rows look exactly like ones the app wrote.
 */
import type { Db } from "../../db/index";

export type BenchUser = { id: string; name: string; email: string };

export type BenchArticle = { id: number; slug: string; title: string; comments: number };

export type BenchData = {
  seedArticle: BenchArticle;
  article10k: BenchArticle;
  article100k: BenchArticle;
  reader: BenchUser;
  posters: BenchUser[];
};

/** Deterministic PRNG (mulberry32) so every run seeds the same threads. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "the a policy guard troops state federal officials report question lawyers " +
  "review request border agents enforcement court governor budget local " +
  "community my our this that never always really think agree disagree point " +
  "article reporting source evidence history law congress vote whether because " +
  "however although clearly probably people families workers cities towns"
).split(" ");

function sentence(rand: () => number): string {
  const n = 6 + Math.floor(rand() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

function commentBody(rand: () => number): string {
  const sentences = 1 + Math.floor(rand() * 4);
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(rand));
  // Some comments have two paragraphs.
  return rand() < 0.2 ? `${parts.join(" ")}\n\n${sentence(rand)}` : parts.join(" ");
}

const DAY = 24 * 60 * 60 * 1000;

export const SEED_SLUG = "dhs-requests-national-guard-for-immigration-enforcement";

function insertUsers(db: Db, users: BenchUser[], createdAt: number): void {
  const insert = db.$client.prepare(
    `insert into users (id, name, email, role, status, created_at) values (?, ?, ?, 'reader', 'active', ?)`,
  );
  db.$client.transaction(() => {
    for (const user of users) insert.run(user.id, user.name, user.email, createdAt);
  })();
}

/**
 * Inserts `count` approved comments on an article: about 80% top-level, the
 * rest replies (to a top-level comment, some to a reply) so the page shows
 * nested threads. Ids are assigned here so each reply knows its root.
 */
export function insertComments(db: Db, articleId: number, count: number, authors: BenchUser[], seed: number): void {
  const rand = prng(seed);
  const sqlite = db.$client;
  const base = (sqlite.prepare(`select coalesce(max(id), 0) as m from comments`).get() as { m: number }).m;
  const insert = sqlite.prepare(
    `insert into comments (id, article_id, parent_id, root_id, depth, author_id, body, status, created_at, like_count, reply_count)
     values (?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?)`,
  );
  type Row = { id: number; parentId: number | null; rootId: number; depth: number; replies: number };
  const rows: Row[] = [];
  const topLevel: number[] = [];
  const firstLevelReplies: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = base + i + 1;
    const reply = i > 0 && rand() < 0.2;
    if (!reply) {
      rows.push({ id, parentId: null, rootId: id, depth: 0, replies: 0 });
      topLevel.push(id);
      continue;
    }
    const deeper = firstLevelReplies.length > 0 && rand() < 0.25;
    const pool = deeper ? firstLevelReplies : topLevel;
    // Favour recent comments, as real conversations do.
    const parentId = pool[Math.max(0, pool.length - 1 - Math.floor(rand() * Math.min(pool.length, 40)))]!;
    const parent = rows[parentId - base - 1]!;
    parent.replies += 1;
    rows.push({ id, parentId, rootId: parent.rootId, depth: parent.depth + 1, replies: 0 });
    if (!deeper) firstLevelReplies.push(id);
  }
  const start = Date.now() - 7 * DAY;
  const step = Math.max(1, Math.floor((6 * DAY) / Math.max(count, 1)));
  sqlite.transaction(() => {
    rows.forEach((row, i) => {
      insert.run(
        row.id,
        articleId,
        row.parentId,
        row.rootId,
        row.depth,
        authors[Math.floor(rand() * authors.length)]!.id,
        commentBody(rand),
        start + i * step,
        rand() < 0.3 ? Math.floor(rand() * 40) : 0,
        row.replies,
      );
    });
    sqlite.prepare(`update articles set comment_count = comment_count + ? where id = ?`).run(count, articleId);
  })();
}

function copyArticle(db: Db, from: BenchArticle, slug: string, titleSuffix: string, publishedAt: number): BenchArticle {
  const sqlite = db.$client;
  const result = sqlite
    .prepare(
      `insert into articles (slug, title, dek, body, section, author, published_at, updated_at, status, comments_open, comment_count)
       select ?, title || ?, dek, body, section, author, ?, ?, 'published', 1, 0 from articles where id = ?`,
    )
    .run(slug, titleSuffix, publishedAt, publishedAt, from.id);
  return { id: Number(result.lastInsertRowid), slug, title: from.title + titleSuffix, comments: 0 };
}

export function seedBenchData(db: Db, options: { posters: number }): BenchData {
  const sqlite = db.$client;
  // The seed article is the one the site was specified from; any first article will do elsewhere.
  const first = (sqlite
    .prepare(`select id, slug, title from articles where slug = ? and status = 'published'`)
    .get(SEED_SLUG) ??
    sqlite
      .prepare(
        `select id, slug, title from articles where status = 'published' order by published_at asc, id asc limit 1`,
      )
      .get()) as { id: number; slug: string; title: string } | undefined;
  if (!first) throw new Error("The database has no seed article (content/articles is empty?)");
  const seedArticle: BenchArticle = { ...first, comments: 100 };

  const oldAccount = Date.now() - 90 * DAY;
  const commenters: BenchUser[] = Array.from({ length: 200 }, (_, i) => ({
    id: `bench-commenter-${i}`,
    name: `Reader ${i + 1}`,
    email: `reader${i + 1}@bench.invalid`,
  }));
  const reader: BenchUser = { id: "bench-reader", name: "Bench Reader", email: "reader@bench.invalid" };
  const posters: BenchUser[] = Array.from({ length: options.posters }, (_, i) => ({
    id: `bench-poster-${i + 1}`,
    name: `Bench Poster ${String(i + 1).padStart(2, "0")}`,
    email: `poster${i + 1}@bench.invalid`,
  }));
  insertUsers(db, [...commenters, reader, ...posters], oldAccount);

  // Dated years back, so the front page and sections show the real articles.
  const longAgo = Date.parse("2020-01-01T09:00:00Z");
  const article10k = copyArticle(db, seedArticle, "bench-10000-comments", " (10,000 comments)", longAgo);
  const article100k = copyArticle(db, seedArticle, "bench-100000-comments", " (100,000 comments)", longAgo - DAY);

  insertComments(db, seedArticle.id, 100, commenters, 1);
  insertComments(db, article10k.id, 10_000, commenters, 2);
  insertComments(db, article100k.id, 100_000, commenters, 3);
  article10k.comments = 10_000;
  article100k.comments = 100_000;

  // Rate limits lifted for the bench accounts only, by the same setting an admin could write.
  const exempt = [reader.id, ...posters.map((p) => p.id)];
  sqlite
    .prepare(
      `insert into settings (key, value) values ('rateLimitExemptUserIds', ?)
       on conflict(key) do update set value = excluded.value`,
    )
    .run(JSON.stringify(exempt));
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return { seedArticle, article10k, article100k, reader, posters };
}
