/**
 * Loads the articles in content/articles/*.md into an empty database, through
 * the importer (db/import.ts) that `npm run import-articles` uses.
 * Runs on every open but only writes when there are no articles at all.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type Database from "better-sqlite3";
import { formatImportReport } from "../lib/article-import";
import { parseFrontMatter } from "../lib/front-matter";
import { importArticles, readArticleFolder } from "./import";
import * as schema from "./schema";

export const CONTENT_DIR = path.resolve(process.cwd(), "content/articles");

export function loadArticleFile(source: string): schema.NewArticle {
  const { data, body } = parseFrontMatter(source);
  const required = ["slug", "title", "dek", "section", "author", "publishedAt"] as const;
  for (const key of required) {
    if (!data[key]) throw new Error(`Article is missing "${key}" in its front matter`);
  }
  const publishedAt = new Date(data.publishedAt!);
  if (Number.isNaN(publishedAt.getTime())) throw new Error(`Bad publishedAt: ${data.publishedAt}`);
  const updatedAt = data.updatedAt ? new Date(data.updatedAt) : publishedAt;
  return {
    slug: data.slug!,
    title: data.title!,
    dek: data.dek!,
    section: data.section!,
    author: data.author!,
    body,
    publishedAt,
    updatedAt,
    status: "published",
    commentsOpen: data.commentsOpen !== "false",
  };
}

export function loadArticles(dir: string = CONTENT_DIR): schema.NewArticle[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => loadArticleFile(fs.readFileSync(path.join(dir, name), "utf8")));
}

export function seedIfEmpty(
  db: BetterSQLite3Database<typeof schema> & { $client: Database.Database },
  dir: string = CONTENT_DIR,
): number {
  const existing = db.get<{ n: number }>(sql`select count(*) as n from articles`);
  if (existing && existing.n > 0) return 0;
  // Two processes opening a fresh file at once (server and test worker) both seed: the second changes nothing.
  const report = importArticles(db, readArticleFolder(dir));
  if (report.failed.length > 0) console.error(formatImportReport(report));
  return report.created.length;
}
