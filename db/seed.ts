/**
 * Loads the articles in content/articles/*.md into an empty database.
 * Runs on every open but only writes when there are no articles at all.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { parseFrontMatter } from "../lib/front-matter";
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

export function seedIfEmpty(db: BetterSQLite3Database<typeof schema>, dir: string = CONTENT_DIR): number {
  const existing = db.get<{ n: number }>(sql`select count(*) as n from articles`);
  if (existing && existing.n > 0) return 0;
  const rows = loadArticles(dir);
  // Two processes opening a fresh file at once (server and test worker) both seed: the second changes nothing.
  db.insert(schema.articles).values(rows).onConflictDoNothing().run();
  return rows.length;
}
