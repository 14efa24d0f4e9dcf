/**
 * Imports markdown stories into the database by slug: new slugs are created,
 * known ones updated when the file says something different, the rest left
 * alone. Used by `npm run import-articles` and by the first start's seed
 * (db/seed.ts). Runs outside Next too, so it takes the connection as an argument.
 */
import fs from "node:fs";
import path from "node:path";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { parseArticleSource, sameStory, type ImportedArticle, type ImportReport } from "../lib/article-import";
import type * as schema from "./schema";

type Db = BetterSQLite3Database<typeof schema> & { $client: import("better-sqlite3").Database };

export type ImportFile = { name: string; source: string };

/** Files committed per transaction: a large folder never holds the write lock for long. */
const BATCH = 200;

type StoredRow = {
  id: number;
  title: string;
  dek: string;
  section: string;
  author: string;
  body: string;
  published_at: number;
  updated_at: number;
  comments_open: number;
};

/** The `.md` files of a folder, sorted by name. */
export function readArticleFolder(dir: string): ImportFile[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => ({ name, source: fs.readFileSync(path.join(dir, name), "utf8") }));
}

export function importArticles(
  db: Db,
  files: ImportFile[],
  { onProgress }: { onProgress?: (done: number, total: number) => void } = {},
): ImportReport {
  const report: ImportReport = { created: [], updated: [], unchanged: [], failed: [] };
  const client = db.$client;
  const sectionNames = new Set(
    (client.prepare("select name from sections").all() as { name: string }[]).map((r) => r.name),
  );
  const find = client.prepare(
    "select id, title, dek, section, author, body, published_at, updated_at, comments_open from articles where slug = ?",
  );
  const insert = client.prepare(
    `insert into articles (slug, title, dek, section, author, body, published_at, updated_at, revised_at, status, comments_open)
     values (@slug, @title, @dek, @section, @author, @body, @publishedAt, @updatedAt, @revisedAt, 'published', @commentsOpen)
     on conflict (slug) do nothing`,
  );
  const update = client.prepare(
    `update articles set title = @title, dek = @dek, section = @section, author = @author, body = @body,
       published_at = @publishedAt, updated_at = @updatedAt, revised_at = @revisedAt, comments_open = @commentsOpen,
       version = version + 1 where id = @id`,
  );
  const seen = new Map<string, string>();
  const params = (a: ImportedArticle) => ({
    slug: a.slug,
    title: a.title,
    dek: a.dek,
    section: a.section,
    author: a.author,
    body: a.body,
    publishedAt: a.publishedAt.getTime(),
    updatedAt: a.updatedAt.getTime(),
    // A file's updatedAt later than its publication shows as "Updated" (as an editor's Update does).
    revisedAt: a.updatedAt.getTime() - a.publishedAt.getTime() > 60_000 ? a.updatedAt.getTime() : null,
    commentsOpen: a.commentsOpen ? 1 : 0,
  });
  const importOne = (file: ImportFile) => {
    const parsed = parseArticleSource(file.source, sectionNames);
    if (!parsed.ok) return report.failed.push({ file: file.name, reason: parsed.reason });
    const article = parsed.article;
    const twin = seen.get(article.slug);
    if (twin) return report.failed.push({ file: file.name, reason: `slug "${article.slug}" is also in ${twin}` });
    seen.set(article.slug, file.name);
    const stored = find.get(article.slug) as StoredRow | undefined;
    if (!stored) {
      // A second process seeding the same fresh file at once inserts nothing here.
      if (insert.run(params(article)).changes > 0) report.created.push(article.slug);
      else report.unchanged.push(article.slug);
      return;
    }
    const storedStory: ImportedArticle = {
      slug: article.slug,
      title: stored.title,
      dek: stored.dek,
      section: stored.section,
      author: stored.author,
      body: stored.body,
      publishedAt: new Date(stored.published_at),
      updatedAt: new Date(stored.updated_at),
      commentsOpen: stored.comments_open === 1,
    };
    if (sameStory(storedStory, article)) return report.unchanged.push(article.slug);
    update.run({ ...params(article), id: stored.id });
    report.updated.push(article.slug);
  };
  for (let start = 0; start < files.length; start += BATCH) {
    const batch = files.slice(start, start + BATCH);
    client.transaction(() => batch.forEach(importOne)).immediate();
    onProgress?.(Math.min(start + BATCH, files.length), files.length);
  }
  return report;
}
