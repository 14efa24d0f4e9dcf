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
  /** Top-level comments on the seed article by readers who get reply mails: the post-reply row answers them. */
  replyParents: number[];
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
  // Issue 13: the anonymous-article row is measured with a lead image on the page (the
  // HTML carries the figure, srcset and credit; the image files are not requested).
  sqlite
    .prepare(
      `update articles set image_key = ?, image_width = 1600, image_height = 1067,
         image_description = 'National Guard vehicles parked outside a federal building at dawn',
         image_credit = 'Photo: Broadsheet staff' where id = ?`,
    )
    .run("0123456789abcdef0123456789abcdef", first.id);

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
  // Issue 14: the commenters' addresses are confirmed, so a reply to them notifies them in the
  // site and queues a reply mail (on by default once confirmed).
  sqlite.prepare(`update users set emailVerified = ? where id like 'bench-commenter-%'`).run(oldAccount);
  const replyParents = (
    sqlite
      .prepare(
        `select min(id) as id from comments where article_id = ? and parent_id is null
         group by author_id order by id limit ?`,
      )
      .all(seedArticle.id, options.posters) as { id: number }[]
  ).map((r) => r.id);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return { seedArticle, article10k, article100k, reader, posters, replyParents };
}

// ---------------------------------------------------------------- search

/** Words the generated stories are written in, most common first (drawn with a Zipf-like skew). */
const STORY_WORDS = (
  "the of and to a in that is for on was with said it as at by he from his be an have has are " +
  "this but not they were who their which will been had more would after about its one two new " +
  "council city county state government minister officials police court school hospital workers " +
  "families residents business budget plan plans report year years week month people public local " +
  "national federal election vote voters mayor governor party campaign support request requests " +
  "guard troops border immigration enforcement agents department security homeland pentagon " +
  "harbour festival lantern river bridge rail station train bus road traffic housing rent mortgage " +
  "rates bank credit union bakery market prices energy battery plant factory jobs wages strike " +
  "union nurses doctors patients trial triage health care science research observatory comet " +
  "telescope wetland cranes birds restoration climate flood rain storm drought farmers harvest " +
  "theatre stage opera music gallery museum artists students college university library books " +
  "marathon record rovers cup quarterfinal match goal season coach players fans stadium league " +
  "four day week trial pilot scheme tax spending deficit inflation growth exports trade tariffs " +
  "lawyers judge ruling appeal evidence inquiry investigation review audit contract procurement " +
  "water power grid outage repairs crews engineers design architects planning permission approval " +
  "opposition coalition debate motion amendment committee hearing testimony witness statement " +
  "Elderfield Marrow Bay Port Lindell Graybridge Harlow Haverstock Cobalt Valley North Fen Quarry " +
  "Street Okonjo Brennan Castellanos Whitcombe Adeyemi Lindqvist Moreau Tanaka Fitzgerald Novak"
).split(" ");

function zipfPicker(rand: () => number, words: string[]): () => string {
  // Weight 1/(rank+1): "the" is common, "Novak" rare, as in real text.
  const weights = words.map((_, i) => 1 / (i + 1));
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return () => {
    const r = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

function words(pick: () => string, n: number): string {
  return Array.from({ length: n }, pick).join(" ");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const SECTIONS = ["Politics", "Business", "Science", "Culture", "Sport"];

/**
 * Inserts `count` published stories, dated before the demo ones so the fronts
 * still lead with those: headlines of 6–11 words, a standfirst of 16–28 and a
 * body of 6–10 paragraphs (about 500 words), drawn from STORY_WORDS. Written
 * through the articles table, so the search index is filled by its triggers.
 */
export function insertSearchStories(db: Db, count: number, seed = 15): void {
  const rand = prng(seed);
  const pick = zipfPicker(rand, STORY_WORDS);
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `insert into articles (slug, title, dek, body, section, author, published_at, updated_at, status, comments_open, comment_count)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'published', 1, 0)`,
  );
  const newest = Date.parse("2019-12-31T09:00:00Z");
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const title = capitalise(words(pick, 6 + Math.floor(rand() * 6)));
      const dek = capitalise(words(pick, 16 + Math.floor(rand() * 13))) + ".";
      const paragraphs = Array.from({ length: 6 + Math.floor(rand() * 5) }, () =>
        Array.from(
          { length: 2 + Math.floor(rand() * 3) },
          () => capitalise(words(pick, 8 + Math.floor(rand() * 14))) + ".",
        ).join(" "),
      );
      const when = newest - i * 6 * 60 * 60 * 1000;
      insert.run(
        `bench-story-${i + 1}`,
        title,
        dek,
        paragraphs.join("\n\n"),
        SECTIONS[i % SECTIONS.length]!,
        "Bench Desk",
        when,
        when,
      );
    }
  })();
}

/** Queries the search row cycles through: common and rare words, pairs, a phrase, a prefix, stems. */
export const SEARCH_QUERIES = [
  "guard",
  "troops",
  "council budget",
  "national guard",
  '"national guard"',
  "harbour festival",
  "nurs*",
  "observatory comet",
  "mortgage rates",
  "Okonjo",
  "the",
  "strike",
  "flood repairs",
  "immigration enforcement agents",
  "elect*",
  "marathon record",
];
